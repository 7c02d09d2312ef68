import { BeaconAdmin } from './admin.component.js';
import { BeaconAdminKeys } from './admin-keys.component.js';
import { BeaconAdminOrganisations } from './admin-organisations.component.js';
import { BeaconAdminUsers } from './admin-users.component.js';

customElements.define('beacon-admin', BeaconAdmin);
customElements.define('beacon-admin-users', BeaconAdminUsers);
customElements.define('beacon-admin-keys', BeaconAdminKeys);
customElements.define('beacon-admin-organisations', BeaconAdminOrganisations);

declare global {
  interface HTMLElementTagNameMap {
    'beacon-admin': BeaconAdmin;
    'beacon-admin-users': BeaconAdminUsers;
    'beacon-admin-keys': BeaconAdminKeys;
    'beacon-admin-organisations': BeaconAdminOrganisations;
  }
}

export { BeaconAdmin, BeaconAdminKeys, BeaconAdminOrganisations, BeaconAdminUsers };
