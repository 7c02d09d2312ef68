// What every check sees: the module being checked, its effective policy (the
// chain up to and including it) and a way to report.
import { diagnostic, type Diagnostic, type DiagnosticCode, type Range, type Severity } from '../../grammar/index.js';
import type { EffectivePolicy } from '../effective.js';
import type { ModuleFile, Workspace } from '../workspace.js';

export interface CheckContext {
  ws: Workspace;
  file: ModuleFile;
  policy: EffectivePolicy;
  /** The effective policy of the parent chain, to tell overrides from new declarations. */
  inherited: EffectivePolicy | undefined;
  report(code: DiagnosticCode, range: Range, message: string, options?: { help?: string; severity?: Severity; uri?: string }): void;
}

export function createContext(
  ws: Workspace,
  file: ModuleFile,
  policy: EffectivePolicy,
  inherited: EffectivePolicy | undefined,
  sink: Diagnostic[],
): CheckContext {
  return {
    ws,
    file,
    policy,
    inherited,
    report(code, range, message, options = {}) {
      sink.push(diagnostic(code, range, message, { ...options, uri: options.uri ?? file.uri }));
    },
  };
}

export interface Check {
  /** Shown in traces and tests; names what is being judged. */
  name: string;
  run(ctx: CheckContext): void;
}
