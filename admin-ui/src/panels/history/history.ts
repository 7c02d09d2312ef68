import { BeaconHistory } from './history.component.js';

if (!customElements.get('beacon-history')) customElements.define('beacon-history', BeaconHistory);

declare global {
  interface HTMLElementTagNameMap {
    'beacon-history': BeaconHistory;
  }
}

export { BeaconHistory };
