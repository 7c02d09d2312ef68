import { BeaconPolicyForm } from './policy-form.component.js';

if (!customElements.get('beacon-policy-form')) customElements.define('beacon-policy-form', BeaconPolicyForm);

declare global {
  interface HTMLElementTagNameMap {
    'beacon-policy-form': BeaconPolicyForm;
  }
}

export { BeaconPolicyForm };
export type { FormEditDetail, RevealDetail } from '../events.js';
