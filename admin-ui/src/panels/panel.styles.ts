import { css } from 'lit';
import { documentStyles } from '../form/document.styles.js';

/** What every panel shares beyond the form's: spacing, full-width tables, the pass/fail colours. */
export const panelStyles = [
  documentStyles,
  css`
    h2 {
      margin: 0 0 0.5rem;
    }
    h3 {
      margin: 0.75rem 0 0.25rem;
    }
    table {
      border-collapse: collapse;
      width: 100%;
    }
    th,
    td {
      border-block-end: 1px solid #d0d7de;
      padding: 0.25rem 0.5rem;
      text-align: start;
      vertical-align: top;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .pass {
      color: #1a7f37;
    }
    .fail,
    .problem {
      color: #cf222e;
    }
    .muted {
      color: #57606a;
      font-size: 0.85em;
    }
    .changed {
      background: #fff8c5;
    }
  `,
];
