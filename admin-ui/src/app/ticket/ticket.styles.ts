import { css } from 'lit';

export const ticketStyles = css`
  :host { max-width: 60rem; margin: 0 auto; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; background: #fff; padding: 0.75rem; border: 1px solid #d0d7de; border-radius: 6px; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  table { border-collapse: collapse; background: #fff; }
  th, td { text-align: left; padding: 0.35rem 0.6rem; border-bottom: 1px solid #d0d7de; }
  thead th { background: #f6f8fa; }
  h2 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
`;
