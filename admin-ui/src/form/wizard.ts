// The placeholder wizard's steps: the [X] values still unfilled when it
// starts, one at a time. The list is fixed at the start so that filling one
// (which removes it from the unfilled list) does not shift the steps.
import type { FormModel, ParamModel } from './model.js';

export interface WizardState {
  names: readonly string[];
  index: number;
}

export function startWizard(model: FormModel): WizardState {
  return { names: model.params.filter((p) => p.unfilled).map((p) => p.name), index: 0 };
}

export interface WizardStep {
  param: ParamModel;
  /** 1-based. */
  n: number;
  total: number;
}

/** The current step, or undefined when the wizard has walked past the last one. */
export function wizardStep(model: FormModel, state: WizardState): WizardStep | undefined {
  const name = state.names[state.index];
  const param = name === undefined ? undefined : model.params.find((p) => p.name === name);
  return param ? { param, n: state.index + 1, total: state.names.length } : undefined;
}

export function moveWizard(state: WizardState, by: 1 | -1): WizardState {
  return { ...state, index: Math.max(0, Math.min(state.names.length, state.index + by)) };
}
