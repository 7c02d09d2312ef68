// The diagnostics web worker's protocol and its pure core. The worker
// (diagnostics.worker.ts) is a thin shell around `answer`; the page side is
// DiagnosticsClient (diagnostics-client.ts). Every request carries a sequence
// number; only the answer to the newest request is ever shown.
import { catalogue, type Diagnostic } from '../../../grammar/index.js';
import type { Locale } from '../i18n/locale.js';
import { analyse } from './analysis.js';
import { readOnlyRanges, type OwnedRange, type Role } from './ownership.js';
import { editorRange, type EditorRange, type RelatedFile } from './types.js';

export interface DiagnosticsRequest {
  seq: number;
  path: string;
  text: string;
  related: RelatedFile[];
  locale: Locale;
  /** The signed-in role, for the sections it may not change. */
  role: Role;
}

export interface Marker extends EditorRange {
  code: string;
  severity: Diagnostic['severity'];
  message: string;
  help?: string;
}

export interface DiagnosticsResponse {
  seq: number;
  markers: Marker[];
  /** The sections `role` may not change in this text, from the same parse (the page need not parse while the user types). */
  readOnly: OwnedRange[];
  /** Time the check took, for the benchmark and the status line. */
  ms: number;
}

/** The message as the user reads it: in zh-CN the catalogue's Chinese title leads. */
export function markerMessage(d: Diagnostic, locale: Locale): string {
  return locale === 'zh-CN' ? `${catalogue[d.code].zh}：${d.message}` : d.message;
}

/** Checks the open file with its related files exactly as `beacon check` does; markers only for the open file. */
export function answer(request: DiagnosticsRequest, now: () => number = () => performance.now()): DiagnosticsResponse {
  const started = now();
  const { check, module } = analyse(request.text, request.path, request.related);
  const markers: Marker[] = check.diagnostics
    .filter((d) => d.uri === undefined || d.uri === request.path)
    .map((d) => {
      const m: Marker = { ...editorRange(d.range), code: d.code, severity: d.severity, message: markerMessage(d, request.locale) };
      if (d.help !== undefined) m.help = d.help;
      return m;
    });
  return { seq: request.seq, markers, readOnly: readOnlyRanges(module, request.role), ms: now() - started };
}

/** Of the requests waiting in the worker's queue, only the newest needs an answer. */
export function newest(queue: readonly DiagnosticsRequest[]): DiagnosticsRequest | undefined {
  return queue.reduce<DiagnosticsRequest | undefined>((best, r) => (best === undefined || r.seq > best.seq ? r : best), undefined);
}
