// Registers <beacon-editor>.
import { BeaconEditor } from './beacon-editor.component.js';

export { BeaconEditor };
export type { EditorEdit, EditorMarker, EditorDiagnostic } from './beacon-editor.component.js';

if (!customElements.get('beacon-editor')) customElements.define('beacon-editor', BeaconEditor);

declare global {
  interface HTMLElementTagNameMap {
    'beacon-editor': BeaconEditor;
  }
  interface GlobalEventHandlersEventMap {
    'beacon-change': CustomEvent<{ value: string }>;
    /** `checkMs`: how long the worker's check took (for the status line and the benchmark). */
    'beacon-diagnostics': CustomEvent<{ diagnostics: import('./beacon-editor.component.js').EditorDiagnostic[]; checkMs: number }>;
    'beacon-open-file': CustomEvent<{ path: string; line: number }>;
  }
}
