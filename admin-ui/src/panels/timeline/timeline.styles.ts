import { css } from 'lit';
import { panelStyles } from '../panel.styles.js';

export const timelineStyles = [
  panelStyles,
  css`
    :host {
      display: block;
      border: 1px solid #d0d7de;
      border-radius: 6px;
      padding: 0.5rem 0.75rem;
      margin-block: 0.75rem;
      background: #fff;
    }
    .head {
      display: flex;
      justify-content: space-between;
      align-items: baseline;
      gap: 1rem;
    }
    h3:focus-visible,
    button:focus-visible,
    summary:focus-visible {
      outline: 2px solid #0969da;
      outline-offset: 2px;
    }
    figure {
      margin: 0.5rem 0 0.75rem;
    }
    figcaption {
      font-weight: 600;
    }
    .chart {
      inline-size: 100%;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      font-size: 0.85em;
      color: #1f2328;
    }
    .legend li {
      display: flex;
      align-items: center;
      gap: 0.3rem;
    }
    .swatch {
      display: inline-block;
      inline-size: 1.2rem;
      block-size: 0.7rem;
      border: 1px solid #8c959f;
    }
    .dot {
      display: inline-block;
      inline-size: 0.7rem;
      block-size: 0.7rem;
      border-radius: 50%;
      border: 1px solid #1f2328;
      margin-inline-end: 0.2rem;
    }
    .symbol.breach {
      color: #cf222e;
      font-weight: 700;
    }
    .symbol.now {
      color: #8250df;
    }
    .marks summary {
      cursor: pointer;
    }
    .marks td,
    .marks th {
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    button.link {
      background: none;
      border: none;
      padding: 0;
      color: #0969da;
      text-decoration: underline;
      cursor: pointer;
      font: inherit;
    }
    .visually-hidden {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
  `,
];
