// Builds the admin UI into admin-ui/dist, which the server serves at `/` (server/admin-ui.ts).
// Everything the page loads comes from that folder: Monaco's workers are bundled as
// module workers (`?worker` imports), its codicon font and images stay files (no data:
// URLs to allow in the CSP), and nothing is fetched from another host.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Node-side libraries the engine can load that must never reach a browser. */
const BROWSER_EXCLUDED = ['json-rules-engine'];

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Files, not data: URLs: the CSP then needs no data: for fonts or images.
    assetsInlineLimit: 0,
    // Monaco is one large lazy chunk by design; the warning would only repeat that.
    chunkSizeWarningLimit: 8000,
    reportCompressedSize: false,
    // The engine loads json-rules-engine only to run its export (never in the UI): left
    // out of the bundle, the UI carries none of it (test/admin-ui/bundle.test.ts).
    rollupOptions: { external: BROWSER_EXCLUDED },
  },
  worker: { format: 'es', rollupOptions: { external: BROWSER_EXCLUDED } },
  server: {
    // `npx vite admin-ui` for development: the API stays on `npm start`'s port.
    proxy: { '/v1': 'http://127.0.0.1:8080' },
  },
});
