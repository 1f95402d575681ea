// Runs the headless Neovim 0.7 LSP test (test/e2e/nvim/creepyline-e2e.lua) against the bundled
// server (node server/dist/server.js --stdio) on a copy of the fixture workspace.
// Private XDG dirs, no shada/swap, no stdin, a hard timeout, and the whole process group
// (nvim + server) is killed at the end. Exit code 0 = PASS.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURE_WS, makeRunDir, NVIM, privateEnv, requireTools, ROOT, SERVER_JS, SetupError } from './lib.mjs';

/** File (relative to the fixture workspace) and the call the server must flag in it. */
export const NVIM_TARGET = { file: 'src/checkout-tracking.ts', rule: 'tracking-without-consent', needle: "gtag('event', 'purchase'" };

export async function runNvim({ timeoutMs = 120_000 } = {}) {
  requireTools(['nvim', 'server']);
  const runDir = makeRunDir('nvim');
  const ws = path.join(runDir, 'ws');
  fs.cpSync(FIXTURE_WS, ws, { recursive: true });
  const file = path.join(ws, NVIM_TARGET.file);
  const env = privateEnv(runDir, {
    CREEPYLINE_SERVER_CMD: [process.execPath, SERVER_JS, '--stdio'].join('\t'),
    CREEPYLINE_ROOT: ws,
    CREEPYLINE_RULE: NVIM_TARGET.rule,
    CREEPYLINE_NEEDLE: NVIM_TARGET.needle,
    E2E_TIMEOUT_MS: process.env.E2E_TIMEOUT_MS ?? '20000',
  });
  const lua = path.join(ROOT, 'test/e2e/nvim/creepyline-e2e.lua');
  const child = spawn(NVIM, ['--headless', '--noplugin', '-n', '-i', 'NONE', '-u', lua, file],
    { env, cwd: ws, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const onData = (d) => { output += d; process.stdout.write(d); };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const code = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => { output += `\nkilled after ${timeoutMs} ms`; resolve(124); }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(new SetupError(`Neovim cannot start: ${e.message}`, 'apt-get install -y neovim')); });
    child.on('exit', (c, s) => { clearTimeout(timer); resolve(c ?? (s ? 128 : 1)); });
  });
  // :cquit does not stop the language server; take down the whole group.
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
  const passed = code === 0 && output.includes('NVIM E2E PASS');
  if (passed) {
    fs.rmSync(runDir, { recursive: true, force: true });
  } else {
    // Neovim logs the server's stderr (crash stacks) to its LSP log in the private cache dir.
    const lspLog = path.join(runDir, 'xdg/cache/nvim/lsp.log');
    if (fs.existsSync(lspLog)) {
      const tail = fs.readFileSync(lspLog, 'utf8').split('\n').slice(-40).join('\n');
      console.log(`--- last lines of ${lspLog} ---\n${tail.replace(/\\n/g, '\n').replace(/\\t/g, '  ')}`);
    }
  }
  return { passed, detail: passed ? '' : `nvim exit ${code}; workspace kept in ${runDir}` };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runNvim();
  console.log(r.passed ? 'PASS neovim' : `FAIL neovim: ${r.detail}`);
  process.exit(r.passed ? 0 : 1);
}
