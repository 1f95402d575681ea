// @vscode/test-cli configuration for the extension's integration tests (client/test/suite),
// run with mocha inside a real VS Code extension host:
//   node test/e2e/build-suite.mjs && npx vscode-test            (desktop VS Code, downloaded)
//   CREEPYLINE_VSCODE_EXECUTABLE=test/e2e/code-shim.mjs npx vscode-test
//                                                                (offline: code-server in Chromium)
// test/e2e/run-all.mjs sets the variable; everything else is the same for both routes.
import { defineConfig } from '@vscode/test-cli';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const executable = process.env.CREEPYLINE_VSCODE_EXECUTABLE;

/** Options shared by every configuration. */
const common = {
  extensionDevelopmentPath: path.join(root, 'client'),
  // the VS Code release that code-server 4.139.1 carries, so both routes test the same version
  version: '1.139.1',
  ...(executable ? { useInstallation: { fromPath: path.resolve(root, executable) } } : {}),
  mocha: { ui: 'tdd', timeout: 60_000, slow: 10_000 },
  // samples.test.ts runs the CLI from the repository to get the expected findings
  env: { CREEPYLINE_REPO: root },
};

const configs = [
  {
    ...common,
    label: 'extension',
    files: 'client/dist/test/suite/extension.test.js',
    // a fresh copy: the tests create creepyline.json and edit files (never saved)
    workspaceFolder: copyOf(path.join(root, 'test/e2e/fixture-workspace')),
  },
];

// The realistic sample apps: the editor must show what the CLI reports, explain each rule on
// hover and apply its quick fix. Together they cover every rule: shop: Next.js (TS/TSX);
// landing: a static site (HTML, JS and a Google Fonts @import in CSS); lead-forms: forms that ask
// too much; checkout-consent: coupled, pre-ticked and unrecorded consent; backoffice: mailer,
// enrichment and account deletion; campaigns: health segments and personal data to ad platforms.
// Each runs on a fresh copy, since the quick-fix test edits files.
for (const [label, dir] of [
  ['samples', 'samples/shop'],
  ['samples-landing', 'samples/landing'],
  ['samples-lead-forms', 'samples/lead-forms'],
  ['samples-checkout-consent', 'samples/checkout-consent'],
  ['samples-backoffice', 'samples/backoffice'],
  ['samples-campaigns', 'samples/campaigns'],
  // Vue single-file components (registered by file pattern, with or without a Vue extension)
  ['samples-nuxt', 'samples/nuxt-landing'],
]) {
  if (!fs.existsSync(path.join(root, dir))) continue;
  configs.push({
    ...common,
    label,
    files: 'client/dist/test/suite/samples.test.js',
    workspaceFolder: copyOf(path.join(root, dir)),
  });
}

/** Copies a folder to a new temporary directory and returns the copy's path. */
function copyOf(dir) {
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-vscode-ws-')), path.basename(dir));
  fs.cpSync(dir, copy, { recursive: true });
  return copy;
}

export default defineConfig(configs);
