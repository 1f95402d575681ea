#!/usr/bin/env node
'use strict';
// Runs the bundled CLI (dist/cli.js, built by `npm run build`); in a fresh checkout
// without a build, or with CREEPYLINE_FROM_SOURCE=1 (tests, development), it runs the
// TypeScript sources through tsx instead.
const fs = require('node:fs');
const path = require('node:path');

function load() {
  const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
  if (process.env.CREEPYLINE_FROM_SOURCE !== '1' && fs.existsSync(bundle)) return require(bundle);
  require('tsx/cjs/api').register();
  return require(path.join(__dirname, '..', 'src', 'main.ts'));
}

/** Waits until everything written to a stream reached the OS (pipes may be async). */
function flush(stream) {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

(async () => {
  const { main } = load();
  const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
  await Promise.all([flush(process.stdout), flush(process.stderr)]);
  process.exit(code);
})().catch((error) => {
  process.stderr.write(`creepyline: internal error\n${(error && error.stack) || error}\n`);
  process.exit(2);
});
