#!/usr/bin/env node
// The `beacon` command. Runs the compiled JavaScript in dist/ (built at install by
// `prepare`, or by `npm run build:cli`), which starts in a fraction of a second. In a
// development checkout whose sources changed since the last build, it runs the sources
// through tsx instead (several seconds a start) and says so, so a stale build never runs.
import { pathToFileURL } from 'node:url';
import { buildState, DIST_MAIN } from './build-state.mjs';

// `beacon effective … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const state = buildState();
let main;
if (state === 'fresh') {
  ({ main } = await import(pathToFileURL(DIST_MAIN).href));
} else {
  if (!process.env.BEACON_QUIET_SOURCE) {
    process.stderr.write(`beacon: dist/ is ${state === 'missing' ? 'not built' : 'older than the sources'}; running the sources through tsx (slow). \`npm run build:cli\` makes it fast again.\n`);
  }
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
