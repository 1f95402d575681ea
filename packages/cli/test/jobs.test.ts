/**
 * Worker threads (`check --jobs N`, src/pool.ts + src/worker.ts): the report is byte-identical
 * to a single-threaded run (JSON and SARIF, on the samples and on a generated corpus, with and
 * without the cache on disk); a hostile file is skipped with the same reason; a worker that dies
 * costs its file only and never hangs or ends the run; bad values are usage errors; and the
 * built CLI finds its worker bundle next to itself.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs, parseJobs, type CheckOptions } from '../src/args';
import { analyse } from '../src/check';
import { DiskFactsStore } from '../src/cache';
import { main } from '../src/main';
import { AUTO_MIN_FILES_PER_WORKER, maxWorkers, workerCount } from '../src/pool';
import { Progress } from '../src/progress';
import { generateCorpus } from '../../../scripts/bench/corpus';
import { BIN, makeProject, removeProject, REPO_ROOT, UNGATED_TRACKER, runMain } from './helpers';

const run = (args: string[], cwd = REPO_ROOT) => runMain(args, cwd);

function checkOptions(paths: string[], extra: Partial<CheckOptions> = {}): CheckOptions {
  const command = parseArgs(['check', ...paths]);
  assert.equal(command.kind, 'check');
  return { ...(command as { options: CheckOptions }).options, ...extra };
}

const quiet = () => new Progress({ write: () => true }, false, REPO_ROOT);

/** Runs `fn` with the test-only worker fault set. */
async function withFault<T>(fault: string, fn: () => Promise<T>): Promise<T> {
  process.env.CREEPYLINE_TEST_WORKER_FAULT = fault;
  try {
    return await fn();
  } finally {
    delete process.env.CREEPYLINE_TEST_WORKER_FAULT;
  }
}

describe('check --jobs (worker threads)', function () {
  this.timeout(600_000);

  describe('the option', () => {
    it('takes auto or a whole number from 1 to 256; anything else is a usage error (exit 2)', async () => {
      assert.equal(parseJobs('auto'), 'auto');
      assert.equal(parseJobs('1'), 1);
      assert.equal(parseJobs('12'), 12);
      assert.equal((parseArgs(['check']) as { options: CheckOptions }).options.jobs, 'auto');
      assert.equal((parseArgs(['check', '-j', '3']) as { options: CheckOptions }).options.jobs, 3);
      for (const bad of ['0', 'abc', '1.5', '257', '2x', 'AUTO']) {
        const result = await run(['check', 'samples/shop', '--jobs', bad, '--no-cache']);
        assert.equal(result.code, 2, `--jobs ${bad}`);
        assert.match(result.stderr, new RegExp(`Invalid value '${bad.replace('.', '\\.')}' for --jobs: expected auto or a whole number from 1 to 256`), `--jobs ${bad}`);
        assert.equal(result.stdout, '');
      }
      const missing = await run(['check', 'samples/shop', '--jobs']);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /--jobs needs a value/);
    });

    it('auto is one worker per core but one, none on 2 cores or for few files; N is capped by the files to parse', () => {
      assert.equal(maxWorkers('auto', 1), 0);
      assert.equal(maxWorkers('auto', 2), 0);
      assert.equal(maxWorkers('auto', 3), 2);
      assert.equal(maxWorkers('auto', 8), 7);
      assert.equal(maxWorkers(1, 8), 0);
      assert.equal(maxWorkers(2, 1), 2);
      assert.equal(maxWorkers(undefined, 8), 0);
      assert.equal(workerCount('auto', 10_000, 2), 0);
      assert.equal(workerCount('auto', 10_000, 8), 7);
      assert.equal(workerCount('auto', 3 * AUTO_MIN_FILES_PER_WORKER, 8), 3);
      assert.equal(workerCount('auto', 2 * AUTO_MIN_FILES_PER_WORKER - 1, 8), 0);
      assert.equal(workerCount(3, 2, 2), 2);
      assert.equal(workerCount(3, 0, 8), 0);
      assert.equal(workerCount(1, 500, 8), 0);
    });
  });

  it('gives byte-identical JSON and SARIF for --jobs 1, 2 and 3 on every sample, and the workers did the syntax pass', async () => {
    for (const format of ['json', 'sarif']) {
      const base = ['check', 'samples', '--format', format, '--fail-on', 'never', '--no-cache'];
      const single = await run([...base, '--jobs', '1']);
      assert.equal(single.code, 0, single.stderr);
      assert.ok(single.stdout.length > 10_000);
      for (const jobs of ['2', '3']) {
        const pooled = await run([...base, '--jobs', jobs]);
        assert.equal(pooled.code, 0, pooled.stderr);
        assert.equal(pooled.stderr, single.stderr);
        assert.equal(pooled.stdout, single.stdout, `${format} --jobs ${jobs} differs from --jobs 1`);
      }
    }
    // the same run through analyse(): the workers delivered the facts of every file they were sent
    const analysis = await analyse(checkOptions(['samples'], { cache: false, jobs: 2, format: 'json' }), '0.0.0', REPO_ROOT, quiet());
    const stats = analysis.pool!;
    assert.equal(stats.started, 2);
    assert.equal(stats.cached, 0);
    assert.ok(stats.sent > 100, `sent ${stats.sent}`);
    assert.equal(stats.delivered, stats.sent);
    assert.equal(stats.crashed, 0);
  });

  it('gives byte-identical reports with the cache: workers fill it, a warm run starts no worker', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-jobs-cache-'));
    try {
      const base = ['check', 'samples', '--format', 'json', '--fail-on', 'never'];
      const reference = await run([...base, '--no-cache', '--jobs', '1']);
      const filling = await run([...base, '--cache-location', cacheDir, '--jobs', '2']);
      assert.equal(filling.stdout, reference.stdout, 'the run filling the cache in workers differs');
      const entries = (fs.readdirSync(cacheDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.json'));
      assert.ok(entries.length > 100, `the workers wrote ${entries.length} entries`);
      const warm2 = await run([...base, '--cache-location', cacheDir, '--jobs', '2']);
      assert.equal(warm2.stdout, reference.stdout, 'the warm --jobs 2 run differs');
      const sarif1 = await run(['check', 'samples', '--format', 'sarif', '--fail-on', 'never', '--no-cache', '--jobs', '1']);
      const sarif3 = await run(['check', 'samples', '--format', 'sarif', '--fail-on', 'never', '--cache-location', cacheDir, '--jobs', '3']);
      assert.equal(sarif3.stdout, sarif1.stdout, 'the warm --jobs 3 SARIF differs');

      // the --jobs 2 run left the cache as complete as a single-threaded run would: its whole run
      // (stored by the main thread) is found, no file is missing, nothing is written
      const tool = (await import('../src/cache')).toolFingerprint('0.1.0');
      const store = new DiskFactsStore(cacheDir, tool);
      const single = await analyse(checkOptions(['samples'], { jobs: 1, format: 'json' }), '0.1.0', REPO_ROOT, quiet(), store);
      assert.equal(single.pool, undefined);
      assert.deepEqual([store.stats.runHits, store.stats.misses, store.stats.writes, store.stats.runWrites], [1, 0, 0, 0]);
      // a warm --jobs 2 run: every file found in the probe, no worker started, the same whole run found
      const warmStore = new DiskFactsStore(cacheDir, tool);
      const warm = await analyse(checkOptions(['samples'], { jobs: 2, format: 'json' }), '0.1.0', REPO_ROOT, quiet(), warmStore);
      assert.equal(warm.pool!.started, 0, 'a warm run starts no worker');
      assert.equal(warm.pool!.sent, 0);
      assert.ok(warm.pool!.cached > 100, `cached ${warm.pool!.cached}`);
      assert.deepEqual([warmStore.stats.runHits, warmStore.stats.misses, warmStore.stats.writes, warmStore.stats.runWrites], [1, 0, 0, 0]);

      // one changed file: only it goes to a worker, and its entry is written
      const project = makeProject({ 'a.ts': UNGATED_TRACKER, 'b.ts': "export const x = 1;\n", 'c.ts': "export const y = 2;\n" });
      try {
        const projectStore = () => new DiskFactsStore(cacheDir, store.tool);
        const options = checkOptions(['.'], { jobs: 2, format: 'json' });
        const first = await analyse(options, '0.1.0', project, quiet(), projectStore());
        assert.equal(first.pool!.sent, 3);
        fs.writeFileSync(path.join(project, 'b.ts'), "export const x = 2;\n");
        const again = projectStore();
        const second = await analyse(options, '0.1.0', project, quiet(), again);
        assert.deepEqual([second.pool!.cached, second.pool!.sent, second.pool!.delivered, second.pool!.started], [2, 1, 1, 1]);
        assert.deepEqual([again.stats.hits, again.stats.misses, again.stats.writes], [2, 1, 1], 'the same cache counts as one thread');
      } finally {
        removeProject(project);
      }
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('gives byte-identical JSON and SARIF on a generated corpus', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-jobs-corpus-'));
    try {
      const corpus = generateCorpus(path.join(root, 'corpus'), 6_000);
      assert.ok(corpus.files > 20, `${corpus.files} files`);
      for (const format of ['json', 'sarif']) {
        const base = ['check', 'corpus', '--format', format, '--fail-on', 'never', '--no-cache'];
        const single = await run([...base, '--jobs', '1'], root);
        assert.ok(single.code === 0, single.stderr);
        for (const jobs of ['2', '3']) {
          const pooled = await run([...base, '--jobs', jobs], root);
          assert.equal(pooled.stdout, single.stdout, `${format} --jobs ${jobs} differs from --jobs 1`);
        }
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('skips a hostile file with the single-threaded reason and analyses the others', async () => {
    const project = makeProject({
      'app.ts': UNGATED_TRACKER,
      // deeper than the walk's limit: "too deeply nested to analyse"
      'deep.ts': `export const v = ${'('.repeat(2000)}1${')'.repeat(2000)};\n`,
      // deep enough to overflow the parser's stack in any thread
      'deeper.ts': `export const w = ${'['.repeat(60_000)}${']'.repeat(60_000)};\n`,
      'binary.ts': Buffer.from([0x67, 0x74, 0x61, 0x67, 0x00, 0x01, 0x02]),
      'other.ts': "import './app';\nexport const n = 1;\n",
    });
    try {
      const base = ['check', '.', '--format', 'json', '--fail-on', 'never', '--no-cache'];
      const single = await run([...base, '--jobs', '1'], project);
      const pooled = await run([...base, '--jobs', '2'], project);
      assert.equal(pooled.stdout, single.stdout);
      assert.equal(pooled.code, single.code);
      const report = JSON.parse(pooled.stdout) as { skipped: { file: string; reason: string }[]; findings: { file: string }[] };
      const reasons = Object.fromEntries(report.skipped.map((s) => [s.file, s.reason]));
      assert.equal(reasons['deep.ts'], 'too deeply nested to analyse');
      assert.equal(reasons['deeper.ts'], 'too deeply nested to analyse');
      assert.match(reasons['binary.ts']!, /^binary file/);
      assert.ok(report.findings.some((f) => f.file === 'app.ts'));
      const stats = (await analyse(checkOptions(['.'], { cache: false, jobs: 2, format: 'json' }), '0.0.0', project, quiet())).pool!;
      // the worker failed on both deep files; the main thread analysed them again and skipped them
      assert.equal(stats.failedInWorker, 2);
      assert.equal(stats.crashed, 0);
    } finally {
      removeProject(project);
    }
  });

  it('a worker that dies costs only its file: skipped with the reason, the others analysed, no hang', async () => {
    const files: Record<string, string> = { 'app.ts': UNGATED_TRACKER, 'a-victim.ts': UNGATED_TRACKER };
    for (let i = 0; i < 8; i++) files[`m${i}.ts`] = `export const m${i} = ${i};\n`;
    const project = makeProject(files);
    try {
      const base = ['check', '.', '--format', 'json', '--fail-on', 'error', '--no-cache'];
      const single = JSON.parse((await run([...base, '--jobs', '1'], project)).stdout) as { findings: { file: string }[]; skipped: unknown[]; summary: { files: number } };
      for (const [fault, why] of [['exit:a-victim.ts', /exit code 70/], ['throw:a-victim.ts', /injected fault on a-victim\.ts/]] as const) {
        const result = await withFault(fault, () => run([...base, '--jobs', '2'], project));
        assert.equal(result.code, 1, `${fault}: the exit code comes from the other findings (app.ts)`);
        const report = JSON.parse(result.stdout) as typeof single & { skipped: { file: string; reason: string }[] };
        assert.equal(report.skipped.length, 1, fault);
        assert.equal(report.skipped[0]!.file, 'a-victim.ts');
        assert.match(report.skipped[0]!.reason, /^analysis failed: the worker thread analysing it stopped \(/);
        assert.match(report.skipped[0]!.reason, why);
        assert.deepEqual(report.findings.filter((f) => f.file !== 'a-victim.ts'), single.findings.filter((f) => f.file !== 'a-victim.ts'));
        assert.equal(report.summary.files, single.summary.files - 1);
      }
      const stats = (await withFault('exit:a-victim.ts', () => analyse(checkOptions(['.'], { cache: false, jobs: 2, format: 'json' }), '0.0.0', project, quiet()))).pool!;
      assert.equal(stats.crashed, 1);
      // the victim sorts first: the first worker ready takes it with the next file (two in flight),
      // so the dead worker always leaves a file behind, which goes to a replacement
      assert.equal(stats.started, 3, 'the dead worker was replaced');
      assert.equal(stats.delivered, 9);
    } finally {
      removeProject(project);
    }
  });

  it('a pool that cannot start says so and the run goes on in the main thread, same report', async () => {
    const base = ['check', 'samples/shop', '--format', 'json', '--fail-on', 'never', '--no-cache'];
    const single = await run([...base, '--jobs', '1']);
    const result = await withFault('start:', () => run([...base, '--jobs', '2']));
    assert.equal(result.stdout, single.stdout);
    assert.equal(result.code, single.code);
    assert.match(result.stderr, /creepyline: a worker thread failed to start \(injected start-up fault\); the remaining files are analysed in the main thread\./);
    // the main thread's own pass then draws the bar to the end
    const withBar = await withFault('start:', () => run([...base, '--jobs', '2', '--progress']));
    const counts = [...withBar.stderr.matchAll(/\] (\d+)\/(\d+) files/g)].map((m) => [Number(m[1]), Number(m[2])]);
    assert.ok(counts.length > 0, withBar.stderr);
    assert.equal(counts[counts.length - 1]![0], counts[counts.length - 1]![1]);
  });

  it('--shard and inventory give the same output with workers', async () => {
    for (const args of [
      ['check', 'samples', '--format', 'json', '--fail-on', 'never', '--no-cache', '--shard', '2/3'],
      ['inventory', 'samples/shop', '--format', 'json'],
    ]) {
      const single = await run([...args, '--jobs', '1']);
      const pooled = await run([...args, '--jobs', '2']);
      assert.ok(single.stdout.length > 1000, single.stderr);
      assert.equal(pooled.stdout, single.stdout, args.join(' '));
      assert.equal(pooled.code, single.code);
    }
    const bad = await run(['inventory', 'samples/shop', '--jobs', '0']);
    assert.equal(bad.code, 2);
  });

  it('the progress bar counts up to the total once, with workers', async () => {
    let stderr = '';
    const code = await main(['check', 'samples/shop', '--format', 'json', '--fail-on', 'never', '--no-cache', '--jobs', '2', '--progress'], {
      stdout: { write: () => true },
      stderr: { write: (t: string) => (stderr += t) },
      cwd: REPO_ROOT,
      env: { NO_COLOR: '1' },
    });
    assert.equal(code, 0);
    const counts = [...stderr.matchAll(/\] (\d+)\/(\d+) files/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    assert.ok(counts.length >= 2, stderr);
    const total = counts[0]![1];
    assert.ok(counts.every(([, t]) => t === total));
    for (let i = 1; i < counts.length; i++) assert.ok(counts[i]![0] >= counts[i - 1]![0], `the bar went back: ${JSON.stringify(counts)}`);
    assert.equal(counts[counts.length - 1]![0], total);
  });

  it('the built CLI runs its bundled workers (packages/cli/dist/worker.js) with the same report', () => {
    const dist = path.join(REPO_ROOT, 'packages', 'cli', 'dist');
    const newest = (dir: string): number => Math.max(0, ...(fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => fs.statSync(path.join(dir, f)).mtimeMs));
    const sources = Math.max(newest(path.join(REPO_ROOT, 'packages', 'cli', 'src')), newest(path.join(REPO_ROOT, 'packages', 'core', 'src')));
    const built = ['cli.js', 'worker.js'].map((f) => path.join(dist, f));
    if (!built.every((f) => fs.existsSync(f) && fs.statSync(f).mtimeMs >= sources)) {
      const build = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
      assert.equal(build.status, 0, build.stderr);
    }
    assert.ok(built.every((f) => fs.existsSync(f)), 'npm run build writes dist/cli.js and dist/worker.js');
    const env = { ...process.env, NO_COLOR: '1' } as NodeJS.ProcessEnv;
    delete env.CREEPYLINE_FROM_SOURCE;
    delete env.CREEPYLINE_TEST_WORKER_FAULT;
    const cli = (jobs: string, cwd = os.tmpdir()) => spawnSync(process.execPath, [BIN, 'check', path.join(REPO_ROOT, 'samples'), '--format', 'sarif', '--fail-on', 'never', '--no-cache', '--jobs', jobs], { cwd, env, encoding: 'utf8', timeout: 300_000 });
    const single = cli('1', REPO_ROOT);
    const pooled = cli('2', REPO_ROOT);
    assert.equal(single.status, 0, single.stderr);
    assert.equal(pooled.status, 0, pooled.stderr);
    assert.equal(pooled.stderr, '');
    assert.equal(pooled.stdout, single.stdout);
    // the process ends by itself once the report is written (no dangling worker keeps it alive)
    const faulty = spawnSync(process.execPath, [BIN, 'check', 'samples/shop', '--format', 'json', '--no-cache', '--jobs', '2', '--fail-on', 'never'], {
      cwd: REPO_ROOT, env: { ...env, CREEPYLINE_TEST_WORKER_FAULT: 'exit:CookieBanner.tsx' }, encoding: 'utf8', timeout: 300_000,
    });
    assert.equal(faulty.status, 0, faulty.stderr);
    assert.equal(faulty.signal, null);
  });
});
