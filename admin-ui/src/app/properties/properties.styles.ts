import { css } from 'lit';

export const propertiesStyles = css`
  :host { display: block; max-width: 60rem; margin: 0 auto; }
  ul { list-style: none; margin: 0; padding-left: 1.25rem; }
  ul.root { padding-left: 0; }
  li { margin: 0.25rem 0; }
  .scope { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.5rem; padding: 0.35rem 0.5rem; border-radius: 4px; }
  .property { background: #fff; border: 1px solid #d0d7de; }
  .kind { font-size: 0.8rem; color: #57606a; }
  .name { font-weight: 600; }
  .id { color: #57606a; font-family: ui-monospace, monospace; font-size: 0.85rem; }
  .badge { font-size: 0.8rem; padding: 0 0.45rem; border-radius: 1rem; border: 1px solid #d0d7de; background: #f6f8fa; white-space: nowrap; }
  .badge.warn { background: #fff8c5; border-color: #d4a72c; color: #6f4c00; }
  .badge.fail { background: #ffebe9; border-color: #ff8182; color: #82071e; }
  .badge.ok { background: #dafbe1; border-color: #4ac26b; color: #116329; }
  .spacer { flex: 1; }
`;
