/**
 * Smoke test of the whole-repository benchmark (`npm run bench -- --repo --quick`): the harness
 * runs every measurement on a small generated corpus and records every figure. Timings are
 * never asserted (the machine is shared and noisy); that each figure exists and is sane is.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..');

describe('npm run bench -- --repo --quick', function () {
  // Four to six Node processes on a shared 2-core machine, plus tools/bench's npm ci on first use.
  this.timeout(300_000);

  it('measures parse, cold and warm check, and the ESLint baseline, with peak RSS, in one run', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-bench-smoke-'));
    try {
      const out = path.join(tmp, 'results.json');
      const r = spawnSync(process.execPath, [path.join('scripts', 'bench-run.mjs'), '--repo', '--quick', '--out', out], { cwd: REPO_ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const result = JSON.parse(fs.readFileSync(out, 'utf8'));
      assert.equal(result.mode, 'quick');
      assert.equal(result.corpus.source, 'generated');
      assert.ok(result.corpus.lines >= 3000 && result.corpus.scriptFiles > 5, JSON.stringify(result.corpus));
      for (const name of ['parse', 'parseRetained', 'cold', 'coldJobs', 'coldFillingCache', 'warm', 'eslint']) {
        const run = result.runs[name];
        assert.ok(Number.isFinite(run.wallMs) && run.wallMs > 0, `${name} wall time`);
        assert.ok(Number.isFinite(run.peakRssMB) && run.peakRssMB > 10, `${name} peak RSS`);
        assert.ok(Number.isFinite(run.cpuS) && run.cpuS > 0, `${name} CPU time`);
      }
      assert.equal(result.runs.parse.report.files, result.corpus.scriptFiles);
      assert.equal(result.runs.parseRetained.report.kept, result.corpus.scriptFiles);
      // The generated corpus has tracker calls: both tools find some, and ESLint parsed every file.
      assert.ok(result.runs.cold.findings > 0);
      assert.equal(result.runs.warm.findings, result.runs.cold.findings);
      assert.equal(result.runs.coldJobs.findings, result.runs.cold.findings);
      assert.ok(result.runs.coldJobs.jobs >= 2);
      assert.ok(result.runs.eslint.messages > 0);
      for (const ratio of ['cpuColdVsParse', 'cpuWarmVsParse', 'cpuColdVsEslint']) assert.ok(Number.isFinite(result.ratios[ratio]) && result.ratios[ratio] > 0, ratio);
      assert.equal(result.runs.eslint.fatal, 0);
      assert.equal(result.runs.eslint.report.files, result.corpus.scriptFiles);
      for (const key of ['coldVsParse', 'warmVsParse', 'coldVsEslint', 'rssColdVsParseRetained', 'rssWarmVsParseRetained', 'jobsSpeedup']) {
        assert.ok(Number.isFinite(result.ratios[key]) && result.ratios[key] > 0, `ratio ${key}`);
      }
      for (const label of ['b/a', 'c/a', 'b/d', 'RSS cold', "b/b' --jobs"]) assert.match(r.stdout, new RegExp(label.replace('/', '\\/')));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
