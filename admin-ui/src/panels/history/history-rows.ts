// The version list of a policy: newest first, with author, time, comment and
// status, and which row offers a rollback (the server returns to the version
// that was active before the current activation).
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
        author: v.author ?? v.createdBy ?? '',
        when: formatTime(v.createdAt, locale, timeZone),
        createdAt: v.createdAt,
        comment: v.comment ?? '',
        status,
        canRollback: status === 'active' && hasEarlier,
      };
      if (v.version !== undefined) row.version = v.version;
      return row;
    });
}
