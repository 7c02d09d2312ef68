// The server's public face: what the CLI and other layers may use.
export { createApp, type App, type AppOptions } from './app.js';
export { start, runUntilSignal, type Running, type StartOptions } from './main.js';
export { loadConfig, describeStore, ConfigError, configSchema, DEFAULT_HOST, DEFAULT_PORT, type ServerConfig, type ConfigFlags } from './config.js';
export { createMetrics, type Metrics } from './metrics.js';
export { sweepOnce, startSweeper } from './sweep.js';
export { openApiDocument, docsPage, ROUTES } from './openapi.js';
export { createPolicyService, importPolicies, readPolicyFolder, readPropertyRecords, librariesOf, type PolicyService, type ActivePolicy, type ImportReport } from './policies.js';
export * from './errors.js';
export * as schemas from './schemas/index.js';
export type { Problem, ErrorItem, EvaluateRequest, EvaluateResponse, BatchRequest, BatchResponse, NdjsonLine } from './schemas/index.js';
export * from './store/index.js';
export { changeUser, resetPassword, temporaryPassword, LastAdminError, type UserChangeRequest } from './user-admin.js';
