/**
 * Executes the documentation: every example on every rule page is analysed like a real
 * file, with the `creepyline.json` it shows. An incorrect example must yield exactly one
 * finding of its rule (other rules' findings are ignored), a correct example none
 * (Biome's `expect_diagnostic`, typescript-eslint's docs test). The generated pages and
 * schemas must match what `npm run docs` would write now.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { LayeredConfigSet } from '../src/config';
import type { RawConfig } from '../src/config/types';
import { validatorFor } from '../src/config/validate';
import type { Finding } from '../src/model';
import type { Rule } from '../src/rule';
import { rules } from '../src/rules';
import { Workspace } from '../src/workspace';
import { generate, staleFiles } from '../../../scripts/gen-docs';

type Example = Rule['meta']['examples']['incorrect'][number];

const ROOT = path.resolve('/virtual-docs-workspace');

function run(rule: Rule<any, string>, example: Example): Finding[] {
  const config = new LayeredConfigSet(ROOT, rules, [{ raw: (example.config ?? {}) as RawConfig, baseDir: ROOT }]);
  const workspace = new Workspace({ root: ROOT, config });
  const result = workspace.analyzeFile(path.join(ROOT, example.filename ?? 'example.ts'), example.code);
  // A skipped file would make every correct example pass trivially.
  assert.equal(result.skipped, undefined, `example was not analysed: ${JSON.stringify(result.skipped)}`);
  return result.findings.filter((f) => f.ruleId === rule.id);
}

function describeFindings(findings: Finding[]): string {
  if (findings.length === 0) return '  (none)';
  return findings.map((f) => `  ${f.range.start.line}:${f.range.start.column} ${f.messageId}: ${f.message}`).join('\n');
}

function assertValidConfig(example: Example): void {
  if (!example.config) return;
  const validate = validatorFor(rules);
  const ok = validate(example.config);
  assert.ok(ok, `the example's creepyline.json is not valid: ${JSON.stringify(validate.errors)}`);
}

describe('rule documentation examples', () => {
  for (const rule of rules) {
    describe(rule.id, () => {
      it('has at least one incorrect and one correct example', () => {
        assert.ok(rule.meta.examples.incorrect.length >= 1, 'no incorrect example');
        assert.ok(rule.meta.examples.correct.length >= 1, 'no correct example');
      });
      for (const example of rule.meta.examples.incorrect) {
        it(`incorrect: ${example.title}`, () => {
          assertValidConfig(example);
          const findings = run(rule, example);
          assert.equal(findings.length, 1, `expected exactly one ${rule.id} finding, got ${findings.length}:\n${describeFindings(findings)}`);
        });
      }
      for (const example of rule.meta.examples.correct) {
        it(`correct: ${example.title}`, () => {
          assertValidConfig(example);
          const findings = run(rule, example);
          assert.equal(findings.length, 0, `expected no ${rule.id} finding, got:\n${describeFindings(findings)}`);
        });
      }
    });
  }
});

describe('generated documentation', () => {
  it('docs/, the config schema and the options snapshots are up to date', () => {
    const { outdated, orphaned } = staleFiles(generate());
    const lines = [...outdated.map((f) => `stale: ${f}`), ...orphaned.map((f) => `orphaned: ${f}`)];
    assert.deepEqual(lines, [], `generated files are out of date; run \`npm run docs\` and commit the result:\n${lines.join('\n')}`);
  });

  it('generation is deterministic and every file ends with exactly one newline', () => {
    const first = generate();
    const second = generate();
    assert.deepEqual([...first], [...second]);
    for (const [file, content] of first) assert.ok(content.endsWith('\n') && !content.endsWith('\n\n'), `${file}: trailing newline`);
  });

  it('each rule page puts Incorrect before Correct and has every section', () => {
    const files = generate();
    for (const rule of rules) {
      const page = files.get(`docs/rules/${rule.id}.md`);
      assert.ok(page, `no page for ${rule.id}`);
      const order = ['# ' + rule.id, '## Why', '## Examples', '### Incorrect', '### Correct', '## Options', '## When not to use it', '## Legal basis'];
      const at = order.map((heading) => page.split('\n').indexOf(heading));
      assert.ok(at.every((i) => i >= 0), `${rule.id}: missing section(s) ${order.filter((_, i) => at[i] < 0).join(', ')}`);
      assert.deepEqual([...at].sort((a, b) => a - b), at, `${rule.id}: sections out of order`);
      for (const example of [...rule.meta.examples.incorrect, ...rule.meta.examples.correct]) {
        assert.ok(page.includes(example.code.trimEnd()), `${rule.id}: example "${example.title}" not on the page`);
      }
    }
  });
});
