/**
 * The examples of docs/frameworks.md are executed: each fenced block carries `file=` and
 * `expect=` (`none`, or `rule:line` items separated by commas), and the findings of the
 * consent rules must be exactly those.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../../testing/rule-tester';

const DOC = path.resolve(__dirname, '../../../../../docs/frameworks.md');
const RULES = ['tracking-without-consent', 'third-party-embed-without-consent'];

describe('docs/frameworks.md examples', () => {
  const text = fs.readFileSync(DOC, 'utf8');
  const blocks = [...text.matchAll(/^```(\w+) file=(\S+) expect=(\S+)\n([\s\S]*?)^```$/gm)];
  it('has examples for Vue, Svelte, Astro and plugins', () => {
    const languages = new Set(blocks.map((b) => b[1]));
    for (const l of ['vue', 'svelte', 'astro', 'ts']) assert.ok(languages.has(l), `an example in ${l}`);
    assert.ok(blocks.length >= 8);
  });
  for (const [, , file, expect, code] of blocks) {
    it(`${file}: ${expect}`, () => {
      const found = RULES.flatMap((rule) => lint(rule, code, file).map((f) => `${rule}:${f.range.start.line}`)).sort();
      assert.deepEqual(found, expect === 'none' ? [] : expect.split(',').sort());
    });
  }
});
