// The policy page's parts made in other folders of admin-ui (see the UI contract):
// <beacon-editor> (src/editor), <beacon-policy-form> (src/form), and the panels
// (src/panels). Their modules are found with import.meta.glob, so this page builds and
// runs whether or not a folder is there yet, and all of them (Monaco with the editor)
// load only when a policy page opens. Workers in those folders are left to their owners.
export interface Edit {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  text: string;
}

export interface Marker {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
}

/** What the page uses of <beacon-editor>, or of the plain-text stand-in when it is missing. */
export interface EditorApi extends HTMLElement {
  value: string;

  path: string;
  related: { path: string; text: string }[];
  readOnly: boolean;
  getValue(): string;
  setValue(text: string): void;
  applyEdits(edits: Edit[]): void;
  revealLine(line: number): void;
  setExtraMarkers(owner: string, markers: Marker[]): void;
  showDiff(original: string): void;
  hideDiff(): void;
}

const modules = import.meta.glob(['../../editor/**/*.ts', '../../form/**/*.ts', '../../panels/**/*.ts', '!**/*.worker.ts', '!**/*worker*/**', '!**/*.test.ts']);

let loading: Promise<void> | undefined;

/** Loads every module of those folders once; resolves when each has been tried. */
export function loadCollaborators(): Promise<void> {
  loading ??= Promise.allSettled(Object.values(modules).map((load) => load())).then((results) => {
    for (const r of results) if (r.status === 'rejected') console.error('a policy page module failed to load', r.reason);
  });
  return loading;
}

export const has = (tag: string): boolean => customElements.get(tag) !== undefined;
