#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath })
// and @vscode/test-cli's `useInstallation.fromPath`. It accepts the flags runTests passes
// (--extensionDevelopmentPath=, --extensionTestsPath=, --user-data-dir=, --extensions-dir=,
// [folder]) and runs the tests in code-server's Node extension host (real VS Code 1.139),
// opened in headless Debian Chromium. Exit code = the test run's exit code.
//
// Why a shim: no runnable desktop VS Code/Electron can be installed offline here; code-server
// is the same workbench and extension host. Where a desktop VS Code can be downloaded, simply
// leave CREEPYLINE_VSCODE_EXECUTABLE unset and .vscode-test.mjs uses it unchanged.
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { launchChromium, makeRunDir, remoteUri, RESULTS, SetupError, startCodeServer } from './lib.mjs';

const args = process.argv.slice(2);
const opt = (name) => args.filter((a) => a.startsWith(`--${name}=`)).map((a) => a.slice(name.length + 3));
const devPaths = opt('extensionDevelopmentPath');
const testsPath = opt('extensionTestsPath')[0];
const folder = args.find((a) => !a.startsWith('-'));
const timeoutMs = Number(process.env.CREEPYLINE_E2E_TIMEOUT_MS || 300_000);

if (!testsPath || devPaths.length === 0) {
  console.error('code-shim: expected --extensionDevelopmentPath=… and --extensionTestsPath=… (as @vscode/test-electron passes them)');
  process.exit(2);
}

// Always a fresh profile: runTests' default --user-data-dir/--extensions-dir (.vscode-test/)
// persist between runs, and code-server keeps state there.
const runDir = makeRunDir('shim');
const userDataDir = path.join(runDir, 'user');
const extensionsDir = path.join(runDir, 'exts');
const log = path.join(runDir, 'code-server.log');
console.log(`code-shim: profile ${runDir} (code-server log: ${log})`);

let server;
let browser;
let code = 1;
let printing = Promise.resolve();
/** Workbench start-up messages that say nothing about the tests. */
const WORKBENCH_NOISE = /^(Ignoring fetching|Resolving connection|Resolved connection|Creating a socket|Updating additional builtin|The web worker extension host|An iframe which has both|Failed to load resource|\[(AccountPolicyGate|AgentHost|reconnection-grace-time|Service Worker)[^\]]*\])/;
try {
  // The extension host inherits this process's environment (VSCODE_TEST_OPTIONS from test-cli).
  server = await startCodeServer({ runDir, userDataDir, extensionsDir, logFile: log });
  const payload = [
    ...devPaths.map((p) => ['extensionDevelopmentPath', remoteUri(server.base, p)]),
    ['extensionTestsPath', remoteUri(server.base, testsPath)],
  ];
  const query = new URLSearchParams();
  if (folder) query.set('folder', path.resolve(folder));
  query.set('payload', JSON.stringify(payload));
  const url = `${server.base}/?${query}`;

  browser = await launchChromium(runDir);
  const page = await browser.newPage();
  // The workbench calls window.codeAutomationExit(code) when the extension test run ends.
  const done = new Promise((resolve) => { page.exposeFunction('codeAutomationExit', (c) => resolve(c)); });
  // The extension host's console (mocha's reporter) is mirrored into the page console as
  // ["%c INFO", "<css>", format, ...args]; format it like Node would and drop the
  // workbench's own chatter (kept in console.log of the run directory).
  const consoleLog = fs.openSync(path.join(runDir, 'console.log'), 'a');
  page.on('console', (m) => {
    printing = printing.then(async () => {
      let values;
      try { values = await Promise.all(m.args().map((a) => a.jsonValue())); } catch { values = [m.text()]; }
      let level = '';
      if (typeof values[0] === 'string' && values[0].startsWith('%c') && values.length >= 3) {
        level = values[0].slice(2).trim();
        values = values.slice(2);
      }
      const line = util.format(...values).replace(/\s+$/, '');
      fs.writeSync(consoleLog, `${level ? `${level} ` : ''}${line}\n`);
      if (line && (process.env.CREEPYLINE_E2E_VERBOSE || !WORKBENCH_NOISE.test(line))) {
        console.log(level === 'ERR' || level === 'WARN' ? `${level} ${line}` : line);
      }
    });
  });
  page.on('pageerror', (e) => console.error('workbench page error:', e.message));
  await page.goto(url);
  const result = await Promise.race([done,
    new Promise((r) => setTimeout(() => r('timeout'), timeoutMs).unref())]);
  if (result === 'timeout') {
    fs.mkdirSync(RESULTS, { recursive: true });
    const shot = path.join(RESULTS, 'ext-host-timeout.png');
    await page.screenshot({ path: shot }).catch(() => {});
    console.error(`code-shim: the extension test run did not finish within ${timeoutMs} ms (screenshot ${shot}, log ${log})`);
    code = 124;
  } else {
    code = typeof result === 'number' ? result : 1;
  }
} catch (e) {
  console.error(`code-shim: ${e instanceof SetupError ? 'CLIENT CANNOT START: ' : ''}${e.stack ?? e}`);
  code = e instanceof SetupError ? 3 : 1;
} finally {
  await printing;
  await browser?.close().catch(() => {});
  server?.stop();
  if (code === 0 && !process.env.CREEPYLINE_E2E_KEEP) fs.rmSync(runDir, { recursive: true, force: true });
}
process.exit(code);
