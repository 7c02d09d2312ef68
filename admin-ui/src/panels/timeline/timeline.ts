import { BeaconTimeline } from './timeline.component.js';

if (!customElements.get('beacon-timeline')) customElements.define('beacon-timeline', BeaconTimeline);

/** The timeline's close button: its host removes it. */
export interface TimelineCloseDetail {
  id: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'beacon-timeline': BeaconTimeline;
  }
  interface GlobalEventHandlersEventMap {
    'beacon-timeline-close': CustomEvent<TimelineCloseDetail>;
  }
}

export { BeaconTimeline };
