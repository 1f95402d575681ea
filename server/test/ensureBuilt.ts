/** Builds the bundles when server/dist/server.js or packages/cli/dist/cli.js is missing or older than its sources (for tests that spawn them). */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, SERVER_JS } from './fakeClient';

function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

/** The bundled CLI (what ships; `bin/creepyline.js` runs it). */
export const CLI_JS = path.join(REPO, 'packages', 'cli', 'dist', 'cli.js');

export function ensureServerBuilt(): void {
  const sources = ['server/src', 'packages/cli/src', 'packages/core/src', 'packages/protocol/src'].map((d) => path.join(REPO, d));
  const built = Math.min(...[SERVER_JS, CLI_JS].map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0)));
  if (built > Math.max(...sources.map(newest))) return;
  const result = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, encoding: 'utf8' });
  assert.equal(result.status, 0, `build failed:\n${result.stderr}`);
}
