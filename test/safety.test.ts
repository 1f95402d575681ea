/**
 * Safety, proven (issue 13, item 6):
 * 1. The CLI and the language server open no network connection while analysing: they run
 *    under test/support/deny-network.cjs, a preload that makes every socket, dns lookup,
 *    http(s) request and fetch throw and records it. Each run asserts the preload was loaded
 *    and that nothing was attempted; a control run proves the preload catches a deliberate
 *    connection, so these tests can fail.
 * 2. Workspace configuration is data only: `$schema`, `extends` (creepyline.json and
 *    tsconfig.json), package.json `main`, JS config file names and imports in analysed code
 *    all point at a script with a side effect; after the CLI and the server ran, the side
 *    effect has not happened (a control run of the script shows it would have).
 * 3. Written reports are atomic: the target is never seen half-written, and a failure in the
 *    middle of the write leaves the previous report as it was.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { syncBuiltinESMExports } from 'node:module';
import { FakeClient, pathToUri, type CodeAction, type Diagnostic } from '../server/test/fakeClient';
import { ensureServerBuilt } from '../server/test/ensureBuilt';
import { main } from '../packages/cli/src/main';

const REPO = path.resolve(__dirname, '..');
const PRELOAD = path.join(REPO, 'test', 'support', 'deny-network.cjs');
const BIN = path.join(REPO, 'packages', 'cli', 'bin', 'creepyline.js');

interface NetworkEntry { pid: number; kind: 'loaded' | 'attempt' | 'allowed'; api?: string; detail?: string }

function readLog(file: string): NetworkEntry[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as NetworkEntry);
}

function tempDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** Runs `node --require deny-network.cjs …args` with the log at `log`. */
function guarded(args: string[], cwd: string, log: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--require', PRELOAD, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CREEPYLINE_NETWORK_LOG: log, NO_COLOR: '1', ...env },
    timeout: 180_000,
  });
}

describe('safety: no network while analysing', function () {
  this.timeout(240_000);
  let dir: string;
  before(() => {
    dir = tempDir('creepyline-net-');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('control: the guard catches deliberate connections (net, dns, https, fetch) and records them', () => {
    const log = path.join(dir, 'control.log');
    const script = [
      "const attempts = [() => require('node:net').connect(443, 'example.com'), () => require('node:dns').lookup('example.com', () => {}),",
      "  () => require('node:https').get('https://example.com/collect'), () => fetch('https://example.com/collect')];",
      'let denied = 0;',
      "for (const attempt of attempts) { try { attempt(); } catch (e) { if (e.code === 'ECREEPYLINE_NETWORK_DENIED') denied++; } }",
      'process.stdout.write(String(denied));',
    ].join('\n');
    const result = guarded(['-e', script], dir, log);
    assert.equal(result.stdout, '4', result.stderr);
    assert.deepEqual(readLog(log).filter((e) => e.kind === 'attempt').map((e) => e.api), ['net.connect', 'dns.lookup', 'https.get', 'fetch']);
  });

  // the analysis is the same whatever the format; json on stdout and html through --output cover both outputs
  for (const format of ['json', 'html']) {
    it(`the CLI checks every sample (${format}${format === 'html' ? ', --output' : ''}) without a connection attempt`, () => {
      const log = path.join(dir, `cli-${format}.log`);
      const output = path.join(dir, `report.${format}`);
      const args = [BIN, 'check', 'samples', '--format', format, ...(format === 'html' ? ['--output', output] : [])];
      // the bundle that ships (from source, the dev loader tsx would connect to its own pipe)
      ensureServerBuilt();
      const result = guarded(args, REPO, log, { CREEPYLINE_FROM_SOURCE: '0' });
      assert.equal(result.status, 1, `findings expected in the samples\n${result.stderr}`);
      const entries = readLog(log);
      assert.ok(entries.some((e) => e.kind === 'loaded'), 'the guard was active in the CLI process');
      assert.deepEqual(entries.filter((e) => e.kind !== 'loaded'), []);
      if (format === 'html') assert.match(fs.readFileSync(output, 'utf8'), /^<!DOCTYPE html>/);
    });
  }

  it('the language server (stdio) analyses, hovers, offers fixes and scans a sample without a connection attempt', async () => {
    ensureServerBuilt();
    const log = path.join(dir, 'server.log');
    const saved = { NODE_OPTIONS: process.env.NODE_OPTIONS, CREEPYLINE_NETWORK_LOG: process.env.CREEPYLINE_NETWORK_LOG };
    const root = path.join(REPO, 'samples', 'shop');
    let client: FakeClient;
    process.env.NODE_OPTIONS = `${saved.NODE_OPTIONS ?? ''} --require ${PRELOAD}`.trim();
    process.env.CREEPYLINE_NETWORK_LOG = log;
    try {
      client = await FakeClient.start({ rootDir: root });
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    try {
      const file = path.join(root, 'lib', 'analytics.ts');
      const uri = pathToUri(file);
      const seen = client.published(uri);
      client.open(uri, 'typescript', fs.readFileSync(file, 'utf8'));
      const diagnostics: Diagnostic[] = await client.nextDiagnostics(uri, seen);
      assert.ok(diagnostics.length > 0, 'the sample has findings');
      await client.request('textDocument/hover', { textDocument: { uri }, position: diagnostics[0]!.range.start });
      await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0]!.range, context: { diagnostics: [diagnostics[0]] } });
      const scan = await client.request<{ filesAnalysed: number }>('creepyline/scanWorkspace', {});
      assert.ok(scan.filesAnalysed > 10, JSON.stringify(scan));
      void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    } finally {
      await client.stop();
    }
    const entries = readLog(log);
    assert.ok(entries.some((e) => e.kind === 'loaded' && /server\.js/.test(String((e as { argv?: string }).argv))), 'the guard was active in the server process');
    assert.deepEqual(entries.filter((e) => e.kind !== 'loaded'), []);
    assert.deepEqual(client.unexpected, []);
  });
});

describe('safety: workspace configuration is data, never code', function () {
  this.timeout(240_000);
  let dir: string;
  let marker: string;

  before(() => {
    dir = tempDir('creepyline-data-only-');
    marker = path.join(dir, 'EXECUTED');
    const evil = `require('node:fs').appendFileSync(${JSON.stringify(marker)}, 'ran: ' + __filename + '\\n');\nmodule.exports = { rules: {} };\n`;
    const files: Record<string, string> = {
      'evil.js': evil,
      'evil.cjs': evil,
      'creepyline.config.js': evil,
      '.creepylinerc.js': evil,
      'node_modules/evil-preset/index.js': evil,
      'node_modules/evil-preset/package.json': JSON.stringify({ name: 'evil-preset', main: 'index.js' }),
      'creepyline.json': JSON.stringify({ $schema: './evil.js', extends: ['./evil.js', 'evil-preset'], consent: { functions: ['hasConsent'] } }, null, 2),
      'tsconfig.json': JSON.stringify({ extends: ['./evil.cjs', 'evil-preset'], compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } } }, null, 2),
      '.vscode/settings.json': JSON.stringify({ $schema: './evil.js', 'creepyline.rules': { 'tracking-without-consent': 'warning' } }, null, 2),
      'package.json': JSON.stringify({ name: 'shop', main: 'evil.js', creepyline: './evil.js', scripts: { postinstall: 'node evil.js' } }, null, 2),
      'src/page.ts': "import './../evil.js';\nimport preset from 'evil-preset';\nconst later = import('@/evil.cjs');\nrequire('../evil.cjs');\ngtag('event', 'page_view');\nexport { preset, later };\n",
    };
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('control: running the script does leave its mark (so the checks below can fail)', () => {
    const control = spawnSync(process.execPath, [path.join(dir, 'evil.js')], { encoding: 'utf8' });
    assert.equal(control.status, 0, control.stderr);
    assert.match(fs.readFileSync(marker, 'utf8'), /ran: /);
    fs.rmSync(marker);
  });

  it('the CLI reads the configs as data: findings computed, `extends` reported as an unknown key, nothing executed', () => {
    const result = spawnSync(process.execPath, [BIN, 'check', '--format', 'json'], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, CREEPYLINE_FROM_SOURCE: '1' }, timeout: 180_000,
    });
    assert.equal(fs.existsSync(marker), false, `workspace code ran:\n${fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : ''}`);
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /creepyline\.json:\d+:\d+ \(extends\)/);
    const report = JSON.parse(result.stdout) as { findings: { file: string; ruleId: string }[] };
    assert.ok(report.findings.some((f) => f.file === 'src/page.ts' && f.ruleId === 'tracking-without-consent'), result.stdout);
  });

  it('the language server reads them as data too (open, config reload, workspace scan): nothing executed', async () => {
    ensureServerBuilt();
    const client = await FakeClient.start({ rootDir: dir });
    try {
      const file = path.join(dir, 'src', 'page.ts');
      const uri = pathToUri(file);
      const seen = client.published(uri);
      client.open(uri, 'typescript', fs.readFileSync(file, 'utf8'));
      const diagnostics = await client.nextDiagnostics(uri, seen);
      assert.ok(diagnostics.some((d) => d.code === 'tracking-without-consent'), JSON.stringify(diagnostics));
      void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToUri(path.join(dir, 'creepyline.json')), type: 2 }] });
      await client.request('creepyline/scanWorkspace', {});
    } finally {
      await client.stop();
    }
    assert.equal(fs.existsSync(marker), false, `workspace code ran:\n${fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : ''}`);
  });
});

describe('safety: reports are written atomically (--output)', function () {
  this.timeout(120_000);
  let dir: string;
  const OLD = '{"previous":"report"}\n';
  const fsModule = require('node:fs') as Record<string, unknown>;

  beforeEach(() => {
    dir = tempDir('creepyline-atomic-');
    fs.writeFileSync(path.join(dir, 'page.js'), "gtag('event', 'page_view');\n");
    fs.writeFileSync(path.join(dir, 'report.json'), OLD);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs `check --format json --output report.json` in-process while `writeFileSync` on a descriptor is replaced by `during`. */
  async function runWithWrite(during: (fd: number, text: string) => void) {
    const original = fsModule.writeFileSync as typeof fs.writeFileSync;
    fsModule.writeFileSync = ((file: fs.PathOrFileDescriptor, data: string | NodeJS.ArrayBufferView, ...rest: unknown[]) => {
      if (typeof file === 'number') return during(file, String(data));
      return (original as (...a: unknown[]) => void)(file, data, ...rest);
    }) as typeof fs.writeFileSync;
    syncBuiltinESMExports();
    let stderr = '';
    try {
      const code = await main(['check', '--format', 'json', '--output', 'report.json'], {
        stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) }, cwd: dir, env: {},
      });
      return { code, stderr };
    } finally {
      fsModule.writeFileSync = original;
      syncBuiltinESMExports();
    }
  }

  const leftovers = () => fs.readdirSync(dir).filter((name) => name !== 'page.js' && name !== 'report.json');

  it('mid-write, the target still holds the previous report; afterwards the whole new one, no temporary file left', async () => {
    let seenMidWrite: string | undefined;
    const { code, stderr } = await runWithWrite((fd, text) => {
      fs.writeSync(fd, text.slice(0, text.length >> 1));
      seenMidWrite = fs.readFileSync(path.join(dir, 'report.json'), 'utf8');
      fs.writeSync(fd, text.slice(text.length >> 1));
    });
    assert.equal(code, 1, stderr);
    assert.equal(seenMidWrite, OLD, 'a reader during the write sees the old report, not half of the new one');
    const written = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as { findings: unknown[] };
    assert.equal(written.findings.length, 1);
    assert.deepEqual(leftovers(), []);
  });

  it('a failure in the middle of the write (disk full) leaves the previous report untouched, exit 2, a one-line message', async () => {
    const { code, stderr } = await runWithWrite((fd, text) => {
      fs.writeSync(fd, text.slice(0, 10));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    assert.equal(code, 2);
    assert.equal(stderr, 'creepyline: Cannot write --output report.json: ENOSPC\n');
    assert.equal(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'), OLD);
    assert.deepEqual(leftovers(), []);
  });
});
