import { BeaconSignIn } from './sign-in.component.js';
import type { User } from '../../api/index.js';

customElements.define('beacon-sign-in', BeaconSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'beacon-sign-in': BeaconSignIn;
  }
  interface GlobalEventHandlersEventMap {
    /** A sign-in or the first admin's setup succeeded. */
    'beacon-signed-in': CustomEvent<{ user: User }>;
  }
}

export { BeaconSignIn };
