// The events the form and the panels send to the policy page, typed once.
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

declare global {
  interface GlobalEventHandlersEventMap {
    'beacon-form-edit': CustomEvent<FormEditDetail>;
    'beacon-reveal': CustomEvent<RevealDetail>;
  }
}
