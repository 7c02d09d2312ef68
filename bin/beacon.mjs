#!/usr/bin/env node
// The `beacon` command. Runs the TypeScript sources through tsx so the command
// is always the code in the tree, with no stale build to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
