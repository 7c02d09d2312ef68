// The public face of the engine. Runs in the browser as well as in Node.
export { checkSources, checkText, type CheckResult } from './check.js';
export { buildWorkspace, type SourceFile, type Workspace, type ModuleFile } from './workspace.js';
export { effectivePolicy, targetFor, cellKey, type EffectiveClock, type EffectivePolicy, type From } from './effective.js';
export { stages } from './checks/registry.js';
export { FUNCTIONS, TICKET_FIELDS, CLOCK_STATES, PARAM_TYPES } from './builtins.js';
export { compile, type CompileOptions, type CompileResult } from './compile/compile.js';
export type { CompiledPolicy, CompiledClock, CompiledWarning, CompiledTarget, ServiceCalendar } from './compile/types.js';
export { evaluate, present, instantMs, type EvaluateOptions, type EvaluateOutcome } from './evaluate/evaluate.js';
export { evaluateCore, type CoreResult } from './evaluate/core.js';
export { indexTickets, streamingContext, noContext, type TicketContext } from './evaluate/context.js';
export { quickShapeError, schemaErrors, ticketErrors, vocabularyErrors } from './evaluate/validate.js';
export { simulate, Simulation, mergeReports, type SimulationReport, type SimulateOptions, type ChangedTicket } from './simulate.js';
export { runPolicyTests, runTest as runPolicyTest, testTickets, type TestOutcome, type TestRun, type TestFailure } from './policy-tests.js';
export { toJsonRules, factsFor, levelsByRulesEngine } from './json-rules.js';
export { ticketSchema, ticketEventSchema, evaluationResultSchema } from './schemas.js';
export { evaluateCatalogue, type EngineError, type EvaluateCode } from './errors.js';
export type * from './ticket.js';
export { provenanceOf, type ProvenanceRow } from './provenance.js';
