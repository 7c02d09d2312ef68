import { BeaconTryTicket } from './try-ticket.component.js';

if (!customElements.get('beacon-try-ticket')) customElements.define('beacon-try-ticket', BeaconTryTicket);

declare global {
  interface HTMLElementTagNameMap {
    'beacon-try-ticket': BeaconTryTicket;
  }
}

export { BeaconTryTicket };
