// The public face of the engine. Runs in the browser as well as in Node.
export { checkSources, checkText, type CheckResult } from './check.js';
export { buildWorkspace, type SourceFile, type Workspace, type ModuleFile } from './workspace.js';
export { effectivePolicy, targetFor, cellKey, type EffectivePolicy, type From } from './effective.js';
export { stages } from './checks/registry.js';
export { FUNCTIONS, TICKET_FIELDS, CLOCK_STATES, PARAM_TYPES } from './builtins.js';
