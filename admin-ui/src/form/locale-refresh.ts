// Re-renders its host when the language switches (setLocale's
// 'beacon-locale-change'). The same as the app shell's LocaleController; kept
// here so the form and the panels need nothing from src/app.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class LocaleRefresh implements ReactiveController {
  private readonly onChange = (): void => this.host.requestUpdate();
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected(): void {
    window.addEventListener('beacon-locale-change', this.onChange);
  }
  hostDisconnected(): void {
    window.removeEventListener('beacon-locale-change', this.onChange);
  }
}
