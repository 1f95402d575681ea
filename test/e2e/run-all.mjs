// Runs every real-client end-to-end test and prints one PASS/FAIL line per test:
//   1. Neovim 0.7 (headless) against `node server/dist/server.js --stdio`
//   2. the extension's mocha suite in a real VS Code extension host, through the standard
//      @vscode/test-cli + .vscode-test.mjs, with code-server as the "VS Code executable"
//      (test/e2e/code-shim.mjs); one line per configuration label
//   3. the Playwright UI test in the VS Code workbench on the packaged VSIX (one retry)
// A client that cannot start is a FAILURE that names the command installing it; nothing is
// skipped. Expects `npm run build` to have run. Exit code 0 only when everything passed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSuite } from './build-suite.mjs';
import {
  CHROMIUM, INSTALL_HINTS, NODE24, requireTools, ROOT, rel, secondsSince, SetupError, CODE_SERVER_ENTRY,
} from './lib.mjs';
import { runNvim } from './run-nvim.mjs';
import { runUiTest } from './ui-test.mjs';

const results = [];
const only = process.env.CREEPYLINE_E2E_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);

function report(name, passed, detail, t0) {
  const line = `${passed ? 'PASS' : 'FAIL'} e2e ${name} (${secondsSince(t0)} s)${detail ? `: ${detail}` : ''}`;
  results.push({ name, passed, line });
  console.log(`\n${passed ? '✔' : '✘'} ${line}\n`);
}

/** Runs one test; a SetupError (client cannot start) fails loudly with its install command. */
async function step(name, fn) {
  if (only && !only.some((o) => name.startsWith(o))) return;
  console.log(`\n=== e2e ${name} ===`);
  const t0 = Date.now();
  try {
    const r = await fn();
    report(name, r.passed, r.detail, t0);
  } catch (e) {
    const msg = e instanceof SetupError ? `CLIENT CANNOT START: ${e.message}` : (e.stack ?? String(e));
    report(name, false, msg, t0);
  }
}

/** Spawns a command with inherited output, a hard timeout and its own process group. */
function run(cmd, args, { env = process.env, timeoutMs = 600_000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } resolve(124); }, timeoutMs);
    child.on('error', () => { clearTimeout(timer); resolve(127); });
    child.on('exit', (code, signal) => { clearTimeout(timer); resolve(code ?? (signal ? 128 : 1)); });
  });
}

function versions() {
  const lines = [`node ${process.version} (tests), chromium ${fs.existsSync(CHROMIUM) ? CHROMIUM : 'MISSING'}`];
  const pkg = path.join(path.dirname(path.dirname(path.dirname(CODE_SERVER_ENTRY))), 'package.json');
  lines.push(fs.existsSync(pkg) && fs.existsSync(NODE24)
    ? `code-server ${JSON.parse(fs.readFileSync(pkg, 'utf8')).version} on ${rel(NODE24)}`
    : `code-server MISSING (${INSTALL_HINTS.codeServer})`);
  return lines.join('; ');
}

const tAll = Date.now();
console.log(`Creepyline real-client e2e: ${versions()}`);

// 1. Neovim: a second, independent LSP client
await step('neovim', () => runNvim());

// 2. the extension's mocha suite inside VS Code's extension host, one run per config label
const { default: configs } = await import(path.join(ROOT, '.vscode-test.mjs'));
const labels = (Array.isArray(configs) ? configs : [configs]).map((c) => c.label);
let suiteBuilt;
for (const label of labels) {
  await step(`vscode-extension-host[${label}]`, async () => {
    requireTools(['code-server', 'chromium', 'client', 'server']);
    suiteBuilt ??= await buildSuite();
    const code = await run(process.execPath, [path.join(ROOT, 'node_modules/@vscode/test-cli/out/bin.mjs'), '--label', label], {
      env: { ...process.env, CREEPYLINE_VSCODE_EXECUTABLE: 'test/e2e/code-shim.mjs' },
    });
    return { passed: code === 0, detail: code === 0 ? '' : `vscode-test exited with ${code} (mocha output above)` };
  });
}

// 3. UI: the packaged extension in the workbench, Problems panel + quick fix, one retry
await step('vscode-ui', async () => {
  requireTools(['code-server', 'chromium', 'client', 'server']);
  const vsix = path.join(ROOT, 'dist/creepyline.vsix');
  console.log('packaging the extension (node scripts/package-vsix.mjs)');
  const code = await run(process.execPath, [path.join(ROOT, 'scripts/package-vsix.mjs')], { timeoutMs: 300_000 });
  if (code !== 0 || !fs.existsSync(vsix)) return { passed: false, detail: `packaging failed (exit ${code}); no ${rel(vsix)}` };
  let r = await runUiTest({ vsix, attempt: 1 });
  if (!r.passed) {
    console.log(`UI attempt 1 failed: ${r.detail}\nretrying once (workbench selectors are timing-sensitive)`);
    r = await runUiTest({ vsix, attempt: 2 });
    if (r.passed) r.detail = `passed on retry; attempt 1 screenshots in ${rel(path.join(ROOT, 'test-results'))}`;
  }
  return r;
});

console.log(`\n=== e2e summary (${secondsSince(tAll)} s) ===`);
for (const r of results) console.log(r.line);
const failed = results.filter((r) => !r.passed).length;
if (results.length === 0) {
  console.log('FAIL: no e2e test ran (CREEPYLINE_E2E_ONLY matched nothing)');
  process.exit(1);
}
console.log(failed === 0 ? `${results.length} passed, 0 failed` : `${results.length - failed} passed, ${failed} FAILED`);
process.exit(failed === 0 ? 0 : 1);
