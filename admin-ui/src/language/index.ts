// The public face of the .sla language services. Pure functions of text, path,
// related files and a position: no DOM, no Monaco (monaco-adapter.ts turns them
// into Monaco providers), so each is unit-tested in node.
export type { EditorRange, TextEdit, RelatedFile } from './types.js';
export { analyse, type Analysis } from './analysis.js';
export { completionsAt, slotFor, type CompletionItem } from './completion.js';
export { hoverAt, type Hover } from './hover.js';
export { definitionAt, type Definition } from './definition.js';
export { outline, type OutlineItem, type OutlineKind } from './outline.js';
export { quickFixes, suggestionOf, type QuickFix } from './quick-fixes.js';
export { formatEdits } from './formatting.js';
export { readOnlyRanges, blockingRange, ownerOfDeclaration, type OwnedRange, type Owner, type Role } from './ownership.js';
export { answer, newest, markerMessage, type DiagnosticsRequest, type DiagnosticsResponse, type Marker } from './diagnostics-protocol.js';
export { DiagnosticsClient, DIAGNOSTICS_DEBOUNCE_MS, type Timers } from './diagnostics-client.js';
export { slaLanguage, slaLanguageConfiguration, SLA_LANGUAGE_ID } from './monarch.js';
export { keywordDocs } from './keyword-docs.js';
export { offsetAt } from './positions.js';
export { applyTextEdits } from './text-edits.js';
