/**
 * Rule documentation shipped in core: the page every face renders (CLI explain, SARIF help,
 * the editor's "Show documentation") is the committed docs/rules page, and links appear only
 * under a team's docsBaseUrl.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { markdownToText, ruleDocMarkdown, ruleDocsUrl } from '../src/rule-docs';
import { rules } from '../src/rules';

const REPO = path.resolve(__dirname, '..', '..', '..');

describe('rule documentation in core', () => {
  for (const rule of rules) {
    it(`${rule.id}: the shipped page is the committed ${rule.docsPage}, with what, why, law, fix and examples`, () => {
      const page = ruleDocMarkdown(rule);
      assert.equal(page, fs.readFileSync(path.join(REPO, rule.docsPage), 'utf8'));
      for (const part of ['## Why', '**What:**', '**Why it matters:**', '**What to do:**', '## Examples', '## Legal basis']) {
        assert.ok(page.includes(part), `${rule.id} page lacks ${part}`);
      }
      assert.doesNotMatch(page, /github\.com\/creepyline/, 'no invented repository link');
    });
  }

  it('links only under a docsBaseUrl', () => {
    assert.equal(ruleDocsUrl('prechecked-consent', undefined), undefined);
    assert.equal(ruleDocsUrl('prechecked-consent', 'https://docs.example.com/rules/'), 'https://docs.example.com/rules/prechecked-consent.md');
    assert.equal(ruleDocsUrl('prechecked-consent', 'https://docs.example.com/{rule}.html'), 'https://docs.example.com/prechecked-consent.html');
  });

  it('renders Markdown as terminal text: headings underlined, code indented, links spelled out', () => {
    const text = markdownToText('# rule-id\n\nSee **this** and `code` and [Art. 6](https://eur-lex.europa.eu/x) and [page](other.md).\n\n## Why\n\n```js\ngtag();\n```\n\n| a \\| b |\n---\n');
    assert.equal(text, 'rule-id\n=======\n\nSee this and code and Art. 6 (https://eur-lex.europa.eu/x) and page.\n\nWhy\n---\n\n    gtag();\n\n| a | b |\n');
  });

  it('keeps code spans as written: a glob is not bold, a link inside code is not unwrapped', () => {
    assert.equal(markdownToText('Ignore `**/*.test.*` and `**/__tests__/**`, see **this** and `[x](y.md)`.\n'), 'Ignore **/*.test.* and **/__tests__/**, see this and [x](y.md).\n');
  });
});
