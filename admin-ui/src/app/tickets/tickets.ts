import { BeaconTickets } from './tickets.component.js';

customElements.define('beacon-tickets', BeaconTickets);

declare global {
  interface HTMLElementTagNameMap {
    'beacon-tickets': BeaconTickets;
  }
}

export { BeaconTickets };
