import { css } from 'lit';
import { panelStyles } from '../panel.styles.js';

export const historyStyles = [
  panelStyles,
  css`
    .status-active {
      color: #1a7f37;
      font-weight: 600;
    }
    .status-draft {
      color: #9a6700;
    }
    td.comment p {
      margin: 0;
      overflow-wrap: anywhere;
    }
    /* A comment keeps the line breaks its author typed. */
    td.comment .text {
      white-space: pre-line;
    }
  `,
];
