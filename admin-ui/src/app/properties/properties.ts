import { BeaconProperties } from './properties.component.js';

customElements.define('beacon-properties', BeaconProperties);

declare global {
  interface HTMLElementTagNameMap {
    'beacon-properties': BeaconProperties;
  }
}

export { BeaconProperties };
