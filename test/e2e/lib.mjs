// Shared plumbing for the real-client end-to-end tests: where the pinned clients live,
// preflight checks that fail with the command that installs what is missing, private
// per-run directories, and launchers for code-server (real VS Code) and Debian's Chromium.
// Recipe and measurements: the team's e2e recipe (code-server + Chromium, Neovim 0.7).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file is test/e2e/lib.mjs). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The pinned tools folder (own package.json + lockfile; node@24 + code-server). */
export const TOOLS = path.join(ROOT, 'tools/e2e');
export const NODE24 = path.join(TOOLS, 'node_modules/node/bin/node');
export const CODE_SERVER_ENTRY = path.join(TOOLS, 'node_modules/code-server/out/node/entry.js');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const NVIM = process.env.NVIM_BIN || 'nvim';
/** The bundled language server; CREEPYLINE_SERVER_JS overrides it (harness debugging). */
export const SERVER_JS = process.env.CREEPYLINE_SERVER_JS ? path.resolve(process.env.CREEPYLINE_SERVER_JS) : path.join(ROOT, 'server/dist/server.js');
/** The extension folder; CREEPYLINE_CLIENT_DIR overrides it (harness debugging). */
export const CLIENT_DIR = process.env.CREEPYLINE_CLIENT_DIR ? path.resolve(process.env.CREEPYLINE_CLIENT_DIR) : path.join(ROOT, 'client');
export const FIXTURE_WS = path.join(ROOT, 'test/e2e/fixture-workspace');
export const RESULTS = path.join(ROOT, 'test-results');

export const INSTALL_HINTS = {
  chromium: 'apt-get update && apt-get install -y chromium   (npm test does it when run as root)',
  nvim: 'apt-get update && apt-get install -y neovim   (npm test does it when run as root)',
  codeServer: 'bash tools/e2e/install.sh   (needs: apt-get install -y libkrb5-dev build-essential python3)',
  build: 'npm run build',
};

/** A failure of the environment (a client that cannot start), not of a test. */
export class SetupError extends Error {
  constructor(what, hint) {
    super(`${what}\n  install/fix with: ${hint}`);
    this.name = 'SetupError';
  }
}

/** Throws a SetupError naming the install command when a required client is missing. */
export function requireTools(which) {
  for (const w of which) {
    if (w === 'chromium' && !isExecutable(CHROMIUM)) {
      throw new SetupError(`Chromium not found at ${CHROMIUM}`, INSTALL_HINTS.chromium);
    }
    if (w === 'nvim') {
      const r = spawnSync(NVIM, ['--version'], { encoding: 'utf8' });
      if (r.error || r.status !== 0) throw new SetupError(`Neovim (${NVIM}) cannot start: ${r.error?.message ?? r.stderr}`, INSTALL_HINTS.nvim);
    }
    if (w === 'code-server') {
      if (!isExecutable(NODE24)) throw new SetupError(`Node 24 for code-server missing (${rel(NODE24)})`, INSTALL_HINTS.codeServer);
      if (!fs.existsSync(CODE_SERVER_ENTRY)) throw new SetupError(`code-server missing (${rel(CODE_SERVER_ENTRY)})`, INSTALL_HINTS.codeServer);
      // code-server's postinstall installs VS Code's own node_modules; without them it cannot start.
      if (!fs.existsSync(path.join(TOOLS, 'node_modules/code-server/lib/vscode/node_modules'))) {
        throw new SetupError('code-server is unpacked but its postinstall did not run (lib/vscode/node_modules missing)', INSTALL_HINTS.codeServer);
      }
    }
    if (w === 'server' && !fs.existsSync(SERVER_JS)) {
      throw new SetupError(`language server bundle missing (${rel(SERVER_JS)})`, INSTALL_HINTS.build);
    }
    if (w === 'client' && !fs.existsSync(path.join(CLIENT_DIR, 'dist/client.js'))) {
      throw new SetupError('extension bundle missing (client/dist/client.js)', INSTALL_HINTS.build);
    }
  }
}

function isExecutable(p) {
  try { fs.accessSync(p, fs.constants.X_OK); return true; } catch { return false; }
}

/** Path relative to the repository root, for messages. */
export const rel = (p) => path.relative(ROOT, p) || '.';

/** A fresh private directory tree for one run: HOME and XDG_* point inside it. */
export function makeRunDir(label) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `creepyline-e2e-${label}-`));
  for (const d of ['home', 'xdg/config', 'xdg/data', 'xdg/cache', 'xdg/state', 'user/User', 'exts', 'chrome']) {
    fs.mkdirSync(path.join(dir, d), { recursive: true });
  }
  return dir;
}

/** Environment that keeps a client's files inside `runDir` and away from $HOME. */
export function privateEnv(runDir, extra = {}) {
  return {
    ...process.env,
    HOME: path.join(runDir, 'home'),
    XDG_CONFIG_HOME: path.join(runDir, 'xdg/config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg/data'),
    XDG_CACHE_HOME: path.join(runDir, 'xdg/cache'),
    XDG_STATE_HOME: path.join(runDir, 'xdg/state'),
    ...extra,
  };
}

/** User settings for a fresh VS Code profile: nothing that phones home or pops up. */
export const QUIET_USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'npm.fetchOnlinePackageInfo': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
};

/**
 * Start code-server (VS Code 1.139 server + web workbench) on 127.0.0.1 with a random port.
 * Returns { base, stop, log } once it listens. `userDataDir`/`extensionsDir` must be fresh.
 */
export async function startCodeServer({ runDir, userDataDir, extensionsDir, env = {}, logFile }) {
  requireTools(['code-server']);
  const settings = path.join(userDataDir, 'User/settings.json');
  fs.mkdirSync(path.dirname(settings), { recursive: true });
  if (!fs.existsSync(settings)) fs.writeFileSync(settings, JSON.stringify(QUIET_USER_SETTINGS, null, 2));
  const csEnv = privateEnv(runDir, {
    ...env,
    PATH: `${path.dirname(NODE24)}:${process.env.PATH}`,
    EXTENSIONS_GALLERY: '{}', // no open-vsx queries
  });
  const out = fs.openSync(logFile ?? path.join(runDir, 'code-server.log'), 'a');
  const cs = spawn(NODE24, [CODE_SERVER_ENTRY, ...codeServerArgs(userDataDir, extensionsDir),
    '--bind-addr', '127.0.0.1:0', '--auth', 'none', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    // A built workbench honours the `payload` URL parameter (extension tests) only with this.
    '--vscode-option', 'enable-smoke-test-driver'],
  { env: csEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let buf = '';
  const base = await new Promise((resolve, reject) => {
    const onData = (d) => {
      fs.writeSync(out, d);
      buf += d;
      const m = buf.match(/HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) resolve(m[1]);
    };
    cs.stdout.on('data', onData);
    cs.stderr.on('data', onData);
    cs.on('error', (e) => reject(new SetupError(`code-server cannot start: ${e.message}`, INSTALL_HINTS.codeServer)));
    cs.on('exit', (c) => reject(new SetupError(`code-server exited with ${c} before listening:\n${buf.slice(-3000)}`, INSTALL_HINTS.codeServer)));
    setTimeout(() => reject(new SetupError(`code-server did not listen within 60 s:\n${buf.slice(-3000)}`, INSTALL_HINTS.codeServer)), 60_000).unref();
  });
  const stop = () => {
    try { process.kill(-cs.pid, 'SIGTERM'); } catch { /* already gone */ }
  };
  return { base, stop, process: cs };
}

export function codeServerArgs(userDataDir, extensionsDir) {
  return ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check'];
}

/** Run code-server's CLI once (e.g. --install-extension) with the same private environment. */
export function codeServerCli(runDir, userDataDir, extensionsDir, args) {
  requireTools(['code-server']);
  const r = spawnSync(NODE24, [CODE_SERVER_ENTRY, ...codeServerArgs(userDataDir, extensionsDir), ...args], {
    env: privateEnv(runDir, { PATH: `${path.dirname(NODE24)}:${process.env.PATH}`, EXTENSIONS_GALLERY: '{}' }),
    encoding: 'utf8', timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`code-server ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Chromium flags: headless, no sandbox (root in CI), and no network except loopback. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--disable-default-apps',
  // no DNS for anything but loopback; no Google background services (measured: ~70-100 lookups without these)
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter,Translate',
  '--no-pings', '--disable-domain-reliability', '--disable-client-side-phishing-detection',
];

/** Launch Debian's Chromium through playwright-core (no browser download). */
export async function launchChromium(runDir, options = {}) {
  requireTools(['chromium']);
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
      env: privateEnv(runDir), timeout: 60_000, ...options,
    });
  } catch (e) {
    throw new SetupError(`Chromium (${CHROMIUM}) cannot start: ${e.message}`, INSTALL_HINTS.chromium);
  }
}

/** `vscode-remote://` URI of a local path as the web workbench sees it. */
export const remoteUri = (base, p) => `vscode-remote://${new URL(base).host}${path.resolve(p)}`;

/** Poll `fn` until it returns a truthy value or the deadline passes; never a fixed sleep. */
export async function waitFor(fn, { timeout = 30_000, interval = 100, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Seconds since `t0`, for the PASS/FAIL lines. */
export const secondsSince = (t0) => ((Date.now() - t0) / 1000).toFixed(1);
