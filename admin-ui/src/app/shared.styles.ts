// Styles every page of the app shares: form fields, buttons, notices.
import { css } from 'lit';

export const sharedStyles = css`
  :host { display: block; }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  label { display: block; margin: 0.75rem 0; font-weight: 500; }
  input { display: block; width: 100%; box-sizing: border-box; padding: 0.45rem 0.5rem; font: inherit; border: 1px solid #8c959f; border-radius: 4px; margin-top: 0.25rem; }
  input:focus-visible, button:focus-visible, a:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
  button { font: inherit; padding: 0.4rem 0.9rem; border-radius: 4px; border: 1px solid #8c959f; background: #fff; color: #1f2328; cursor: pointer; }
  button.primary { background: #1f6feb; border-color: #1f6feb; color: #fff; }
  button[disabled] { opacity: 0.6; cursor: default; }
  a { color: #0550ae; }
  .card { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 1.5rem; }
  .narrow { max-width: 26rem; margin: 3rem auto; }
  .notice { padding: 0.6rem 0.8rem; border-radius: 4px; margin: 0.75rem 0; border: 1px solid; }
  .notice.error { background: #ffebe9; border-color: #ff8182; color: #82071e; }
  .notice.info { background: #ddf4ff; border-color: #54aeff; color: #0a3069; }
  .notice.ok { background: #dafbe1; border-color: #4ac26b; color: #116329; }
`;
