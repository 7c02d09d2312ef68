import { css } from 'lit';

export const ticketsStyles = css`
  :host { max-width: 80rem; margin: 0 auto; }
  .filters { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; }
  .filters label { margin: 0; }
  select { display: block; font: inherit; padding: 0.4rem; margin-top: 0.25rem; border: 1px solid #8c959f; border-radius: 4px; }
  .status, .summary { color: #57606a; font-size: 0.9rem; }
  .scroll { overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #d0d7de; white-space: nowrap; }
  thead th { background: #f6f8fa; }
  tbody th { font-family: ui-monospace, monospace; font-weight: 500; }
  .urgency, .warning { padding: 0 0.45rem; border-radius: 1rem; border: 1px solid #d0d7de; }
  .urgency.breached { background: #ffebe9; border-color: #ff8182; color: #82071e; font-weight: 600; }
  .urgency.soon { background: #fff8c5; border-color: #d4a72c; color: #6f4c00; font-weight: 600; }
  .warning.red { background: #ffebe9; color: #82071e; }
  .warning.yellow { background: #fff8c5; color: #6f4c00; }
  .warning.blue { background: #ddf4ff; color: #0a3069; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  select:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
  button.link { margin-inline-start: 0.5rem; padding: 0 0.4rem; font-size: 0.85rem; }
`;
