import { css } from 'lit';

export const editorStyles = css`
  :host {
    display: block;
    position: relative;
    min-height: 20rem;
    height: 100%;
  }
  .surface {
    position: absolute;
    inset: 0 0 1.75rem 0;
  }
  .surface[hidden] {
    display: none;
  }
  .status {
    position: absolute;
    left: 0;
    right: 0;
    bottom: 0;
    height: 1.75rem;
    padding: 0 0.5rem;
    font: 0.8rem/1.75rem system-ui, sans-serif;
    color: #444;
    border-top: 1px solid #ddd;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  /* Sections the signed-in role may not change. */
  .beacon-readonly {
    background: rgba(120, 120, 120, 0.12);
  }
  .beacon-readonly-gutter {
    border-left: 3px solid #b0b0b0;
  }
`;
