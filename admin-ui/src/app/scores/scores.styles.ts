import { css } from 'lit';

export const scoresStyles = css`
  :host { max-width: 72rem; margin: 0 auto; }
  .controls { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; }
  .controls label { margin: 0; }
  select { display: block; font: inherit; padding: 0.4rem; margin-top: 0.25rem; border: 1px solid #8c959f; border-radius: 4px; }
  select:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
  .scroll { overflow-x: auto; }
  table { border-collapse: collapse; background: #fff; margin: 0.5rem 0; }
  th, td { text-align: left; padding: 0.35rem 0.6rem; border-bottom: 1px solid #d0d7de; }
  thead th { background: #f6f8fa; }
  .actions { display: flex; gap: 0.35rem; }
  .actions button { padding: 0.2rem 0.55rem; font-size: 0.9rem; }
  button[aria-pressed='true'] { background: #ddf4ff; border-color: #0969da; }
  .light { display: inline-flex; align-items: center; gap: 0.3rem; }
  .dot { width: 0.8rem; height: 0.8rem; border-radius: 50%; background: #8c959f; }
  [data-light='green'] .dot, [data-light='绿'] .dot, [data-light='绿灯'] .dot { background: #1a7f37; }
  [data-light='yellow'] .dot, [data-light='黄'] .dot, [data-light='黄灯'] .dot { background: #bf8700; }
  [data-light='red'] .dot, [data-light='红'] .dot, [data-light='红灯'] .dot { background: #cf222e; }
  .chart { width: 100%; height: 320px; background: #fff; border: 1px solid #d0d7de; border-radius: 6px; }
  h2 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
  ul.tickets { padding-left: 1.25rem; }
  button.drill { padding: 0.1rem 0.45rem; font: inherit; background: none; border: 1px solid transparent; border-radius: 4px; color: #0969da; text-decoration: underline; cursor: pointer; }
  button.drill:hover { border-color: #d0d7de; }
  button.drill[aria-pressed='true'] { background: #ddf4ff; border-color: #0969da; }
  tr.voided td { color: #57606a; }
`;
