// Request and response schemas: the one source of validation (ajv.ts) and of types (infer.ts).
export * from './common.js';
export * from './evaluate.js';
export * from './health.js';
export { check, REQUEST_INVALID, type Check } from './ajv.js';
export { NUL_IN_TEXT, nulMistakes } from './nul.js';
export { TICKET_REF, EVALUATION_RESULT_REF, type Infer } from './infer.js';
export * from './auth.js';
export * from './policies.js';
export * from './tickets.js';
export * from './import.js';
export * from './simulate.js';
export * from './organisations.js';
export * from './duties.js';
export * from './scores.js';
export * from './admin.js';
export * from './notifications.js';
export * from './unit-ledger.js';
