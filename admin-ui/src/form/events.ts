// The events the form and the panels send to the policy page, typed once.
// 'beacon-reveal' from the try-ticket panel's active side names `<path>@active`:
// those lines are in the active version's text, not the draft in the editor.
import type { Edit } from './edits.js';

/** The form's change as text edits, for <beacon-editor>.applyEdits (one undo step). */
export interface FormEditDetail {
  edits: Edit[];
}

/** Show a line in the editor; `uri` when it is in another file than the one edited (the group, a branch). */
export interface RevealDetail {
  line: number;
  uri?: string;
}

export function emit<T>(host: EventTarget, name: string, detail: T): void {
  host.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true }));
}

/** A version of the history: 'beacon-open-version' to show it, 'beacon-rollback' on the active one. */
export interface VersionDetail {
  id: string;
}

/** After <beacon-test-results> ran the tests (activation is refused while any fails). */
export interface TestsRunDetail {
  passed: number;
  failed: number;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'beacon-form-edit': CustomEvent<FormEditDetail>;
    'beacon-reveal': CustomEvent<RevealDetail>;
    'beacon-open-version': CustomEvent<VersionDetail>;
    'beacon-rollback': CustomEvent<VersionDetail>;
    'beacon-tests-run': CustomEvent<TestsRunDetail>;
  }
}
