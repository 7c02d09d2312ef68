// What the page shows and does after a 409 (the draft's base is not the latest version):
// the lines that changed underneath, and the user's edit re-applied on the new base.
import type { ApiClient, ApiError, PolicyVersion } from '../../api/index.js';
import { hunks, merge3, splitLines } from './merge.js';

export interface Underneath {
  latest: PolicyVersion;
  /** The newer version's changes against the user's base: removed and added lines, in order. */
  changes: { removed: string[]; added: string[]; line: number }[];
}

export async function whatChanged(api: ApiClient, error: ApiError, baseText: string): Promise<Underneath | undefined> {
  const latestId = error.problem.latestVersionId;
  if (!latestId) return undefined;
  const latest = await api.version(latestId);
  const base = splitLines(baseText);
  const changes = hunks(base, splitLines(latest.source)).map((h) => ({ removed: base.slice(h.start, h.end), added: h.lines, line: h.start + 1 }));
  return { latest, changes };
}

/** The user's text with their edit moved onto the latest version, or undefined when both touch the same lines. */
export function reapply(baseText: string, mine: string, latest: string): string | undefined {
  const merged = merge3(baseText, mine, latest);
  return merged.ok ? merged.text : undefined;
}
