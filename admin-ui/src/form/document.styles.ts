import { css } from 'lit';

/**
 * What the form and the panels share, so they read as one page: the type, headings,
 * captions and header cells, link-like buttons, focus rings and code. Each adds its own
 * spacing and table borders (policy-form.styles.ts, panels/panel.styles.ts).
 */
export const documentStyles = css`
  :host {
    display: block;
    font: 14px/1.5 system-ui, 'PingFang SC', 'Microsoft YaHei', sans-serif;
    color: #1f2328;
  }
  h2 {
    font-size: 1rem;
  }
  h3 {
    font-size: 0.95rem;
  }
  caption {
    text-align: start;
    font-weight: 600;
  }
  th {
    background: #f6f8fa;
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
  select:focus-visible,
  summary:focus-visible {
    outline: 2px solid #0969da;
    outline-offset: 1px;
  }
  code {
    font-family: ui-monospace, 'SF Mono', Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
`;
