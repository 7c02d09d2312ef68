import { BeaconAudit } from './audit.component.js';
import { BeaconAuditDiff } from './audit-diff.component.js';

customElements.define('beacon-audit', BeaconAudit);
customElements.define('beacon-audit-diff', BeaconAuditDiff);

declare global {
  interface HTMLElementTagNameMap {
    'beacon-audit': BeaconAudit;
    'beacon-audit-diff': BeaconAuditDiff;
  }
}

export { BeaconAudit, BeaconAuditDiff };
