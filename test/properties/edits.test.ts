/**
 * Property: random edits of any sample file or docs example (insertions of random and
 * parser-hostile text, deletions, truncations, swaps, duplications) never make core throw,
 * never make it skip the file, and always give well-formed findings; the editor path
 * (incremental re-parse of the previous version) and a full parse agree exactly.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyse, analyseFresh, applyRandomEdits, comparable, corpus, malformed, params, randomEdit, SEED, brokenComponent } from './support';

describe(`property: random edits never break the analysis (seed ${SEED})`, function () {
  this.timeout(120000);

  it('every corpus file analyses without a skip and with well-formed findings', () => {
    const files = corpus();
    assert.ok(files.some((f) => f.label.startsWith('samples/')), 'samples found');
    for (const item of files) {
      const analysis = analyse(item, item.text);
      assert.equal(analysis.skipped, undefined, `${item.label} skipped: ${analysis.skipped?.reason}`);
      assert.deepEqual(malformed(analysis, item.text), [], item.label);
    }
  });

  it('edited files: no throw, no skip, well-formed findings, incremental parse = full parse', () => {
    const files = corpus();
    fc.assert(
      fc.property(fc.nat({ max: files.length - 1 }), fc.array(randomEdit, { minLength: 1, maxLength: 5 }), (index, edits) => {
        const item = files[index];
        const text = applyRandomEdits(item.text, edits);
        const context = `${item.label} after ${JSON.stringify(edits)}`;
        const incremental = analyse(item, text);
        // a component file (Vue, Svelte, Astro, an Angular template) the edit broke is skipped with
        // the parser's reason, by design: then its framework's parser must indeed reject the text
        if (incremental.skipped && brokenComponent(text, item.language, item.file)) {
          assert.match(incremental.skipped.reason, /^parser failed: /, context);
          return;
        }
        assert.equal(incremental.skipped, undefined, `${context}: skipped (${incremental.skipped?.reason})`);
        assert.deepEqual(malformed(incremental, text), [], context);
        const full = analyseFresh(item, text);
        assert.deepEqual(full.findings.map(comparable), incremental.findings.map(comparable), `${context}: the editor path and a full parse disagree`);
      }),
      params(80),
    );
  });
});
