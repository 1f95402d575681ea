/**
 * Smoke test of the benchmark's core measurement (scripts/bench/core.ts): it runs end to
 * end on the generated page and returns usable numbers. No timing assertion: speed is
 * measured by `npm run bench`, never by a test.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { measureCore } from '../../../scripts/bench/core';
import { generateMarketingPage } from '../../../scripts/bench/generate';

describe('bench: core measurement (smoke)', () => {
  let tmp: string;
  before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-bench-smoke-')); });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('generates the same ~2,000-line page every time', () => {
    const text = generateMarketingPage(2000);
    assert.equal(generateMarketingPage(2000), text);
    const lines = text.split('\n').length;
    assert.ok(lines >= 2000 && lines < 2100, `${lines} lines`);
  });

  it('returns finite positive timings and ratios with 2 iterations', function () {
    this.timeout(60_000);
    const file = path.join(tmp, 'app', 'page.tsx');
    const m = measureCore({ root: tmp, files: [{ file, text: generateMarketingPage(2000) }], iterations: 2, warmup: 0 });
    for (const [name, summary] of Object.entries({ parse: m.parse, core: m.core, cached: m.cached })) {
      assert.equal(summary.n, 2, name);
      for (const key of ['median', 'p90', 'min', 'max', 'mean'] as const) {
        assert.ok(Number.isFinite(summary[key]) && summary[key] > 0, `${name}.${key} = ${summary[key]}`);
      }
    }
    for (const [key, value] of Object.entries(m.ratios)) assert.ok(Number.isFinite(value) && value > 0, `${key} = ${value}`);
    // the page has ungated tracker calls: an analysis that found nothing did not run the rules
    assert.ok(m.findings > 0, 'no findings on the generated page');
  });
});
