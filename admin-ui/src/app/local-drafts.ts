// The policy text a user has not saved yet, kept in localStorage per scope, so a session
// that ends (401), a reload or a closed tab loses nothing. Cleared once the server has it.
export interface LocalDraft {
  text: string;
  /** The version the edit started from; a re-apply after a 409 needs it. */
  baseVersionId: string | null;
  savedAt: string;
}

const key = (scope: string): string => `beacon.draft.${scope}`;

export function readLocalDraft(scope: string): LocalDraft | undefined {
  try {
    const raw = localStorage.getItem(key(scope));
    if (!raw) return undefined;
    const value = JSON.parse(raw) as Partial<LocalDraft>;
    if (typeof value.text !== 'string' || typeof value.savedAt !== 'string') return undefined;
    return { text: value.text, baseVersionId: typeof value.baseVersionId === 'string' ? value.baseVersionId : null, savedAt: value.savedAt };
  } catch {
    return undefined;
  }
}

export function keepLocalDraft(scope: string, text: string, baseVersionId: string | null): void {
  try {
    localStorage.setItem(key(scope), JSON.stringify({ text, baseVersionId, savedAt: new Date().toISOString() }));
  } catch {
    // Storage full or refused: the draft lives only in the page until saved.
  }
}

export function dropLocalDraft(scope: string): void {
  try {
    localStorage.removeItem(key(scope));
  } catch {
    // nothing kept, nothing to drop
  }
}
