import { css } from 'lit';
import { panelStyles } from '../panel.styles.js';

export const tryTicketStyles = [
  panelStyles,
  css`
    textarea {
      width: 100%;
      min-height: 8rem;
      font-family: ui-monospace, 'SF Mono', Menlo, Consolas, monospace;
      font-size: 0.85em;
    }
    .controls {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: end;
      margin-block: 0.5rem;
    }
    label {
      display: block;
      font-weight: 600;
    }
    .sides {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 1rem;
    }
    .other {
      display: block;
      color: #57606a;
      font-size: 0.85em;
    }
    .trace li {
      padding-block: 0.15rem;
    }
  `,
];
