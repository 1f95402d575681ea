// `npm run bench`: measures what ships. The CLI and the language server run esbuild bundles,
// so the benchmark is bundled the same way (the dev loader's per-module interop would add
// getter calls on every cross-module call and distort the ratios), then run with the
// original arguments (--quick, --strict).
import { build } from 'esbuild';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outfile = path.join(root, 'scripts', '.bench-bundle.mjs');
await build({
  entryPoints: [path.join(root, 'scripts', 'bench.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile,
  mainFields: ['module', 'main'],
  logLevel: 'error',
  // CommonJS dependencies bundled into an ES module still call require() for Node builtins.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __fu } from 'node:url'; import { dirname as __dn } from 'node:path'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);",
  },
});
await import(pathToFileURL(outfile).href);
