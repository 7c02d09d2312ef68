// One entry point for the form: a field, what the user typed and their role
// in, text edits or a problem to show out. Every edit is checked before it
// leaves: the edited text must parse as cleanly as before and read back as
// exactly the value asked for, or the form refuses rather than hand the editor
// text that means something else.
import { hasErrors, parse } from '../../../grammar/index.js';
import { applyEdits, type Edit } from './edits.js';
import { paramEdit, penaltyEdit, planEdit, targetEdit, thresholdEdit, type Built } from './edit-builders.js';
import { mayEdit, targetKey, type FieldRef, type Role } from './fields.js';
import { parseDuration, parseParamValue, parsePoints, parseTarget, parseThreshold, type InputProblem, type Parsed } from './inputs.js';
import { buildFormModel, type FormModel } from './model.js';

export type EditOutcome = { ok: true; edits: Edit[]; text: string } | { ok: false; problem: InputProblem };

/** The field's value as the model shows it (as written), or undefined when the policy does not have it. */
export function fieldValue(model: FormModel, field: FieldRef): string | undefined {
  switch (field.kind) {
    case 'target':
      return model.clocks.find((c) => c.name === field.clock)?.rows.get(targetKey(field.category, field.tier))?.text;
    case 'param':
      return model.params.find((p) => p.name === field.name)?.value;
    case 'threshold':
      return model.warnings.find((w) => w.name === field.warning)?.thresholds[field.index]?.value;
    case 'plan':
      return model.warnings.find((w) => w.name === field.warning)?.plan?.value;
    case 'penalty':
      return model.penalties.find((p) => p.level === field.level)?.value;
  }
}

function parseInput(model: FormModel, field: FieldRef, input: string): Parsed {
  switch (field.kind) {
    case 'target': {
      const params = new Map(model.params.map((p) => [p.name, p.type]));
      return parseTarget(input, params);
    }
    case 'param': {
      const param = model.params.find((p) => p.name === field.name);
      return param ? parseParamValue(param.type, input) : { ok: false, problem: 'notFound' };
    }
    case 'threshold': {
      const threshold = model.warnings.find((w) => w.name === field.warning)?.thresholds[field.index];
      return threshold ? parseThreshold(threshold.kind, input) : { ok: false, problem: 'notFound' };
    }
    case 'plan':
      return parseDuration(input);
    case 'penalty':
      return parsePoints(input);
  }
}

function build(model: FormModel, field: FieldRef, text: string): Built {
  const context = model.context;
  switch (field.kind) {
    case 'target':
      return targetEdit(context, field.clock, field.category, field.tier, text);
    case 'param':
      return paramEdit(context, field.name, text);
    case 'threshold':
      return thresholdEdit(context, field.warning, field.index, text);
    case 'plan':
      return planEdit(context, field.warning, text);
    case 'penalty':
      return penaltyEdit(context, field.level, text);
  }
}

/** The edits that make `field` say `input`, for a user of `role`; [] when it already does. */
export function editField(model: FormModel, field: FieldRef, input: string, role: Role): EditOutcome {
  if (!mayEdit(role, field)) return { ok: false, problem: 'readOnly' };
  if (model.broken) return { ok: false, problem: 'broken' };
  const parsed = parseInput(model, field, input);
  if (!parsed.ok) return parsed;
  const built = build(model, field, parsed.text);
  if (!built.ok) return built;
  return verified(model, field, parsed.text, built.edits);
}

/**
 * The edits, if the text after them parses without errors and the field reads
 * back as `expected`; else the 'internal' problem (the form then asks for the
 * change in the editor rather than hand it text that means something else).
 */
export function verified(model: FormModel, field: FieldRef, expected: string, edits: Edit[]): EditOutcome {
  const source = model.context.file.parsed.source.text;
  if (edits.length === 0) return { ok: true, edits, text: source };
  const after = applyEdits(source, edits);
  if (hasErrors(parse(after).diagnostics)) return { ok: false, problem: 'internal' };
  const reread = buildFormModel(model.path, after, model.context.related);
  if (fieldValue(reread, field) !== expected) return { ok: false, problem: 'internal' };
  return { ok: true, edits, text: after };
}
