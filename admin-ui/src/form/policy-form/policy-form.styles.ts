import { css } from 'lit';
import { documentStyles } from '../document.styles.js';

export const policyFormStyles = [
  documentStyles,
  css`
  section {
    margin-block: 0 1.25rem;
  }
  h2 {
    margin: 0 0 0.25rem;
  }
  h3 {
    margin: 0.5rem 0 0.25rem;
  }
  .summary,
  .origin,
  .hint {
    color: #57606a;
    font-size: 0.85em;
  }
  .banner {
    padding: 0.5rem 0.75rem;
    border-radius: 4px;
    background: #fff8c5;
    border: 1px solid #d4a72c;
    margin-block-end: 0.75rem;
  }
  .read-only {
    color: #57606a;
    font-size: 0.85em;
    font-style: italic;
  }
  table {
    border-collapse: collapse;
    margin-block: 0.25rem 0.75rem;
  }
  caption {
    padding-block-end: 0.25rem;
  }
  th,
  td {
    border: 1px solid #d0d7de;
    padding: 0.25rem 0.4rem;
    vertical-align: top;
    text-align: start;
  }
  th {
    font-weight: 600;
  }
  .grid-scroll {
    overflow-x: auto;
    max-width: 100%;
    margin-block: 0.25rem 0.75rem;
  }
  /* Separate borders: collapsed ones do not move with a sticky cell. */
  table.grid {
    border-collapse: separate;
    border-spacing: 0;
    margin: 0;
  }
  table.grid th,
  table.grid td {
    border-width: 0 1px 1px 0;
  }
  table.grid tr > :first-child {
    position: sticky;
    inset-inline-start: 0;
    z-index: 1;
    border-inline-start-width: 1px;
    /* Wide enough for a category's label on a line or two, however narrow the box. */
    min-width: 6.5em;
  }
  table.grid thead th {
    border-block-start-width: 1px;
  }
  td.local {
    background: #ddf4ff;
  }
  input {
    font: inherit;
    width: 8em;
    padding: 0.1rem 0.3rem;
    border: 1px solid #8c959f;
    border-radius: 3px;
  }
  input[readonly] {
    background: #f6f8fa;
    border-style: dashed;
    color: #57606a;
  }
  input[aria-invalid='true'] {
    border-color: #cf222e;
  }
  .problem {
    display: block;
    color: #cf222e;
    font-size: 0.85em;
  }
  .unfilled {
    color: #9a6700;
    font-weight: 600;
  }
  .param {
    display: grid;
    grid-template-columns: minmax(10em, 16em) auto;
    gap: 0.25rem 0.75rem;
    padding-block: 0.4rem;
    border-block-end: 1px solid #eaeef2;
  }
  blockquote {
    margin: 0.25rem 0;
    padding-inline-start: 0.6rem;
    border-inline-start: 3px solid #d0d7de;
    color: #424a53;
  }
  .wizard {
    border: 2px solid #0969da;
    border-radius: 6px;
    padding: 0.75rem;
    margin-block-end: 1rem;
  }
  .wizard .actions {
    display: flex;
    gap: 0.5rem;
    margin-block-start: 0.5rem;
  }
`,
];
