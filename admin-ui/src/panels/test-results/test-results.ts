import { BeaconTestResults } from './test-results.component.js';

if (!customElements.get('beacon-test-results')) customElements.define('beacon-test-results', BeaconTestResults);

declare global {
  interface HTMLElementTagNameMap {
    'beacon-test-results': BeaconTestResults;
  }
}

export { BeaconTestResults };
