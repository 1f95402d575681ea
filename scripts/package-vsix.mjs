#!/usr/bin/env node
/**
 * Packages the VS Code extension: rebuilds the bundles minified (no source maps), then runs
 * `vsce package --no-dependencies` in client/ and writes dist/creepyline.vsix at the
 * repository root. Everything the extension needs at run time is in its bundles, so no
 * node_modules go into the package (client/.vscodeignore lists what does).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(repo, 'dist', 'creepyline.vsix');

if ((await build({ production: true })) > 0) {
  process.stderr.write('package-vsix: build failed\n');
  process.exit(1);
}
for (const required of ['client/dist/client.js', 'client/dist/server.js', 'client/README.md', 'client/LICENSE']) {
  if (!fs.existsSync(path.join(repo, required))) {
    process.stderr.write(`package-vsix: missing ${required}\n`);
    process.exit(1);
  }
}
fs.mkdirSync(path.dirname(out), { recursive: true });
const vsce = path.join(repo, 'node_modules', '@vscode', 'vsce', 'vsce');
const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], {
  cwd: path.join(repo, 'client'),
  stdio: 'inherit',
});
if (result.status !== 0) {
  process.stderr.write(`package-vsix: vsce exited with ${result.status ?? result.signal}\n`);
  process.exit(1);
}
// the source maps of the minified build would be stale: restore the development bundles
if ((await build()) > 0) process.exit(1);
process.stdout.write(`${path.relative(repo, out)} (${Math.round(fs.statSync(out).size / 1024)} KiB)\n`);
