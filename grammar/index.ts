// The public face of the language front end. Other layers import only this file.
// Runs in the browser as well as in Node: nothing here may use Node-only APIs.
export type * from './ast.js';
export { parse, type ParseResult } from './parse.js';
export { incrementalParser, type IncrementalParser } from './incremental-parse.js';
export { format } from './format/format.js';
export { monarchLanguage, type MonarchLanguage } from './highlight.js';
export { SourceText } from './source-text.js';
export {
  catalogue,
  diagnostic,
  diagnosticCodes,
  hasErrors,
  sortDiagnostics,
  type Diagnostic,
  type DiagnosticCode,
  type Severity,
} from './diagnostics.js';
export { keywordWords } from './tokens.js';
export { durationMinutes } from './build-values.js';
export { durationText } from './format/literals.js';
export { argumentText, conditionLines, conditionText, operandText, targetValueText, valueText } from './format/values.js';
export { displayWidth } from './format/text-width.js';
export { contentAssist, type ContentAssist, type NextToken } from './content-assist.js';
