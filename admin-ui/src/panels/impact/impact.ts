import { BeaconImpact } from './impact.component.js';

if (!customElements.get('beacon-impact')) customElements.define('beacon-impact', BeaconImpact);

declare global {
  interface HTMLElementTagNameMap {
    'beacon-impact': BeaconImpact;
  }
}

export { BeaconImpact };
