// The version list of a policy: newest first, with author (their name when the
// server knows one), time, comment, status and the activation or rollback that
// last made the version active (who, when, why), and which row offers a rollback
// (the server returns to the version that was active before the current activation).
import type { Locale } from '../../i18n/locale.js';

export interface VersionInfo {
  id: string;
  version?: number;
  author?: string;
  /** The server's name for the author (PolicyVersionInfo.createdBy). */
  createdBy?: string;
  createdAt: string;
  comment?: string | null;
  status: string;
  /** The author's user name (the history's authorName); null when not a user. */
  authorName?: string | null;
  lastActivation?: { kind: 'activate' | 'rollback'; actor: string; actorName: string | null; at: string; comment: string | null } | null;
}

/** The activation or rollback that last made a version active, ready to show. */
export interface ActivationNote {
  kind: 'activate' | 'rollback';
  by: string;
  when: string;
  at: string;
  comment: string;
}

export interface HistoryRow {
  id: string;
  version?: number;
  author: string;
  /** createdAt in the reader's language and zone. */
  when: string;
  createdAt: string;
  comment: string;
  status: 'draft' | 'active' | 'retired' | 'other';
  canRollback: boolean;
  activation?: ActivationNote;
}

const STATUSES = new Set(['draft', 'active', 'retired']);

export function formatTime(iso: string, locale: Locale, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(date);
}

export function historyRows(versions: readonly VersionInfo[], locale: Locale, timeZone?: string): HistoryRow[] {
  const hasEarlier = versions.some((v) => v.status === 'retired');
  return [...versions]
    .sort((a, b) => (b.version ?? 0) - (a.version ?? 0) || Date.parse(b.createdAt) - Date.parse(a.createdAt))
    .map((v) => {
      const status = (STATUSES.has(v.status) ? v.status : 'other') as HistoryRow['status'];
      const row: HistoryRow = {
        id: v.id,
        author: v.author ?? v.authorName ?? v.createdBy ?? '',
        when: formatTime(v.createdAt, locale, timeZone),
        createdAt: v.createdAt,
        comment: v.comment ?? '',
        status,
        canRollback: status === 'active' && hasEarlier,
      };
      if (v.version !== undefined) row.version = v.version;
      const a = v.lastActivation;
      if (a) row.activation = { kind: a.kind, by: a.actorName ?? a.actor, when: formatTime(a.at, locale, timeZone), at: a.at, comment: a.comment ?? '' };
      return row;
    });
}
