// The admin UI's entry: registers the app; the editor (and Monaco with it) loads only
// when the policy page opens.
import './app/shell/app.js';
