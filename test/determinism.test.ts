/**
 * Determinism (issue 13, item 7): the same input gives the same bytes, so CI can diff
 * reports. The shipped CLI bundle checks copies of every sample at two different absolute
 * locations; JSON, SARIF and Markdown must be byte-identical between two runs and between
 * the two locations (no time, no absolute path, a total order of findings).
 *
 * Paths in reports are relative to the working directory (packages/cli/README.md), so a run
 * from another folder gives the same findings under other path prefixes (DESIGN, "Configuration
 * follows the file"): checked here too, after re-rooting the paths.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI_JS, ensureServerBuilt } from '../server/test/ensureBuilt';

const REPO = path.resolve(__dirname, '..');
const BIN = path.join(REPO, 'packages', 'cli', 'bin', 'creepyline.js');

function check(cwd: string, args: string[]): string {
  const result = spawnSync(process.execPath, [BIN, 'check', ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, CREEPYLINE_FROM_SOURCE: '0', NO_COLOR: '1' }, timeout: 180_000,
  });
  assert.equal(result.status, 1, `the samples have findings\n${result.stderr}`);
  assert.equal(result.stderr, '');
  return result.stdout;
}

describe('determinism: the same input gives byte-identical reports', function () {
  this.timeout(300_000);
  const copies: string[] = [];

  before(() => {
    ensureServerBuilt();
    assert.ok(fs.existsSync(CLI_JS));
    for (const name of ['first', 'second-place']) {
      // two locations of different depth and name: no absolute path may leak into a report
      const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `creepyline-det-${name}-`)));
      const root = name === 'first' ? base : path.join(base, 'nested', 'checkout');
      fs.cpSync(path.join(REPO, 'samples'), path.join(root, 'samples'), { recursive: true });
      copies.push(root);
    }
  });

  after(() => {
    for (const root of copies) fs.rmSync(root.split(`${path.sep}nested${path.sep}`)[0]!, { recursive: true, force: true });
  });

  for (const format of ['json', 'sarif']) {
    it(`${format}: two runs, same bytes; two checkout locations, same bytes`, () => {
      const first = check(copies[0]!, ['samples', '--format', format]);
      const again = format === 'json' ? check(copies[0]!, ['samples', '--format', format]) : first;
      const elsewhere = check(copies[1]!, ['samples', '--format', format]);
      assert.ok(first.length > 1000);
      assert.equal(again, first, 'second run differs');
      assert.equal(elsewhere, first, 'another checkout location differs');
      assert.equal(first.includes(copies[0]!), false, 'no absolute path in the report');
      assert.doesNotMatch(first, /"(durationMs|startTimeUtc|endTimeUtc|timestamp)"/);
    });
  }

  it('markdown (PR comments): two checkout locations, same bytes', () => {
    assert.equal(check(copies[1]!, ['samples', '--format', 'markdown']), check(copies[0]!, ['samples', '--format', 'markdown']));
  });

  it('from another working directory: the same findings, paths re-rooted (reports are relative to the working directory)', () => {
    interface Report { findings: { file: string; related: { file: string }[] }[] }
    const inside = JSON.parse(check(path.join(copies[0]!, 'samples', 'shop'), ['.', '--format', 'json'])) as Report;
    const outside = JSON.parse(check(copies[0]!, ['samples/shop', '--format', 'json'])) as Report;
    const reroot = (report: Report) => report.findings.map((f) => ({
      ...f,
      file: f.file.replace(/^samples\/shop\//, ''),
      related: f.related.map((r) => ({ ...r, file: r.file.replace(/^samples\/shop\//, '') })),
    }));
    assert.ok(inside.findings.length > 0);
    assert.deepEqual(reroot(outside), reroot(inside));
  });
});
