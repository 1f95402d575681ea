/**
 * The language server as a client sees it: the bundled server/dist/server.js over stdio,
 * driven by a fake client (fakeClient.ts) that fails the test on any window/showMessage.
 * Positions come from the text (`position(text, 'gtag(')`), never from counted numbers.
 */
import * as assert from 'node:assert/strict';
import { fork, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import type { DebugStatsResult } from '@creepyline/protocol';
import {
  applyEdits, editsFor, FakeClient, pathToUri, position, REPO, SERVER_JS,
  type CodeAction, type Diagnostic, type StartOptions,
} from './fakeClient';

const RULE = 'tracking-without-consent';

/** Newest modification time of any file under `dir`. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

/** Builds the bundles when server/dist/server.js is missing or older than its sources. */
function ensureBuilt(): void {
  const sources = ['server/src', 'packages/core/src', 'packages/protocol/src'].map((d) => path.join(REPO, d));
  const built = fs.existsSync(SERVER_JS) ? fs.statSync(SERVER_JS).mtimeMs : 0;
  if (built > Math.max(...sources.map(newest))) return;
  const result = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, encoding: 'utf8' });
  assert.equal(result.status, 0, `build failed:\n${result.stderr}`);
}

/** A workspace folder in the temp directory with the given files. */
function workspace(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-server-')));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const TEAM_CONFIG = JSON.stringify({ consent: { functions: ['hasConsent'] }, requireJustification: false }, null, 2);

/** A checkout page that fires a purchase event at top level, before any consent check. */
const SHOP = [
  "import { hasConsent } from './consent';",
  '',
  'window.dataLayer = window.dataLayer || [];',
  "gtag('event', 'purchase', { value: 42, currency: 'EUR' });",
  '',
  'export function thanks() {',
  "  return 'Thank you for your order';",
  '}',
  '',
].join('\n');

describe('language server (stdio, bundled)', function () {
  this.timeout(60000);
  const clients: FakeClient[] = [];
  const dirs: string[] = [];

  before(() => ensureBuilt());

  async function start(files: Record<string, string>, options: Omit<StartOptions, 'rootDir'> = {}): Promise<{ client: FakeClient; dir: string }> {
    const dir = workspace(files);
    dirs.push(dir);
    const client = await FakeClient.start({ rootDir: dir, ...options });
    clients.push(client);
    return { client, dir };
  }

  afterEach(async () => {
    const all = clients.splice(0);
    await Promise.all(all.map((c) => c.stop()));
    for (const c of all) assert.deepEqual(c.unexpected, [], 'the server must not show messages to the user');
  });

  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a document and waits for its first pushed diagnostics. */
  async function openAndWait(client: FakeClient, dir: string, name: string, text: string, languageId = 'javascript') {
    const uri = pathToUri(path.join(dir, name));
    const seen = client.published(uri);
    client.open(uri, languageId, text);
    const diagnostics = await client.nextDiagnostics(uri, seen);
    return { uri, diagnostics };
  }

  function onlyRule(diagnostics: Diagnostic[]): Diagnostic {
    const ours = diagnostics.filter((d) => d.code === RULE);
    assert.equal(ours.length, 1, `expected one ${RULE} diagnostic, got ${JSON.stringify(diagnostics, null, 1)}`);
    return ours[0]!;
  }

  it('pushes a linkable diagnostic, offers code actions in the fixed order, and the fix clears it', async () => {
    const { client, dir } = await start({ 'creepyline.json': TEAM_CONFIG });
    assert.equal(client.initializeResult.capabilities.diagnosticProvider, undefined, 'no pull diagnostics without client support');
    const { uri, diagnostics } = await openAndWait(client, dir, 'shop.js', SHOP);
    const diagnostic = onlyRule(diagnostics);
    assert.equal(diagnostic.source, 'creepyline');
    assert.equal(diagnostic.severity, 1);
    assert.equal(diagnostic.codeDescription, undefined, 'no docsBaseUrl: no link is invented');
    assert.deepEqual(diagnostic.range.start, position(SHOP, 'gtag('));
    assert.equal(diagnostic.data?.version, 1);
    assert.equal(typeof diagnostic.data?.fingerprint, 'string');

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
    });
    const titles = actions.map((a) => a.title);
    assert.match(titles[0]!, /^Run only after .*consent \(hasConsent\('\w+'\)\)$/);
    assert.deepEqual(titles.slice(1), [
      `Disable ${RULE} for this line`,
      `Disable ${RULE} for the entire file`,
      `Show documentation for ${RULE}`,
    ]);
    const [fix, line, file, docs] = actions as [CodeAction, CodeAction, CodeAction, CodeAction];
    assert.equal(fix.kind, 'quickfix.creepyline');
    assert.equal(fix.isPreferred, true, 'a safe fix is preferred');
    assert.equal(line.kind, 'quickfix.creepyline.suppress.line');
    assert.equal(file.kind, 'quickfix.creepyline.suppress.file');
    assert.equal(docs.edit, undefined);
    assert.deepEqual(docs.command, { title: `Show documentation for ${RULE}`, command: 'creepyline.showDocumentation', arguments: [RULE] });
    // The shipped page, for the client's Markdown preview.
    const page = await client.request<{ ruleId: string; markdown: string } | null>('creepyline/ruleDocumentation', { ruleId: RULE });
    assert.equal(page?.ruleId, RULE);
    assert.match(page!.markdown, new RegExp(`^# ${RULE}\\n`));
    assert.match(page!.markdown, /## Legal basis/);
    assert.equal(await client.request('creepyline/ruleDocumentation', { ruleId: 'no-such-rule' }), null);

    const fixed = applyEdits(SHOP, editsFor(fix, uri));
    assert.match(fixed, /if \(hasConsent\('\w+'\)\) \{\n  gtag\('event', 'purchase', \{ value: 42, currency: 'EUR' \}\);\n\}/);
    assert.ok(fixed.endsWith("export function thanks() {\n  return 'Thank you for your order';\n}\n"), 'unrelated code unchanged');

    // the finding survives a change above it, but the version-1 diagnostic is stale now:
    // its edits would land on the wrong text, so no actions for it
    const header = '// checkout page\n';
    let seen = client.published(uri);
    client.change(uri, 2, header + SHOP);
    const stale = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
    });
    assert.deepEqual(stale, []);
    const moved = onlyRule(await client.nextDiagnostics(uri, seen));
    assert.deepEqual(moved.range.start, position(header + SHOP, 'gtag('));
    assert.equal(moved.data?.version, 2);

    seen = client.published(uri);
    client.change(uri, 3, header + fixed);
    const after = await client.nextDiagnostics(uri, seen);
    assert.deepEqual(after.filter((d) => d.code === RULE), []);
  });

  it('links diagnostics, hover and "Show documentation" to the team\'s docsBaseUrl when it is set', async () => {
    const config = JSON.stringify({ consent: { functions: ['hasConsent'] }, docsBaseUrl: 'https://docs.example.com/creepyline/{rule}.html' });
    const { client, dir } = await start({ 'creepyline.json': config });
    const { uri, diagnostics } = await openAndWait(client, dir, 'shop.js', SHOP);
    const diagnostic = onlyRule(diagnostics);
    const url = `https://docs.example.com/creepyline/${RULE}.html`;
    assert.equal(diagnostic.codeDescription?.href, url);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
    });
    const docs = actions.find((a) => a.title === `Show documentation for ${RULE}`);
    assert.deepEqual(docs?.command?.arguments, [RULE, url]);
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: position(SHOP, 'gtag(', 2) });
    assert.ok(hover.contents.value.includes(`](${url})`), hover.contents.value);
  });

  it('suppresses a finding with "Disable … for this line"', async () => {
    const { client, dir } = await start({ 'creepyline.json': TEAM_CONFIG });
    const { uri, diagnostics } = await openAndWait(client, dir, 'shop.js', SHOP);
    const diagnostic = onlyRule(diagnostics);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix.creepyline.suppress'] },
    });
    assert.deepEqual(actions.map((a) => a.title), [`Disable ${RULE} for this line`, `Disable ${RULE} for the entire file`]);
    const suppressed = applyEdits(SHOP, editsFor(actions[0]!, uri));
    assert.match(suppressed, new RegExp(`// creepyline-disable-next-line ${RULE}.*\\ngtag\\(`));
    const seen = client.published(uri);
    client.change(uri, 2, suppressed);
    assert.deepEqual((await client.nextDiagnostics(uri, seen)).filter((d) => d.code === RULE), []);
  });

  it('"Disable … for this line" on the src of a multi-line tag puts the comment above the tag, and it suppresses (issue 14 item 7)', async () => {
    const html = '<!doctype html>\n<html><head>\n  <script\n    async\n    src="https://www.googletagmanager.com/gtag/js?id=G-XXXX"\n  ></script>\n</head></html>\n';
    const { client, dir } = await start({ 'creepyline.json': TEAM_CONFIG });
    const { uri, diagnostics } = await openAndWait(client, dir, 'index.html', html);
    const diagnostic = onlyRule(diagnostics);
    assert.equal(diagnostic.range.start.line, 4, 'the finding sits on the src attribute');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix.creepyline.suppress'] },
    });
    const suppressed = applyEdits(html, editsFor(actions[0]!, uri));
    assert.match(suppressed, new RegExp(`\\n  <!-- creepyline-disable-next-line ${RULE} -->\\n  <script\\n`), suppressed);
    const seen = client.published(uri);
    client.change(uri, 2, suppressed);
    assert.deepEqual((await client.nextDiagnostics(uri, seen)).filter((d) => d.code === RULE), []);
  });

  it('"Disable … for the entire file" and, with requireJustification, a reason placeholder that the team must fill', async () => {
    const config = JSON.stringify({ consent: { functions: ['hasConsent'] }, requireJustification: true }, null, 2);
    const { client, dir } = await start({ 'creepyline.json': config });
    const { uri, diagnostics } = await openAndWait(client, dir, 'shop.js', SHOP);
    const diagnostic = onlyRule(diagnostics);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix.creepyline.suppress'] },
    });
    const line = applyEdits(SHOP, editsFor(actions[0]!, uri));
    assert.match(line, new RegExp(`// creepyline-disable-next-line ${RULE} -- <reason>\\ngtag\\(`), 'line directive carries the reason placeholder');
    const whole = applyEdits(SHOP, editsFor(actions[1]!, uri));
    assert.match(whole, new RegExp(`^/\\* creepyline-disable ${RULE} -- <reason> \\*/`, 'm'), `file directive:\n${whole.slice(0, 200)}`);
    const seen = client.published(uri);
    client.change(uri, 2, whole);
    const after = await client.nextDiagnostics(uri, seen);
    assert.deepEqual(after.filter((d) => d.code === RULE), [], 'the file-level directive suppresses the finding');
    // the placeholder is not a reason: the suppression itself is reported
    assert.ok(after.some((d) => d.code === 'suppression-comment'), `expected a suppression-comment finding, got ${after.map((d) => d.code).join(', ')}`);
  });

  it('explains a finding on hover: why, law, how to fix, why flagged', async () => {
    const { client, dir } = await start({ 'creepyline.json': TEAM_CONFIG });
    const { uri } = await openAndWait(client, dir, 'shop.js', SHOP);
    const hover = await client.request<{ contents: { kind: string; value: string }; range: unknown } | null>('textDocument/hover', {
      textDocument: { uri }, position: position(SHOP, 'gtag(', 2),
    });
    assert.ok(hover, 'hover on the finding');
    assert.equal(hover.contents.kind, 'markdown');
    for (const part of ['**Why it matters:**', '**Law:**', 'Art. 6(1)(a) GDPR', '**How to fix:**', '**Why flagged:**', RULE]) {
      assert.ok(hover.contents.value.includes(part), `hover lacks ${part}:\n${hover.contents.value}`);
    }
    const nothing = await client.request('textDocument/hover', { textDocument: { uri }, position: position(SHOP, 'Thank you') });
    assert.equal(nothing, null);
  });

  it('offers pull diagnostics when the client supports them and then never pushes for documents', async () => {
    const twice = `${SHOP}\nexport function again() {\n  gtag('event', 'add_to_cart');\n}\nagain();\n`;
    const { client, dir } = await start({ 'creepyline.json': TEAM_CONFIG }, { pull: true, documentChanges: true });
    assert.deepEqual(client.initializeResult.capabilities.diagnosticProvider, { identifier: 'creepyline', interFileDependencies: true, workspaceDiagnostics: false });
    const uri = pathToUri(path.join(dir, 'shop.js'));
    client.open(uri, 'javascript', SHOP);
    const report = await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    const diagnostic = onlyRule(report.items);

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
    });
    // documentChanges: the edit names the version it was computed for
    assert.equal(actions[0]!.edit?.documentChanges?.[0]?.textDocument.version, 1);

    client.change(uri, 2, twice);
    const second = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    const both = second.items.filter((d) => d.code === RULE);
    assert.equal(both.length, 2, JSON.stringify(second.items));
    const forBoth = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: both[0]!.range, context: { diagnostics: [both[0]] },
    });
    const fixAll = forBoth.find((a) => a.title === `Fix all ${RULE} problems in this file`);
    assert.ok(fixAll, `no fix-all among ${forBoth.map((a) => a.title).join(' | ')}`);
    assert.equal(forBoth.indexOf(fixAll), forBoth.length - 1, 'fix-all comes last');

    const onSave = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(onSave.map((a) => a.kind), ['source.fixAll.creepyline']);
    const allFixed = applyEdits(twice, editsFor(onSave[0]!, uri));
    assert.equal(allFixed, applyEdits(twice, editsFor(fixAll, uri)));
    client.change(uri, 3, allFixed);
    const third = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    assert.deepEqual(third.items.filter((d) => d.code === RULE), []);

    // a push would arrive within the debounce window; give it twice that, then check none came
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(client.published(uri), 0, 'no pushed diagnostics for a pulled document');
  });

  it('uses the default settings when the client answers workspace/configuration with null (Neovim)', async () => {
    const { client, dir } = await start({ 'creepyline.json': TEAM_CONFIG }, { configuration: null });
    const { diagnostics } = await openAndWait(client, dir, 'shop.js', SHOP);
    assert.equal(onlyRule(diagnostics).severity, 1);
    assert.deepEqual(client.logs.filter((l) => /settings/i.test(l) && /could not/i.test(l)), [], 'null is an answer, not a failure');
  });

  it('speaks node-ipc, the transport VS Code uses', async () => {
    const dir = workspace({});
    dirs.push(dir);
    const child = fork(SERVER_JS, ['--node-ipc'], { cwd: dir, execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const result = await connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
        processId: process.pid, rootUri: pathToUri(dir), capabilities: {},
      });
      assert.equal(result.capabilities.hoverProvider, true);
      assert.equal(result.capabilities.codeActionProvider, true, 'no kinds for a client without CodeAction literals');
      await connection.sendRequest('shutdown');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await connection.sendNotification('exit');
      await exited;
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    }
  });

  it('applies creepyline.enable and creepyline.severity.customizations from the client', async () => {
    const off = await start({ 'creepyline.json': TEAM_CONFIG }, { configuration: { enable: false } });
    const disabled = await openAndWait(off.client, off.dir, 'shop.js', SHOP);
    assert.deepEqual(disabled.diagnostics, []);
    const status = off.client.statuses.find((s) => s.uri === disabled.uri);
    assert.match(status?.skippedReason ?? '', /creepyline\.enable/);

    const downgraded = await start({ 'creepyline.json': TEAM_CONFIG }, {
      configuration: { severity: { customizations: [{ rule: 'tracking-*', severity: 'downgrade' }] } },
    });
    const warning = await openAndWait(downgraded.client, downgraded.dir, 'shop.js', SHOP);
    assert.equal(onlyRule(warning.diagnostics).severity, 2);
  });

  it('shows configuration problems on creepyline.json and reloads the configuration when it changes', async () => {
    const { client, dir } = await start({ 'creepyline.json': '{ "rules": { "tracking-without-consnet": "error" } }\n' });
    const configUri = pathToUri(path.join(dir, 'creepyline.json'));
    const { uri, diagnostics } = await openAndWait(client, dir, 'shop.js', SHOP);
    onlyRule(diagnostics);
    await client.waitFor(() => client.published(configUri) > 0, () => 'diagnostics on creepyline.json');
    const problems = client.diagnostics.get(configUri)!.at(-1)!;
    assert.ok(problems.length > 0 && problems.every((d) => d.source === 'creepyline'), JSON.stringify(problems));
    assert.ok(problems.some((d) => d.range.start.line === 0));
    assert.equal(client.statuses.filter((s) => s.uri === uri).at(-1)?.state, 'warn');

    fs.writeFileSync(path.join(dir, 'creepyline.json'), `{ "rules": { "${RULE}": "off" } }\n`);
    const seen = client.published(uri);
    const seenConfig = client.published(configUri);
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    assert.deepEqual(await client.nextDiagnostics(uri, seen), []);
    assert.deepEqual(await client.nextDiagnostics(configUri, seenConfig), [], 'fixed config clears its problems');
  });

  it('scans the workspace with progress and publishes diagnostics for closed files only', async () => {
    const { client, dir } = await start({
      'creepyline.json': JSON.stringify({ consent: { functions: ['hasConsent'] }, ignore: ['**/*.test.*'] }),
      'src/checkout.js': SHOP,
      'src/pixel.ts': "fbq('track', 'Purchase');\n",
      'src/clean.js': 'export const total = (items) => items.reduce((a, b) => a + b, 0);\n',
      'node_modules/tracker/index.js': SHOP,
      'src/checkout.test.js': SHOP,
    });
    const progress: { value?: { kind: string } }[] = [];
    client.connection.onNotification('$/progress', (p: { value?: { kind: string } }) => { progress.push(p); });
    const open = await openAndWait(client, dir, 'src/checkout.js', SHOP);
    const result = await client.request<{ filesAnalysed: number; findings: number; skipped: number }>('creepyline/scanWorkspace', {});
    const pixelUri = pathToUri(path.join(dir, 'src', 'pixel.ts'));
    assert.ok(client.published(pixelUri) > 0, 'closed file got diagnostics');
    assert.deepEqual(client.diagnostics.get(pixelUri)!.at(-1)!.map((d) => d.code), [RULE]);
    // the open document keeps its own versioned diagnostics (it is re-validated when the
    // background index completes, never given the scan's unversioned ones)
    for (const pushed of client.diagnostics.get(open.uri)!) {
      assert.deepEqual(pushed.map((d) => [d.code, d.data?.version]), [[RULE, 1]], 'the open document keeps its own diagnostics');
    }
    assert.equal(client.published(pathToUri(path.join(dir, 'node_modules', 'tracker', 'index.js'))), 0);
    assert.equal(client.published(pathToUri(path.join(dir, 'src', 'checkout.test.js'))), 0, 'ignored by creepyline.json');
    assert.ok(result.filesAnalysed >= 3, JSON.stringify(result));
    assert.equal(result.findings, 2, JSON.stringify(result));
    assert.deepEqual([progress[0]?.value?.kind, progress.at(-1)?.value?.kind], ['begin', 'end']);
  });

  describe('cross-file results', () => {
    /** A tracking wrapper: whether it is gated depends on its callers in other files. */
    const TRACK = [
      'export function trackSignup(plan: string) {',
      "  gtag('event', 'sign_up', { method: plan });",
      '}',
      '',
    ].join('\n');
    const GUARDED_PAGE = [
      "import { trackSignup } from './lib/track';",
      '',
      'export function onSubmit() {',
      '  if (Cookiebot.consent.statistics) {',
      "    trackSignup('pro');",
      '  }',
      '}',
      '',
    ].join('\n');
    const UNGUARDED_PAGE = [
      "import { trackSignup } from './lib/track';",
      '',
      'export function onSubmit() {',
      "  trackSignup('pro');",
      '}',
      '',
    ].join('\n');

    const rules = (diagnostics: Diagnostic[] | undefined) => (diagnostics ?? []).map((d) => d.code);

    it('indexes closed files in the background (with $/progress) and re-validates open dependents when a caller changes', async () => {
      const { client, dir } = await start({ 'lib/track.ts': TRACK, 'page.ts': GUARDED_PAGE, 'ignored/page.ts': UNGUARDED_PAGE, '.gitignore': 'ignored/\n' });
      const trackUri = pathToUri(path.join(dir, 'lib', 'track.ts'));
      const pageUri = pathToUri(path.join(dir, 'page.ts'));
      client.open(trackUri, 'typescript', TRACK);
      // page.ts is not open: only the background index can know that its call is gated
      // (ignored/page.ts calls it unguarded, but .gitignore keeps it out of the index)
      await client.waitFor(
        () => client.progress.some((p) => p.value.kind === 'end') && client.last(trackUri)?.length === 0,
        () => `no finding in lib/track.ts once indexed; last push ${JSON.stringify(client.last(trackUri))}, progress ${JSON.stringify(client.progress)}`,
      );
      assert.ok(client.progressTokens.length > 0, 'progress created through window/workDoneProgress/create');
      assert.equal(client.progress[0]?.value.kind, 'begin');
      assert.ok(client.logs.some((l) => /Indexed 2 file\(s\)/.test(l)), client.logs.join('\n'));

      client.open(pageUri, 'typescript', GUARDED_PAGE);
      await client.nextDiagnostics(pageUri, 0);
      const seen = client.published(trackUri);
      client.change(pageUri, 2, UNGUARDED_PAGE);
      await client.waitFor(() => client.published(trackUri) > seen && rules(client.last(trackUri)).includes(RULE),
        () => `finding in lib/track.ts after page.ts lost its guard; got ${JSON.stringify(client.diagnostics.get(trackUri))}`);
      const finding = client.last(trackUri)!.find((d) => d.code === RULE)!;
      assert.equal(finding.range.start.line, position(TRACK, 'gtag(').line);
      const related = (finding.relatedInformation ?? []) as { location: { uri: string; range: { start: { line: number } } }; message: string }[];
      assert.ok(related.some((r) => r.location.uri === pageUri && r.location.range.start.line === position(UNGUARDED_PAGE, 'trackSignup(').line),
        `relatedInformation points at the caller in page.ts: ${JSON.stringify(related)}`);

      // closing page.ts without saving: the text on disk (guarded) counts again
      const seenAgain = client.published(trackUri);
      client.close(pageUri);
      await client.waitFor(() => client.published(trackUri) > seenAgain && client.last(trackUri)?.length === 0,
        () => `lib/track.ts clean after page.ts was closed unsaved; got ${JSON.stringify(client.diagnostics.get(trackUri))}`);
    });

    it('a workspace scan keeps the unsaved text of open documents for cross-file analysis', async () => {
      const { client, dir } = await start({ 'lib/track.ts': TRACK, 'page.ts': GUARDED_PAGE });
      const trackUri = pathToUri(path.join(dir, 'lib', 'track.ts'));
      const pageUri = pathToUri(path.join(dir, 'page.ts'));
      client.open(trackUri, 'typescript', TRACK);
      await client.waitFor(() => client.progress.some((p) => p.value.kind === 'end') && client.last(trackUri)?.length === 0,
        () => `no finding in lib/track.ts once indexed; got ${JSON.stringify(client.diagnostics.get(trackUri))}`);
      // page.ts open with an unsaved edit that drops the guard
      client.open(pageUri, 'typescript', UNGUARDED_PAGE);
      await client.waitFor(() => rules(client.last(trackUri)).includes(RULE),
        () => `finding in lib/track.ts for the unsaved caller; got ${JSON.stringify(client.diagnostics.get(trackUri))}`);
      // the scan reads every file, page.ts too; its editor text must stay what counts
      await client.request('creepyline/scanWorkspace', {});
      const seen = client.published(trackUri);
      client.change(trackUri, 2, `${TRACK}\n`);
      const after = await client.nextDiagnostics(trackUri, seen);
      assert.ok(rules(after).includes(RULE), `lib/track.ts still sees the unsaved, unguarded caller after a scan; got ${JSON.stringify(after)}`);
    });

    it('re-indexes a closed file when it changes on disk (didChangeWatchedFiles)', async () => {
      const { client, dir } = await start({ 'lib/track.ts': TRACK, 'page.ts': GUARDED_PAGE });
      const trackUri = pathToUri(path.join(dir, 'lib', 'track.ts'));
      client.open(trackUri, 'typescript', TRACK);
      await client.waitFor(() => client.progress.some((p) => p.value.kind === 'end') && client.last(trackUri)?.length === 0,
        () => `no finding in lib/track.ts once indexed; got ${JSON.stringify(client.diagnostics.get(trackUri))}`);
      const seen = client.published(trackUri);
      fs.writeFileSync(path.join(dir, 'page.ts'), UNGUARDED_PAGE);
      void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToUri(path.join(dir, 'page.ts')), type: 2 }] });
      await client.waitFor(() => client.published(trackUri) > seen && rules(client.last(trackUri)).includes(RULE),
        () => `finding in lib/track.ts after page.ts changed on disk; got ${JSON.stringify(client.diagnostics.get(trackUri))}`);
      const seenDeleted = client.published(trackUri);
      fs.rmSync(path.join(dir, 'page.ts'));
      void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToUri(path.join(dir, 'page.ts')), type: 3 }] });
      await client.waitFor(() => client.published(trackUri) > seenDeleted,
        () => `lib/track.ts re-validated after its only caller was deleted; got ${JSON.stringify(client.diagnostics.get(trackUri))}`);
      // with no caller left, the wrapper is judged on its own: ungated
      assert.deepEqual(rules(client.last(trackUri)), [RULE]);
    });
  });

  describe('policy settings (creepyline.rules, creepyline.consent.* …)', () => {
    const GUARDED_BY_TEAM_FUNCTION = [
      "import { canSend } from './consent';",
      '',
      'if (canSend()) {',
      "  gtag('event', 'purchase', { value: 42 });",
      '}',
      '',
    ].join('\n');

    it('passes the folder settings to the configuration and reloads when they change', async () => {
      const { client, dir } = await start({ 'shop.js': SHOP, 'guarded.js': GUARDED_BY_TEAM_FUNCTION });
      const { uri, diagnostics } = await openAndWait(client, dir, 'shop.js', SHOP);
      assert.equal(onlyRule(diagnostics).severity, 1);
      assert.ok(client.configurationRequests.includes(pathToUri(dir)), `settings asked for the folder: ${client.configurationRequests.join(', ')}`);

      client.configuration = { rules: { [RULE]: 'warning' }, severity: { customizations: [] } };
      let seen = client.published(uri);
      void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      assert.equal(onlyRule(await client.nextDiagnostics(uri, seen)).severity, 2, 'creepyline.rules changed the severity');

      client.configuration = { rules: { [RULE]: 'off' } };
      seen = client.published(uri);
      void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      assert.deepEqual(await client.nextDiagnostics(uri, seen), [], 'creepyline.rules turned the rule off');

      // creepyline.consent.functions: the team's own consent check counts as a gate
      client.configuration = {};
      void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const guarded = await openAndWait(client, dir, 'guarded.js', GUARDED_BY_TEAM_FUNCTION);
      assert.deepEqual(guarded.diagnostics.map((d) => d.code), [RULE], 'canSend is unknown without settings');
      client.configuration = { consent: { functions: [{ name: 'canSend', category: 'measurement' }] } };
      seen = client.published(guarded.uri);
      void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await client.waitFor(() => client.published(guarded.uri) > seen && client.last(guarded.uri)?.length === 0,
        () => `creepyline.consent.functions makes canSend a gate; got ${JSON.stringify(client.diagnostics.get(guarded.uri))}`);
    });

    it('lets creepyline.json win over the settings, and logs a bad setting once without a crash', async () => {
      const { client, dir } = await start(
        { 'creepyline.json': JSON.stringify({ rules: { [RULE]: 'warning' } }) },
        { configuration: { rules: { [RULE]: 'off', 'tracking-withot-consent': 'error' }, requireJustification: 'yes' } },
      );
      const { diagnostics } = await openAndWait(client, dir, 'shop.js', SHOP);
      assert.equal(onlyRule(diagnostics).severity, 2, 'creepyline.json (warning) wins over creepyline.rules (off)');
      await client.waitFor(() => client.logs.some((l) => /creepyline\.rules\.tracking-withot-consent/.test(l)),
        () => `a log line naming the bad setting; logs:\n${client.logs.join('\n')}`);
      assert.ok(client.logs.some((l) => /creepyline\.requireJustification/.test(l)), client.logs.join('\n'));
      assert.equal(client.published(pathToUri(path.join(dir, 'VS Code settings (creepyline.*)'))), 0, 'no diagnostics on a made-up file');
    });
  });

  it('roots a file outside every workspace folder at its own directory, with that directory\'s config', async () => {
    const { client, dir } = await start({ 'creepyline.json': TEAM_CONFIG });
    const outside = workspace({ 'creepyline.json': JSON.stringify({ rules: { [RULE]: 'warning' } }) });
    dirs.push(outside);
    const inFolder = await openAndWait(client, dir, 'shop.js', SHOP);
    assert.equal(onlyRule(inFolder.diagnostics).severity, 1);
    const elsewhere = await openAndWait(client, outside, 'shop.js', SHOP);
    assert.equal(onlyRule(elsewhere.diagnostics).severity, 2, 'the outside directory\'s creepyline.json applies');
  });

  it('hands out the default creepyline.json template', async () => {
    const { client, dir } = await start({});
    const template = await client.request<{ text: string }>('creepyline/configTemplate', { folderUri: pathToUri(dir) });
    assert.match(template.text, /"\$schema"/);
    assert.match(template.text, /requireJustification/);
  });

  it('answers "Show privacy inventory" with the inventory page of the folder, unsaved editor text included', async () => {
    const { client, dir } = await start({
      'src/app.js': "gtag('event', 'page_view');\n",
      'privacy.md': 'We use Google Analytics.\n',
      'creepyline.json': '{ "privacyNotice": "privacy.md" }',
    });
    // An open editor adds the Meta Pixel before it is saved: the inventory sees the editor's text.
    await openAndWait(client, dir, 'src/app.js', "gtag('event', 'page_view');\nfbq('track', 'PageView');\n");
    const result = await client.request<{ folder: string; html: string; summary: { vendors: number; files: number } } | null>('creepyline/inventory', { folderUri: pathToUri(dir) });
    assert.ok(result, 'an inventory');
    assert.equal(result.summary.vendors, 2);
    assert.match(result.html, /^<!DOCTYPE html>/);
    assert.match(result.html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
    assert.doesNotMatch(result.html, /<script\b/i);
    assert.match(result.html, /<td>Google Analytics<\/td>/);
    assert.match(result.html, /<td>Meta Pixel \(Facebook\)<\/td>/);
    // the notice drift of the folder's privacyNotice
    assert.match(result.html, /Meta Pixel \(Facebook\) is used \(<span class="loc">src\/app\.js:2:1<\/span>\) but the notice does not name it/);
    assert.equal(await client.request('creepyline/inventory', {}).then((r) => (r as { folder: string } | null)?.folder), dir, 'the first folder by default');
  });

  it('a document closed while its validation waits for the settings leaves no overlay or result behind (found by the stress test)', async () => {
    const { client, dir } = await start({ 'creepyline.json': TEAM_CONFIG });
    await client.waitFor(() => client.logs.some((l) => l.startsWith('Indexed')), () => 'background index');
    let release!: () => void;
    client.holdConfiguration = new Promise((resolve) => { release = resolve; });
    const uri = pathToUri(path.join(dir, 'shop.js'));
    const asked = client.configurationRequests.length;
    client.open(uri, 'javascript', SHOP);
    // the server is now inside the validation, waiting for this document's settings
    await client.waitFor(() => client.configurationRequests.slice(asked).includes(uri), () => 'settings asked for the document');
    client.close(uri);
    await client.waitFor(() => client.last(uri)?.length === 0, () => 'diagnostics cleared on close');
    client.holdConfiguration = undefined;
    release();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const stats = await client.request<DebugStatsResult>('creepyline/debugStats', {});
    assert.equal(stats.cachedResults, 0, 'no result kept for a closed document');
    assert.deepEqual(stats.roots.map((r) => [r.overlays, r.editorTrees]), [[0, 0]], 'the closed document\'s unsaved text does not shadow the file on disk');
    assert.deepEqual(client.diagnostics.get(uri), [[]], 'nothing published for the closed document after its close');
  });

  it('survives syntax garbage and binary-looking content and keeps answering', async () => {
    const { client, dir } = await start({ 'creepyline.json': TEAM_CONFIG });
    const garbage = "function (((( {{{ gtag('event' <<<>>> ]]] \u0000\u0001\u0002 `${ ";
    const binary = 'PK\u0003\u0004\u0014\u0000\u0006\u0000' + String.fromCharCode(...Array.from({ length: 400 }, (_, i) => (i * 37) % 256));
    await openAndWait(client, dir, 'broken.ts', garbage, 'typescript');
    await openAndWait(client, dir, 'archive.js', binary);
    const hover = await client.request('textDocument/hover', {
      textDocument: { uri: pathToUri(path.join(dir, 'broken.ts')) }, position: { line: 0, character: 3 },
    });
    assert.ok(hover === null || typeof hover === 'object');
    const { diagnostics } = await openAndWait(client, dir, 'shop.js', SHOP);
    onlyRule(diagnostics);
    assert.equal(client.process.exitCode, null, 'server still running');
  });
});
