// What the audit page makes of an entry: the diff it links to, and a one-line detail.
import type { AuditEntry } from '../../api/index.js';

/** The path of the policy diff an entry names (both versions known), or undefined. */
export function diffPathOf(entry: AuditEntry): string | undefined {
  if (!entry.beforeVersionId || !entry.afterVersionId) return undefined;
  return `/audit/diff/${encodeURIComponent(entry.beforeVersionId)}/${encodeURIComponent(entry.afterVersionId)}`;
}

/** The detail as `name: value` pairs, long values cut, so a row stays one line. */
export function detailLine(detail: AuditEntry['detail'], max = 160): string {
  if (!detail) return '';
  const text = Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The actions the filter offers: those the server writes today (server/routes), then any seen. */
export const KNOWN_ACTIONS = [
  'policy.draft',
  'policy.activate',
  'policy.rollback',
  'user.setup',
  'user.create',
  'user.update',
  'user.password-reset',
  'key.create',
  'key.revoke',
  'organisation.create',
  'property.update',
  'property.units',
  'tickets.import',
] as const;

/** The entries of the chosen action. The server filters too once it knows `action`; this keeps the page right before. */
export function ofAction(entries: readonly AuditEntry[], action: string): AuditEntry[] {
  return action === '' ? [...entries] : entries.filter((e) => e.action === action);
}
