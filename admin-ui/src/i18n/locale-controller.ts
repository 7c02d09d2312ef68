// Re-renders its host when the language switches (setLocale's 'beacon-locale-change'): one
// controller for the shell, the form and the panels, beside the locale it follows.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class LocaleController implements ReactiveController {
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
