// The admin UI's first load: the JavaScript a browser with an empty cache fetches for the
// sign-in page, for the properties page after signing in, and for a policy page (where
// the editor, and Monaco with it, load lazily). Debian's Chromium through playwright-core,
// against the service started in-process on the shipped policies and the built UI.
// Sizes are as sent: the service does not compress; a proxy in front would.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { DEFAULT_ADMIN_UI_DIR } from '../server/admin-ui.js';
import { browserMissing, openUiSession, setUpFirstAdmin } from './ui-session.js';

export interface UiLoadRow {
  step: string;
  scripts: number;
  kib: number;
}

/** Scripts requested since the last call (the page's and its workers'), sized from the built files: what the server sends, uncompressed. */
function counter(context: BrowserContext, dir: string): () => { scripts: number; bytes: number } {
  const seen = new Set<string>();
  let fresh: string[] = [];
  context.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('.js') && !seen.has(path)) {
      seen.add(path);
      fresh.push(path);
    }
  });
  return () => {
    const out = { scripts: fresh.length, bytes: fresh.reduce((n, p) => n + (existsSync(join(dir, p)) ? statSync(join(dir, p)).size : 0), 0) };
    fresh = [];
    return out;
  };
}

export async function benchUi(): Promise<UiLoadRow[] | string> {
  const missing = browserMissing();
  if (missing) return missing;
  const session = await openUiSession();
  try {
    const { context, page } = session;
    const take = counter(context, DEFAULT_ADMIN_UI_DIR);
    const rows: UiLoadRow[] = [];
    const row = async (step: string): Promise<void> => {
      await page.waitForLoadState('networkidle');
      const { scripts, bytes } = take();
      rows.push({ step, scripts, kib: Math.round(bytes / 1024) });
    };
    await setUpFirstAdmin(session, () => row('setup page (first load)'));
    await row('properties page (after signing in; the check worker)');
    await page.locator('li[data-scope="jinxiu-garden"] a.name').click();
    await page.locator('beacon-editor#editor').waitFor();
    await row('policy page (editor and Monaco, lazy)');
    return rows;
  } finally {
    await session.close();
  }
}

export function reportUi(rows: UiLoadRow[] | string): string {
  if (typeof rows === 'string') return rows;
  return ['| step | scripts fetched | JavaScript (KiB, uncompressed) |', '| --- | ---: | ---: |', ...rows.map((r) => `| ${r.step} | ${r.scripts} | ${r.kib} |`)].join('\n');
}
