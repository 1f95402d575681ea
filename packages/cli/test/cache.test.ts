/**
 * The facts cache on disk (`src/cache.ts`): it never changes results (cached and uncached runs
 * give byte-identical JSON and SARIF reports on every sample), and it is keyed by content,
 * effective configuration and tool version (each invalidates), survives damaged entries and
 * serves every unchanged file of a second run without a parse.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace, loadConfig } from '@creepyline/core';
import { DiskFactsStore, defaultCacheDir, toolFingerprint } from '../src/cache';
import { BIN, makeProject, removeProject, REPO_ROOT, runMain } from './helpers';

const run = (args: string[], cwd = REPO_ROOT) => runMain(args, cwd);

function entries(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.json')).map((f) => path.join(dir, f)).sort();
}

const SAMPLES = fs.readdirSync(path.join(REPO_ROOT, 'samples'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join('samples', e.name)).sort();

describe('facts cache on disk', function () {
  this.timeout(180_000);
  let cacheDir: string;
  beforeEach(() => {
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-cache-test-'));
  });
  afterEach(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

  it('gives byte-identical JSON and SARIF reports cached and uncached, on every sample', async () => {
    assert.ok(SAMPLES.length >= 5);
    for (const sample of SAMPLES) {
      for (const format of ['json', 'sarif']) {
        const base = ['check', sample, '--format', format, '--fail-on', 'never'];
        const uncached = await run([...base, '--no-cache']);
        assert.equal(uncached.code, 0, uncached.stderr);
        const filling = await run([...base, '--cache-location', cacheDir]);
        const warm = await run([...base, '--cache-location', cacheDir]);
        assert.equal(filling.stdout, uncached.stdout, `${sample} ${format}: the run filling the cache differs`);
        assert.equal(warm.stdout, uncached.stdout, `${sample} ${format}: the cached run differs`);
      }
    }
    assert.ok(entries(cacheDir).length > 20, 'the runs wrote cache entries');
  });

  it('serves every unchanged file from the cache and reparses only what changed (content, configuration, tool)', () => {
    const project = makeProject({
      'package.json': '{"name":"shop"}',
      'lib/track.ts': "export function track(e: string) {\n  window.gtag('event', e);\n}\n",
      'pages/a.tsx': "import { track } from '../lib/track';\nexport default function A() {\n  track('a');\n  return <p>a</p>;\n}\n",
      'pages/b.ts': "export const b = 1;\n",
    });
    try {
      const files = ['lib/track.ts', 'pages/a.tsx', 'pages/b.ts'].map((f) => path.join(project, f));
      const analyse = (tool = toolFingerprint('0.1.0')) => {
        const store = new DiskFactsStore(cacheDir, tool);
        const { config } = loadConfig({ root: project });
        const result = new Workspace({ root: project, config, factsStore: store }).analyzeFiles(files);
        return { store, findings: JSON.stringify(result.findings) };
      };
      const first = analyse();
      assert.deepEqual([first.store.stats.hits, first.store.stats.misses, first.store.stats.writes], [0, 3, 3]);
      // nothing changed: the stored run (no facts read, no rules run)
      const second = analyse();
      assert.deepEqual([second.store.stats.runHits, second.store.stats.hits, second.store.stats.misses, second.store.stats.writes], [1, 0, 0, 0]);
      assert.equal(second.findings, first.findings);
      assert.match(first.findings, /tracking-without-consent/);

      // a changed file: only it is recomputed, and the cross-file verdict follows the change
      fs.writeFileSync(files[1]!, "import { track } from '../lib/track';\nexport default function A() {\n  if (window.Cookiebot?.consent?.statistics) track('a');\n  return <p>a</p>;\n}\n");
      const changed = analyse();
      assert.deepEqual([changed.store.stats.runHits, changed.store.stats.hits, changed.store.stats.misses, changed.store.stats.writes, changed.store.stats.runWrites], [0, 2, 1, 1, 1]);
      const fresh = new Workspace({ root: project, config: loadConfig({ root: project }).config }).analyzeFiles(files);
      assert.equal(changed.findings, JSON.stringify(fresh.findings));

      // a changed configuration (a team consent function) invalidates every file it applies to
      fs.writeFileSync(path.join(project, 'creepyline.json'), '{ "consent": { "functions": ["hasConsent"] } }\n');
      const reconfigured = analyse();
      assert.deepEqual([reconfigured.store.stats.hits, reconfigured.store.stats.misses], [0, 3]);

      // another tool version: another folder, nothing read from the old one
      assert.notEqual(toolFingerprint('0.1.0'), toolFingerprint('0.2.0'));
      const upgraded = analyse(toolFingerprint('0.2.0'));
      assert.deepEqual([upgraded.store.stats.hits, upgraded.store.stats.misses], [0, 3]);
    } finally {
      removeProject(project);
    }
  });

  it('ignores and rewrites damaged entries and entries of another file', async () => {
    const base = ['check', 'samples/landing', '--format', 'json', '--fail-on', 'never'];
    const expected = (await run([...base, '--no-cache'])).stdout;
    await run([...base, '--cache-location', cacheDir]);
    const written = entries(cacheDir).filter((f) => !f.includes(`${path.sep}runs${path.sep}`));
    assert.ok(written.length >= 2);
    // the stored run damaged too (else the next run would not read the facts at all)
    for (const file of entries(cacheDir).filter((f) => f.includes(`${path.sep}runs${path.sep}`))) fs.writeFileSync(file, '{"tool":');
    // half of the entries truncated, the other half swapped with each other's facts
    const texts = written.map((f) => fs.readFileSync(f, 'utf8'));
    written.forEach((file, i) => {
      if (i % 2 === 0) fs.writeFileSync(file, texts[i]!.slice(0, texts[i]!.length / 2));
      else {
        const other = JSON.parse(texts[(i + 2) % texts.length] ?? texts[0]!) as { facts: unknown };
        const own = JSON.parse(texts[i]!) as { facts: unknown };
        own.facts = other.facts;
        fs.writeFileSync(file, JSON.stringify(own));
      }
    });
    assert.equal((await run([...base, '--cache-location', cacheDir])).stdout, expected);
    // rewritten: every entry parses again and is the file's own
    for (const file of entries(cacheDir)) assert.doesNotThrow(() => JSON.parse(fs.readFileSync(file, 'utf8')), file);
    assert.equal((await run([...base, '--cache-location', cacheDir])).stdout, expected);
  });

  it('uses a stored run only while everything it read outside the analysed files is unchanged (import targets, tsconfig paths, package roots, the notice)', () => {
    const project = makeProject({
      'package.json': '{"name":"shop"}',
      'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"] } } }\n',
      'creepyline.json': '{ "privacyNotice": "privacy.md" }\n',
      'privacy.md': '# Privacy\nWe use Google Analytics.\n',
      'src/lib/track.ts': "export function track(e: string) {\n  window.gtag('event', e);\n}\n",
      'pages/a.tsx': "import { track } from '@/lib/track';\nimport { later } from './later';\nexport default function A() {\n  track('a');\n  later();\n  return <p>a</p>;\n}\n",
    });
    try {
      // only some files are listed, so that files outside the list decide through the journal
      const listed = ['src/lib/track.ts', 'pages/a.tsx'].map((f) => path.join(project, f));
      const analyse = () => {
        const store = new DiskFactsStore(cacheDir, toolFingerprint('0.1.0'));
        const { config } = loadConfig({ root: project });
        const result = new Workspace({ root: project, config, factsStore: store }).analyzeFiles(listed);
        const fresh = new Workspace({ root: project, config: loadConfig({ root: project }).config }).analyzeFiles(listed);
        assert.equal(JSON.stringify(result), JSON.stringify(fresh), 'a cached run differs from an uncached one');
        return store.stats;
      };
      assert.equal(analyse().runWrites, 1);
      assert.equal(analyse().runHits, 1);
      // the tsconfig no longer maps @/ (the cross-file verdict depends on it)
      fs.writeFileSync(path.join(project, 'tsconfig.json'), '{ "compilerOptions": {} }\n');
      assert.equal(analyse().runHits, 0);
      assert.equal(analyse().runHits, 1);
      // an import target appears on disk (not among the listed files)
      fs.writeFileSync(path.join(project, 'pages', 'later.ts'), 'export function later() {}\n');
      assert.equal(analyse().runHits, 0);
      assert.equal(analyse().runHits, 1);
      // a package root appears between the files and the root
      fs.writeFileSync(path.join(project, 'pages', 'package.json'), '{"name":"pages"}');
      assert.equal(analyse().runHits, 0);
      assert.equal(analyse().runHits, 1);
      // the privacy notice changes
      fs.writeFileSync(path.join(project, 'privacy.md'), '# Privacy\nNo analytics.\n');
      assert.equal(analyse().runHits, 0);
      assert.equal(analyse().runHits, 1);
      // a damaged stored run is ignored and written again
      for (const file of entries(cacheDir).filter((f) => f.includes(`${path.sep}runs${path.sep}`))) fs.writeFileSync(file, '{');
      const damaged = analyse();
      assert.deepEqual([damaged.runHits, damaged.runWrites], [0, 1]);
      assert.equal(analyse().runHits, 1);
    } finally {
      removeProject(project);
    }
  });

  it('lives under XDG_CACHE_HOME, else ~/.cache', () => {
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/x/cache' }), path.join('/x/cache', 'creepyline'));
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: 'relative' }), path.join(os.homedir(), '.cache', 'creepyline'));
    assert.equal(defaultCacheDir({}), path.join(os.homedir(), '.cache', 'creepyline'));
  });

  it('never fails a run when the cache cannot be written', async () => {
    const blocker = path.join(cacheDir, 'file');
    fs.writeFileSync(blocker, 'not a folder');
    const base = ['check', 'samples/landing', '--format', 'json', '--fail-on', 'never'];
    const r = await run([...base, '--cache-location', blocker]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, (await run([...base, '--no-cache'])).stdout);
  });
  it('the built CLI compiles its bundle through a V8 code cache in the cache folder, read on the next run, none under --no-cache', function () {
    // the bin script's loader (bin/creepyline.js); a stale bundle does not matter here
    if (!fs.existsSync(path.join(REPO_ROOT, 'packages', 'cli', 'dist', 'cli.js'))) this.skip();
    const env = { ...process.env, NO_COLOR: '1' } as NodeJS.ProcessEnv;
    delete env.CREEPYLINE_FROM_SOURCE;
    const cli = (...extra: string[]) => spawnSync(process.execPath, [BIN, 'check', 'samples/shop', '--format', 'json', '--fail-on', 'never', ...extra], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 120_000 });
    const codeCache = () => (fs.existsSync(path.join(cacheDir, 'code-v1')) ? fs.readdirSync(path.join(cacheDir, 'code-v1')) : []);
    const uncached = cli('--no-cache');
    assert.equal(uncached.status, 0, uncached.stderr);
    assert.deepEqual(codeCache(), []);
    const first = cli(`--cache-location=${cacheDir}`);
    assert.equal(first.status, 0, first.stderr);
    const written = codeCache();
    assert.equal(written.length, 1);
    assert.match(written[0]!, /^v\d+\.\d+\.\d+-\d+-\d+\.bin$/);
    const stamp = fs.statSync(path.join(cacheDir, 'code-v1', written[0]!)).mtimeMs;
    const second = cli('--cache-location', cacheDir);
    assert.equal(second.status, 0, second.stderr);
    assert.equal(second.stdout, first.stdout);
    assert.equal(first.stdout, uncached.stdout);
    // accepted, so not written again
    assert.equal(fs.statSync(path.join(cacheDir, 'code-v1', written[0]!)).mtimeMs, stamp);
    // a damaged cache is rejected by V8 and replaced; the run is the same
    fs.writeFileSync(path.join(cacheDir, 'code-v1', written[0]!), 'not a code cache');
    const damaged = cli('--cache-location', cacheDir);
    assert.equal(damaged.status, 0, damaged.stderr);
    assert.equal(damaged.stdout, first.stdout);
    assert.ok(fs.statSync(path.join(cacheDir, 'code-v1', written[0]!)).size > 1000);
  });
});
