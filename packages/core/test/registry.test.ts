/**
 * The rule registry is complete and every rule has the fixed anatomy: one file per rule
 * named after its id and registered in `rules/index.ts`, a test table beside it, a
 * generated docs page, an imperative title, three-pillar messages with well-formed
 * placeholders, and a docs URL pointing at its page.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Rule } from '../src/rule';
import { getRule, rules } from '../src/rules';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const RULES_DIR = path.join(REPO_ROOT, 'packages', 'core', 'src', 'rules');
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const CAMEL = /^[a-z][a-zA-Z0-9]*$/;

/** Rule source files: `<id>.ts`, without tests and the registry itself. */
const ruleFiles = fs
  .readdirSync(RULES_DIR)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts')
  .sort();

describe('rule registry', () => {
  it('finds rule files', () => {
    assert.ok(ruleFiles.length > 0, `no rule files in ${path.relative(REPO_ROOT, RULES_DIR)}`);
  });

  for (const file of ruleFiles) {
    const id = file.replace(/\.ts$/, '');
    it(`${file} exports a rule whose id is its file name and which is registered`, async () => {
      const mod = (await import(path.join(RULES_DIR, file))) as { rule?: Rule<any, string> };
      assert.ok(mod.rule, `${file} does not export \`rule\``);
      assert.equal(mod.rule.id, id, `${file} exports rule id "${mod.rule.id}"`);
      assert.ok(rules.includes(mod.rule), `${id} is not registered in rules/index.ts`);
    });
  }

  it('registers no rule without a file of its name, and no id twice', () => {
    const ids = rules.map((r) => r.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'duplicate ids');
    assert.deepEqual(ids.filter((id) => !ruleFiles.includes(`${id}.ts`)), [], 'registered ids without packages/core/src/rules/<id>.ts');
    for (const id of ids) assert.equal(getRule(id)?.id, id);
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      it('has a kebab-case id', () => {
        assert.match(rule.id, KEBAB);
      });

      it('has a test table beside it', () => {
        const table = path.join(RULES_DIR, `${rule.id}.test.ts`);
        assert.ok(fs.existsSync(table), `missing packages/core/src/rules/${rule.id}.test.ts`);
      });

      it('has a generated docs page and a docs URL pointing at it', () => {
        assert.ok(fs.existsSync(path.join(REPO_ROOT, 'docs', 'rules', `${rule.id}.md`)), `missing docs/rules/${rule.id}.md (run \`npm run docs\`)`);
        assert.equal(rule.docsPage, `docs/rules/${rule.id}.md`);
      });

      it('has an imperative one-line title starting with "Disallow" or "Require"', () => {
        assert.match(rule.meta.title, /^(Disallow|Require) \S/);
        assert.ok(!rule.meta.title.includes('\n'), 'title spans lines');
      });

      it('has messages with what / why / fix and well-formed placeholders', () => {
        const entries = Object.entries(rule.meta.messages);
        assert.ok(entries.length > 0, 'no messages');
        for (const [messageId, message] of entries) {
          assert.match(messageId, CAMEL, `message id ${messageId} is not camelCase`);
          for (const pillar of ['text', 'why', 'fix'] as const) {
            const template = message[pillar];
            assert.equal(typeof template, 'string', `${messageId}.${pillar} missing`);
            assert.ok(template.trim().length > 0, `${messageId}.${pillar} is empty`);
            // Every {{…}} names a placeholder; no stray or half-closed braces remain.
            const names = [...template.matchAll(/\{\{([^{}]*)\}\}/g)].map((m) => m[1].trim());
            for (const name of names) assert.match(name, /^[A-Za-z_]\w*$/, `${messageId}.${pillar}: placeholder "{{${name}}}"`);
            const rest = template.replace(/\{\{([^{}]*)\}\}/g, '');
            assert.ok(!/\{\{|\}\}/.test(rest), `${messageId}.${pillar}: unbalanced placeholder braces in "${template}"`);
          }
        }
      });

      it('names its legal basis', () => {
        assert.ok(rule.meta.gdpr.length > 0, 'no gdpr references');
        for (const ref of rule.meta.gdpr) {
          assert.ok(ref.ref.trim().length > 0, 'empty reference');
          if (ref.url) assert.match(ref.url, /^https:\/\//, `${ref.ref}: url`);
        }
      });
    });
  }
});
