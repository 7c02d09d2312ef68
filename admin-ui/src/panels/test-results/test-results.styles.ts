import { css } from 'lit';
import { panelStyles } from '../panel.styles.js';

export const testResultsStyles = [
  panelStyles,
  css`
    li {
      padding-block: 0.2rem;
    }
    .failure {
      margin-inline-start: 1.5rem;
    }
  `,
];
