import { BeaconSetup } from './setup.component.js';

customElements.define('beacon-setup', BeaconSetup);

declare global {
  interface HTMLElementTagNameMap {
    'beacon-setup': BeaconSetup;
  }
}

export { BeaconSetup };
