import { BeaconTicket } from './ticket.component.js';

customElements.define('beacon-ticket', BeaconTicket);

declare global {
  interface HTMLElementTagNameMap {
    'beacon-ticket': BeaconTicket;
  }
}

export { BeaconTicket };
