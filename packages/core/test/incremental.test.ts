import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { changeRange, Workspace } from '../src/workspace';

/** Findings as comparable strings. */
function summary(findings: { ruleId: string; messageId: string; range: { startOffset: number; endOffset: number }; message: string }[]): string[] {
  return findings.map((f) => `${f.ruleId}/${f.messageId}@${f.range.startOffset}-${f.range.endOffset}: ${f.message}`);
}

describe('editor overlays: incremental re-parsing', () => {
  const root = path.resolve('samples/shop');
  const file = path.join(root, 'components/ProductCard.tsx');
  const original = fs.readFileSync(file, 'utf8');

  it('computes the changed span', () => {
    const range = changeRange('const a = 1;', 'const ab = 1;');
    assert.deepEqual([range.span.start, range.span.length, range.newLength], [7, 0, 1]);
  });

  it('gives the same findings as a fresh full parse after every edit of a sequence', () => {
    // Deterministic edits (insert, delete, replace) at pseudo-random places, including ones
    // that add and remove consent checks and tracker calls.
    const snippets = ["if (hasConsent('statistics')) {", '}', "gtag('event', 'x');", '\n', '/* c */', "mixpanel.track('y');", ''];
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const editor = new Workspace({ root });
    let text = original;
    for (let step = 0; step < 60; step++) {
      const at = random(text.length);
      const remove = random(3) === 0 ? random(40) : 0;
      text = text.slice(0, at) + snippets[random(snippets.length)] + text.slice(at + remove);
      // a language server parses each version on change and analyses after its debounce
      if (step % 2 === 0) editor.parseText(file, text);
      const incremental = summary(editor.analyzeFile(file, text).findings);
      const fresh = summary(new Workspace({ root }).analyzeFile(file, text).findings);
      assert.deepEqual(incremental, fresh, `step ${step}: incremental and fresh analyses differ`);
    }
  });

  it('analyses a file open in an editor with its unsaved text when asked for many files (a workspace scan)', () => {
    const ws = new Workspace({ root });
    const unsaved = `${original}\n// unsaved\nfbq('track', 'Lead');\n`;
    ws.indexText(file, unsaved);
    const scanned = ws.analyzeFiles([file]).findings;
    assert.ok(scanned.some((f) => f.range.startOffset >= original.length), 'the unsaved call is reported');
    // and the editor's facts stay: analysing the file again with its editor text gives the same
    assert.deepEqual(summary(ws.analyzeFile(file, unsaved).findings), summary(scanned));
    // once the editor closes it, the disk counts again
    ws.forget(file);
    assert.ok(!ws.analyzeFiles([file]).findings.some((f) => f.range.startOffset >= original.length));
  });
});
