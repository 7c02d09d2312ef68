// The policy page's parts made in other folders of admin-ui: <beacon-editor> (src/editor),
// <beacon-policy-form> (src/form) and the panels (src/panels). They are imported here, and
// only here, by dynamic import: the app's first load does not carry them (Monaco comes with
// the editor), and they load when a policy page first opens. Their types are theirs.
import type { BeaconEditor, EditorEdit, EditorMarker } from '../../editor/beacon-editor.js';

export type EditorApi = BeaconEditor;
export type Edit = EditorEdit;
export type Marker = EditorMarker;

let loading: Promise<void> | undefined;

/** Loads and registers the editor, the form and the panels, once. */
export function loadCollaborators(): Promise<void> {
  loading ??= Promise.all([
    import('../../editor/beacon-editor.js'),
    import('../../form/policy-form/policy-form.js'),
    import('../../panels/test-results/test-results.js'),
    import('../../panels/effective-diff/effective-diff.js'),
    import('../../panels/try-ticket/try-ticket.js'),
    import('../../panels/history/history.js'),
    import('../../panels/impact/impact.js'),
  ]).then(() => undefined);
  return loading;
}
