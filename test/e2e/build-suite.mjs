// Bundles the extension's integration tests (client/test/suite/*.test.ts) with esbuild into
// client/dist/test/suite/*.test.js, the files .vscode-test.mjs hands to mocha inside the
// VS Code extension host. `vscode` and `mocha` stay external (the host and test-cli provide them).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib.mjs';

export async function buildSuite() {
  const dir = path.join(ROOT, 'client/test/suite');
  const entryPoints = fs.readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => path.join(dir, f));
  if (entryPoints.length === 0) throw new Error('no client/test/suite/*.test.ts');
  const outdir = path.join(ROOT, 'client/dist/test/suite');
  fs.rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints, outdir, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    external: ['vscode', 'mocha'], sourcemap: 'inline', logLevel: 'warning',
  });
  return entryPoints.map((e) => path.join(outdir, path.basename(e).replace(/\.ts$/, '.js')));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await buildSuite();
  console.log(`built ${out.map((f) => path.relative(ROOT, f)).join(', ')}`);
}
