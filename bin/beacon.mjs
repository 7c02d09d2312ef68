#!/usr/bin/env node
// The `beacon` command. Runs the TypeScript sources through tsx so the command
// is always the code in the tree, with no stale build to forget.
import { register } from 'tsx/esm/api';

// `beacon effective … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
