import { css } from 'lit';

export const policyPageStyles = css`
  :host { display: block; }
  .bar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0.5rem 0 0.75rem; }
  .bar .comment { display: flex; flex-direction: column; flex: 1 1 18rem; font-size: 0.8rem; color: #57606a; }
  .bar .comment input { font: inherit; font-size: 0.9rem; padding: 0.25rem 0.4rem; }
  .bar .base { color: #57606a; font-size: 0.9rem; margin-left: auto; }
  .work { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 0.75rem; align-items: start; }
  .editor { min-height: 60vh; display: block; border: 1px solid #d0d7de; background: #fff; }
  beacon-editor { height: 70vh; }
  .panels { display: grid; gap: 0.75rem; margin-top: 0.75rem; }
  .changes { font: 12px/1.4 ui-monospace, monospace; max-height: 14rem; overflow: auto; background: #fff; border: 1px solid #d0d7de; padding: 0.5rem; }
  .changes .del { color: #82071e; }
  .changes .add { color: #116329; }
  textarea.kept { width: 100%; min-height: 10rem; font: 12px ui-monospace, monospace; }
`;
