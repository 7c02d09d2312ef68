// The shape of a module: what may appear where, duplicates, required clauses.
import type * as A from '../../grammar/index.js';
import { conditionText } from '../../grammar/index.js';
import { helpFor } from '../suggest.js';
import type { Check, CheckContext } from './context.js';

const LIBRARY_ALLOWS = new Set<A.Declaration['kind']>(['Calendar', 'Zone', 'Use']);

export const libraryContents: Check = {
  name: 'a library holds only calendars',
  run(ctx) {
    if (ctx.file.module.header.level !== 'library') return;
    for (const decl of ctx.file.module.declarations) {
      if (!LIBRARY_ALLOWS.has(decl.kind)) {
        ctx.report('C207', decl.range, `A library may hold only calendars; this ${decl.kind.toLowerCase()} belongs in a group, branch or property.`, {
          help: 'Move it to the policy that uses this library.',
        });
      }
    }
  },
};

function nameOf(decl: A.Declaration): A.Name | undefined {
  switch (decl.kind) {
    case 'Calendar':
    case 'Attribute':
    case 'Param':
    case 'Clock':
    case 'Warning':
    case 'Duty':
    case 'Route':
      return decl.name;
    default:
      return undefined;
  }
}

export const duplicateNames: Check = {
  name: 'names are declared once per file',
  run(ctx) {
    const seen = new Map<string, A.Name>();
    const members = new Map<string, A.Name>();
    const tests = new Map<string, A.StringLit>();
    for (const decl of ctx.file.module.declarations) {
      const name = nameOf(decl);
      if (name && name.text) {
        const key = `${decl.kind}:${name.text}`;
        const first = seen.get(key);
        if (first) {
          ctx.report('C202', name.range, `${decl.kind} '${name.text}' is already declared on line ${first.range.start.line}.`, {
            help: 'Merge the two declarations or rename one.',
          });
        } else {
          seen.set(key, name);
        }
      }
      const memberLists: [string, A.Member[]][] =
        decl.kind === 'Enum' ? [[decl.what, decl.members]] : decl.kind === 'Attribute' ? [[`attribute ${decl.name.text}`, decl.members]] : [];
      for (const [what, list] of memberLists) {
        for (const m of list) {
          if (!m.name.text) continue;
          const key = `${what}:${m.name.text}`;
          const first = members.get(key);
          if (first) {
            ctx.report('C202', m.name.range, `'${m.name.text}' is already listed in ${what} on line ${first.range.start.line}.`);
          } else {
            members.set(key, m.name);
          }
        }
      }
      if (decl.kind === 'Test') {
        const first = tests.get(decl.name.value);
        if (first) ctx.report('C202', decl.name.range, `A test named "${decl.name.value}" already exists on line ${first.range.start.line}.`);
        else tests.set(decl.name.value, decl.name);
      }
    }
  },
};

const clauseNames = new Map<string, string>();

/** A clause's name from its node kind: ClockCalendar -> calendar (the few kinds, remembered: asked for every clause). */
function clauseName(kind: string): string {
  let name = clauseNames.get(kind);
  if (name === undefined) clauseNames.set(kind, (name = kind.replace(/^Clock/, '').toLowerCase()));
  return name;
}

/**
 * C209 for a clause given twice. `owner` names the declaration (`Clock 'x'`), asked for only when
 * there is something to report: this runs for every clock and warning on every keystroke. A
 * declaration has a handful of clauses, so the earlier ones are scanned rather than put in a map.
 */
export function reportDuplicateClauses(ctx: CheckContext, items: readonly { kind: string; range: A.Range; role?: string }[], owner: () => string): void {
  const keys: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as (typeof items)[number];
    const key = item.role ?? clauseName(item.kind);
    keys.push(key);
    const first = keys.indexOf(key);
    if (first < i) {
      ctx.report('C209', item.range, `${owner()} already has a '${key}' clause on line ${(items[first] as (typeof items)[number]).range.start.line}.`, {
        help: item.role ? 'Keep one; list several events with commas (stop resolved, closed).' : 'Keep one of the two.',
      });
    }
  }
}

export const clockClauses: Check = {
  name: 'clocks have one of each clause, and new clocks have start, stop and target',
  run(ctx) {
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind !== 'Clock' || !decl.name.text) continue;
      reportDuplicateClauses(ctx, decl.items, () => `Clock '${decl.name.text}'`);
      let start = false;
      let stop = false;
      let target = false;
      for (const item of decl.items) {
        if (item.kind === 'Target') {
          target = true;
          if (item.table && item.rows.length === 0) {
            ctx.report('C208', item.range, `The target table of clock '${decl.name.text}' has no rows.`, { help: 'Add a row such as `*: 24h`, or remove the empty table.' });
          }
        } else if (item.kind === 'ClockEvents') {
          if (item.role === 'start') start = true;
          else if (item.role === 'stop') stop = true;
        }
      }
      if (ctx.inherited?.clocks.has(decl.name.text)) continue;
      const missing = [start ? '' : 'start', stop ? '' : 'stop', target ? '' : 'target'].filter(Boolean);
      if (missing.length > 0) {
        const inherited = ctx.inherited ? [...ctx.inherited.clocks.keys()] : [];
        const help = inherited.length > 0 ? `To change an inherited clock, use its name. ${helpFor(decl.name.text, inherited, 'clocks')}` : undefined;
        ctx.report('C208', decl.name.range, `Clock '${decl.name.text}' needs ${missing.join(', ')}.`, help ? { help } : {});
      }
    }
  },
};

export const warningClauses: Check = {
  name: 'warning levels have one of each clause, and new levels say when',
  run(ctx) {
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind !== 'Warning' || !decl.name.text) continue;
      reportDuplicateClauses(ctx, decl.items, () => `Warning '${decl.name.text}'`);
      if (ctx.inherited?.warnings.has(decl.name.text)) continue;
      if (!decl.items.some((i) => i.kind === 'When')) {
        const inherited = ctx.inherited ? [...ctx.inherited.warnings.keys()] : [];
        const help = inherited.length > 0 ? helpFor(decl.name.text, inherited, 'warning levels') : 'Add `when <condition>`.';
        ctx.report('C208', decl.name.range, `Warning level '${decl.name.text}' needs a 'when' condition.`, { help });
      }
    }
  },
};

export const tableCells: Check = {
  name: 'each target table cell is given once',
  run(ctx) {
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind !== 'Clock') continue;
      const seen = new Map<string, number>();
      for (const item of decl.items) {
        if (item.kind !== 'Target') continue;
        for (const row of item.rows) {
          // Rows of one cell with different scopes are alternatives, not repeats.
          const cell = `${row.category?.text ?? '*'}/${row.tier?.text ?? '*'}`;
          const key = row.scope ? `${cell} applies to ${conditionText(row.scope.condition)}` : cell;
          const line = seen.get(key);
          if (line !== undefined) ctx.report('C404', row.range, `The cell ${key} is already given on line ${line}.`, { help: 'Keep one of the two rows.' });
          else seen.set(key, row.range.start.line);
        }
      }
    }
  },
};
