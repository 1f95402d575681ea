'use strict';
// Child process of `npm run bench -- --repo`, measurement (a): TypeScript's own parse of the
// corpus with the `ts` that ts-morph bundles, the way Creepyline parses (setParentNodes, ES2022,
// the script kind of the extension). Reads the files in the list (one absolute path a line),
// parses each script file, keeps the trees with `retain`, drops them otherwise. Prints one JSON line.
const fs = require('node:fs');
const path = require('node:path');
const t0 = performance.now();
const { ts } = require(require.resolve('ts-morph', { paths: [path.join(__dirname, '..', '..', 'packages', 'core')] }));
const [listFile, mode] = process.argv.slice(2);
const files = fs.readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
const KINDS = { ts: ts.ScriptKind.TS, mts: ts.ScriptKind.TS, cts: ts.ScriptKind.TS, tsx: ts.ScriptKind.TSX, js: ts.ScriptKind.JSX, mjs: ts.ScriptKind.JSX, cjs: ts.ScriptKind.JSX, jsx: ts.ScriptKind.JSX };
const kept = [];
let parsed = 0, lines = 0, bytes = 0;
const t1 = performance.now();
for (const file of files) {
  const kind = KINDS[path.extname(file).slice(1).toLowerCase()];
  if (kind === undefined) continue;
  const text = fs.readFileSync(file, 'utf8');
  const tree = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, kind);
  if (mode === 'retain') kept.push(tree);
  parsed++;
  bytes += text.length;
  lines++; // lines = newlines + 1, as an editor numbers them
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
}
const t2 = performance.now();
process.stdout.write(JSON.stringify({ files: parsed, lines, bytes, loadMs: t1 - t0, parseMs: t2 - t1, kept: kept.length, ts: ts.version }) + '\n');
