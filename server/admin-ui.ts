// Serves the built admin UI (admin-ui/dist, made by `vite build`) at `/`, from the same
// port as the API. The server never imports the UI's sources: it only reads the folder.
// A GET for a page of the app (`/`, `/properties`, `/policy/jinxiu-garden`: any path
// outside the API that asks for HTML and has no file extension) gets index.html, never
// cached, so a new build is seen at once; the hashed files under /assets/ are cached for
// a year. The API's routes come first (app.ts mounts this after them), so a path under
// /v1/ never reaches here. Every answer gets the UI's Content-Security-Policy: no
// 'unsafe-eval' anywhere; 'unsafe-inline' for styles only, because Monaco sets inline
// style attributes and adds <style> elements at run time (microsoft/monaco-editor#271).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';

export interface AdminUiOptions {
  /** The built UI's folder; admin-ui/dist of this checkout by default. */
  dir?: string;
}

/** admin-ui/dist beside server/ (run from the sources), or two levels up (compiled into dist/server/). */
export const DEFAULT_ADMIN_UI_DIR = [new URL('../admin-ui/dist/', import.meta.url), new URL('../../admin-ui/dist/', import.meta.url)]
  .map((u) => fileURLToPath(u))
  .find((dir) => existsSync(join(dir, 'index.html'))) ?? fileURLToPath(new URL('../admin-ui/dist/', import.meta.url));

/** The UI's policy: everything from this origin; workers are bundled module files (no blob:). */
export const ADMIN_UI_CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'worker-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const;

/** The API paths: never answered with a page, so a wrong API path keeps its problem+json 404. */
const API_PATH = /^\/(v1|healthz|readyz|metrics)(\/|$)/;
const ASSETS = '/assets/';
const YEAR_S = 365 * 24 * 60 * 60;

const notBuiltPage = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Beacon</title></head><body>
<h1>管理界面尚未构建 · The admin UI is not built</h1>
<p>请运行 <code>npm install</code>（或 <code>npm run build:ui</code>）后重新启动。</p>
<p>Run <code>npm install</code> (or <code>npm run build:ui</code>) and start again. The API works without it; the first admin can also be made at <code>/v1/auth/setup?token=…</code> with the token of the printed link.</p>
</body></html>
`;

export function adminUi(options: AdminUiOptions = {}): RequestHandler {
  const dir = options.dir ?? DEFAULT_ADMIN_UI_DIR;
  const headers = helmet({ contentSecurityPolicy: { useDefaults: false, directives: ADMIN_UI_CSP_DIRECTIVES }, xFrameOptions: { action: 'deny' } });
  // /assets/x.js is dir/assets/x.js: the URL is the path in the folder.
  const assets = express.static(dir, {
    index: false,
    redirect: false,
    fallthrough: true,
    immutable: true,
    maxAge: YEAR_S * 1000,
  });
  // Read at each page load (a small file): a rebuild while the service runs is served at once,
  // never an old index.html naming assets the build removed.
  const indexHtml = (): string | undefined => {
    try {
      return readFileSync(join(dir, 'index.html'), 'utf8');
    } catch {
      return undefined;
    }
  };

  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATH.test(req.path)) return next();
    if (req.path.startsWith(ASSETS)) {
      headers(req, res, () => void assets(req, res, next));
      return;
    }
    // A file that is not there (favicon.ico, a typo) is a 404, not the app.
    if (/\.[a-z0-9]+$/i.test(req.path) || req.accepts(['html', 'json']) !== 'html') return next();
    headers(req, res, () => {
      const html = indexHtml();
      res.setHeader('Cache-Control', 'no-cache');
      if (html === undefined) res.status(503).type('html').send(notBuiltPage);
      else res.type('html').send(html);
    });
  };
}
