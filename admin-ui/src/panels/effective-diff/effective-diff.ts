import { BeaconEffectiveDiff } from './effective-diff.component.js';

if (!customElements.get('beacon-effective-diff')) customElements.define('beacon-effective-diff', BeaconEffectiveDiff);

declare global {
  interface HTMLElementTagNameMap {
    'beacon-effective-diff': BeaconEffectiveDiff;
  }
}

export { BeaconEffectiveDiff };
