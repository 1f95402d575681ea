/**
 * The examples of docs/frameworks.md are executed: each fenced block carries `file=` and
 * `expect=` (`none`, or `rule:line` items separated by commas), and the findings of the
 * consent rules must be exactly those. Blocks whose file names a folder (`app/x.component.html`)
 * see the other blocks of that folder as project files (an Angular component and its templateUrl).
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
    for (const l of ['vue', 'svelte', 'astro', 'ts', 'html']) assert.ok(languages.has(l), `an example in ${l}`);
    assert.ok(blocks.length >= 8);
  });
  for (const [, , file, expect, code] of blocks) {
    it(`${file}: ${expect}`, () => {
      const folder = path.posix.dirname(file);
      const files = folder === '.' ? {} : Object.fromEntries(blocks.filter((b) => b[2] !== file && path.posix.dirname(b[2]) === folder).map((b) => [b[2], b[4]]));
      const found = RULES.flatMap((rule) => lint(rule, code, file, {}, files).map((f) => `${rule}:${f.range.start.line}`)).sort();
      assert.deepEqual(found, expect === 'none' ? [] : expect.split(',').sort());
    });
  }
});
