import { BeaconScores } from './scores.component.js';

customElements.define('beacon-scores', BeaconScores);

declare global {
  interface HTMLElementTagNameMap {
    'beacon-scores': BeaconScores;
  }
}

export { BeaconScores };
