import { css } from 'lit';

export const adminStyles = css`
  :host { max-width: 72rem; margin: 0 auto; }
  section { margin-bottom: 2rem; }
  h2 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; }
  h3 { font-size: 1rem; margin: 0 0 0.5rem; }
  .scroll { overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #d0d7de; vertical-align: middle; }
  thead th { background: #f6f8fa; }
  td.inline { display: flex; gap: 0.35rem; align-items: center; }
  td.inline input { margin: 0; min-width: 10rem; }
  select, textarea { display: block; font: inherit; padding: 0.4rem; margin-top: 0.25rem; border: 1px solid #8c959f; border-radius: 4px; }
  textarea { width: 100%; box-sizing: border-box; }
  select:focus-visible, textarea:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
  .forms { display: flex; flex-wrap: wrap; gap: 1rem; }
  form.create { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 1rem; margin-top: 1rem; max-width: 26rem; flex: 1 1 20rem; }
  form.edit { display: grid; gap: 0.25rem; max-width: 36rem; }
  .help { font-size: 0.85rem; color: #57606a; margin: 0; }
  .secret { font-family: ui-monospace, monospace; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
