import { css } from 'lit';
import { panelStyles } from '../panel.styles.js';

export const impactStyles = [
  panelStyles,
  css`
    .controls {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: end;
      margin-block-end: 0.5rem;
    }
    progress {
      inline-size: 16rem;
      vertical-align: middle;
    }
    table {
      margin-block-end: 0.75rem;
    }
    td {
      font-variant-numeric: tabular-nums;
    }
    .charts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
      gap: 0.75rem;
      margin-block-end: 0.75rem;
    }
    figure {
      margin: 0;
    }
    figcaption {
      font-weight: 600;
    }
    .chart {
      block-size: 14rem;
    }
  `,
];
