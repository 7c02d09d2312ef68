import { css } from 'lit';

export const auditStyles = css`
  :host { max-width: 80rem; margin: 0 auto; }
  .filters { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; }
  .filters label { margin: 0; }
  .filters input { width: auto; }
  select { display: block; font: inherit; padding: 0.4rem; margin-top: 0.25rem; border: 1px solid #8c959f; border-radius: 4px; }
  select:focus-visible, pre:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
  .scroll { overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; background: #fff; margin: 0.75rem 0; }
  th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
  thead th { background: #f6f8fa; }
  td.detail { font-size: 0.9rem; color: #1f2328; }
  pre.hunk { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 0.5rem; overflow-x: auto; }
  .at { color: #57606a; }
  .add { background: #dafbe1; color: #116329; }
  .del { background: #ffebe9; color: #82071e; }
`;
