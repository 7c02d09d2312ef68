import { BeaconApp } from './app.component.js';

customElements.define('beacon-app', BeaconApp);

declare global {
  interface HTMLElementTagNameMap {
    'beacon-app': BeaconApp;
  }
  interface WindowEventMap {
    'beacon-navigate': CustomEvent<void>;
    'beacon-locale-change': CustomEvent<{ locale: import('../../i18n/locale.js').Locale }>;
  }
}

export { BeaconApp };
