import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverFiles } from '../src/discover';
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

describe('editor edits: the project index updated per edited file', () => {
  const root = path.resolve('samples/shop');
  const files = discoverFiles({ root, paths: ['.'], useIgnoreFiles: true, isIgnored: () => false, maxFileSize: 1024 * 1024 }).files.sort();
  const at = (rel: string) => path.join(root, rel);
  // callers of exported wrappers, a wrapper module and the barrel the pages import from
  const edited = [at('app/subscribe/page.tsx'), at('app/checkout/page.tsx'), at('components/ProductCard.tsx'), at('lib/analytics.ts'), at('lib/index.ts')];

  // exported wrappers and the cross-file questions the rules ask about them (answers list the uses in order)
  const wrappers: [string, string[]][] = [
    [at('lib/analytics.ts'), ['trackAddToCart', 'trackNewsletterSignup', 'trackProductView', 'trackSearch']],
    [at('lib/subscriptions.ts'), ['trackPlanSelected']],
    [at('lib/consent.ts'), ['hasConsent']],
  ];

  /** Every file's findings (with messages, related locations and traces), dependents, and the wrappers' cross-file gates. */
  function everything(ws: Workspace, open: Map<string, string>): string[] {
    const gates = wrappers.flatMap(([target, names]) => names.map((name) => `${name}: ${JSON.stringify(ws.projectFacts(files[0]!).gateAcrossFiles(target, [name], 'measurement'))}`));
    return [...gates, ...files.flatMap((file) => [
      ...ws.analyzeFile(file, open.get(file)).findings.map((f) => `${path.relative(root, file)} ${summary([f])[0]} related: ${f.related.map((r) => `${path.relative(root, r.file)}:${r.range.start.line} ${r.message}`).join(' | ')} trace: ${f.trace.join(' / ')}`),
      `${path.relative(root, file)} dependents: ${ws.dependentsOf(file).map((d) => path.relative(root, d)).join(', ')}`,
    ])];
  }

  it('gives every file the findings and dependents of a full build after each edit of a sequence', () => {
    // Edits that add and remove uses of imported wrappers, consent checks around them, imports
    // (resolved, unresolved and through the barrel) and, in the barrel, re-exports (a full rebuild).
    const snippets = [
      "\ntrackNewsletterSignup('footer');\n", "\nif (hasConsent('statistics')) { trackAddToCart(p, 1); }\n",
      "\nimport { trackProductView } from '@/lib/analytics';\ntrackProductView(x);\n", "\nimport { trackSearch } from './nowhere/analytics';\ntrackSearch(1);\n",
      "\nimport { trackPlanSelected } from '@/lib';\ntrackPlanSelected(plan);\n", "\nexport { trackSearch } from './analytics';\n", '\n// note\n', '}', '',
    ];
    let seed = 11;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const editor = new Workspace({ root });
    editor.indexFiles(files);
    const open = new Map<string, string>();
    for (let step = 0; step < 40; step++) {
      const file = edited[random(edited.length)]!;
      const text = open.get(file) ?? fs.readFileSync(file, 'utf8');
      const where = random(text.length);
      const next = text.slice(0, where) + snippets[random(snippets.length)] + text.slice(where + (random(4) === 0 ? random(30) : 0));
      open.set(file, next);
      // the language server: parse on change, analyse after the debounce, then the dependents
      editor.parseText(file, next);
      editor.analyzeFile(file, next);
      editor.dependentsOf(file);
      const fresh = new Workspace({ root });
      fresh.indexFiles(files);
      for (const [f, t] of open) fresh.indexText(f, t);
      assert.deepEqual(everything(editor, open), everything(fresh, open), `step ${step} (${path.relative(root, file)}): the updated index and a full build differ`);
    }
  });
});
