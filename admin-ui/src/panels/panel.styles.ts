import { css } from 'lit';

/** What every panel shares: type, tables, the pass/fail colours, link buttons. */
export const panelStyles = css`
  :host {
    display: block;
    font: 14px/1.5 system-ui, 'PingFang SC', 'Microsoft YaHei', sans-serif;
    color: #1f2328;
  }
  h2 {
    font-size: 1rem;
    margin: 0 0 0.5rem;
  }
  h3 {
    font-size: 0.95rem;
    margin: 0.75rem 0 0.25rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  caption {
    text-align: start;
    font-weight: 600;
  }
  th,
  td {
    border-block-end: 1px solid #d0d7de;
    padding: 0.25rem 0.5rem;
    text-align: start;
    vertical-align: top;
  }
  th {
    background: #f6f8fa;
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
  button.link {
    background: none;
    border: none;
    padding: 0;
    color: #0969da;
    text-decoration: underline;
    cursor: pointer;
    font: inherit;
  }
  button:focus-visible,
  textarea:focus-visible,
  input:focus-visible,
  select:focus-visible {
    outline: 2px solid #0969da;
    outline-offset: 1px;
  }
  code {
    font-family: ui-monospace, 'SF Mono', Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
`;
