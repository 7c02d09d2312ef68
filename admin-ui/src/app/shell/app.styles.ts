import { css } from 'lit';

export const appStyles = css`
  :host { display: flex; flex-direction: column; min-height: 100vh; }
  header { display: flex; align-items: center; gap: 1rem; padding: 0.5rem 1rem; background: #24292f; color: #fff; }
  header .brand { font-weight: 600; color: #fff; text-decoration: none; }
  header nav { display: flex; gap: 0.9rem; flex-wrap: wrap; }
  header nav a { color: #fff; }
  header nav a[aria-current="page"] { font-weight: 600; text-decoration-thickness: 2px; }
  header .spacer { flex: 1; }
  header button { background: transparent; color: #fff; border-color: #8c959f; }
  main { flex: 1; padding: 1rem; }
  .notice { padding: 0.6rem 0.8rem; border-radius: 4px; margin: 0 auto 0.75rem; max-width: 60rem; border: 1px solid #54aeff; background: #ddf4ff; color: #0a3069; }
`;
