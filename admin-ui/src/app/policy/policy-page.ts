import { BeaconPolicyPage } from './policy-page.component.js';

customElements.define('beacon-policy-page', BeaconPolicyPage);

declare global {
  interface HTMLElementTagNameMap {
    'beacon-policy-page': BeaconPolicyPage;
  }
}

export { BeaconPolicyPage };
