import * as assert from 'node:assert/strict';
import type { Range, TextEdit } from './model';
import { LineIndex } from './config/line-index';
import {
  applySuppressions,
  fileSuppressionEdit,
  findComments,
  parseDirectives,
  REASON_PLACEHOLDER,
  sameLineSuppressionEdit,
  suppressionEdit,
  type CommentLanguage,
} from './suppressions';

const KNOWN = ['tracking-without-consent', 'pii-to-third-party', 'excessive-form-fields'];

/** A finding of `ruleId` at the first occurrence of `needle` in `text`. */
function at(text: string, needle: string, ruleId: string): { ruleId: string; range: Range } {
  const startOffset = text.indexOf(needle);
  assert.ok(startOffset >= 0, `${needle} not found`);
  const lines = new LineIndex(text);
  return { ruleId, range: { start: lines.position(startOffset), end: lines.position(startOffset + needle.length), startOffset, endOffset: startOffset + needle.length } };
}

function apply(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

describe('suppressions/parseDirectives', () => {
  const cases: { name: string; text: string; language?: CommentLanguage; expect: { kind: string; ruleIds: string[]; reason?: string; style: string; line: number }[] }[] = [
    { name: 'next-line with reason', text: 'a();\n// creepyline-disable-next-line tracking-without-consent, pii-to-third-party -- consent checked in loader\ngtag();', expect: [{ kind: 'disable-next-line', ruleIds: ['tracking-without-consent', 'pii-to-third-party'], reason: 'consent checked in loader', style: 'line', line: 2 }] },
    { name: 'same line', text: 'fbq("track"); // creepyline-disable-line tracking-without-consent', expect: [{ kind: 'disable-line', ruleIds: ['tracking-without-consent'], style: 'line', line: 1 }] },
    { name: 'block range, all rules', text: '/* creepyline-disable */\nx();\n/* creepyline-enable */', expect: [{ kind: 'disable', ruleIds: [], style: 'block', line: 1 }, { kind: 'enable', ruleIds: [], style: 'block', line: 3 }] },
    { name: 'JSX', text: 'return (\n  <div>\n    {/* creepyline-disable-next-line tracking-without-consent -- gated by parent */}\n    <GoogleAnalytics gaId="G-1" />\n  </div>\n);', expect: [{ kind: 'disable-next-line', ruleIds: ['tracking-without-consent'], reason: 'gated by parent', style: 'jsx', line: 3 }] },
    { name: 'HTML', language: 'html', text: '<!doctype html>\n<!-- creepyline-disable-next-line third-party-embed -->\n<iframe src="https://www.youtube.com/embed/x"></iframe>\n<script>\n  // creepyline-disable-line pii-to-third-party\n  var s = "// creepyline-disable-line x";\n</script>', expect: [{ kind: 'disable-next-line', ruleIds: ['third-party-embed'], style: 'html', line: 2 }, { kind: 'disable-line', ruleIds: ['pii-to-third-party'], style: 'line', line: 5 }] },
    { name: 'CSS', language: 'css', text: '/* creepyline-disable-next-line third-party-embed-without-consent */\n@import url("https://fonts.googleapis.com/css2?family=Inter");', expect: [{ kind: 'disable-next-line', ruleIds: ['third-party-embed-without-consent'], style: 'block', line: 1 }] },
    { name: 'not in strings, templates or regexes', text: 'const a = "// creepyline-disable-line x";\nconst b = `/* creepyline-disable */ ${"//"} // creepyline-disable`;\nconst c = /\\/\\/ creepyline-disable/;\nconst d = 1 / 2; // creepyline-enable', expect: [{ kind: 'enable', ruleIds: [], style: 'line', line: 4 }] },
    { name: 'JSX text with apostrophe does not hide the next line', text: '<p>We\'ll never share it</p>\n// creepyline-disable-next-line pii-to-third-party\nsend(email);', expect: [{ kind: 'disable-next-line', ruleIds: ['pii-to-third-party'], style: 'line', line: 2 }] },
    { name: 'closing JSX tag is not a regex', text: '<b>Hi</b> {/* creepyline-disable-line tracking-without-consent */}', expect: [{ kind: 'disable-line', ruleIds: ['tracking-without-consent'], style: 'jsx', line: 1 }] },
    { name: 'a // line of its own inside an inline-script template (found by the suppression property test)', text: '<Script id="tt" dangerouslySetInnerHTML={{ __html: `\n  !function () {\n    // creepyline-disable-next-line tracking-without-consent -- loader only\n    ttq.load = load;\n  }();\n  ${"x"} // not on its own line\n` }} />', expect: [{ kind: 'disable-next-line', ruleIds: ['tracking-without-consent'], reason: 'loader only', style: 'line', line: 3 }] },
    { name: 'the template line ends the comment at a substitution', text: 'const s = `\n// creepyline-disable-next-line a ${b} -- c\nx`;', expect: [{ kind: 'disable-next-line', ruleIds: ['a'], style: 'line', line: 2 }] },
    { name: 'prose mentioning the word is no directive', text: '// see creepyline-disable-next-line docs\n// creepyline-disabled foo', expect: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = parseDirectives(c.text, { language: c.language }).map((d) => ({ kind: d.kind, ruleIds: d.ruleIds, ...(d.reason ? { reason: d.reason } : {}), style: d.style, line: d.line }));
      assert.deepEqual(got, c.expect);
    });
  }

  it('records rule id offsets and the comment range', () => {
    const text = '  // creepyline-disable-next-line a,b -- why';
    const [d] = parseDirectives(text);
    assert.deepEqual(d.ruleIdRanges.map((r) => text.slice(r.start, r.end)), ['a', 'b']);
    assert.equal(text.slice(d.start, d.end), text.trim());
    assert.equal(d.column, 3);
  });

  it('finds comments in nested template literals', () => {
    const text = 'const s = `a ${ f(`b ${ c /* x */ }`) } // not`; // yes';
    assert.deepEqual(findComments(text).map((c) => text.slice(c.start, c.end)), ['/* x */', '// yes']);
  });
});

describe('suppressions/applySuppressions', () => {
  const text = [
    'init();', // 1
    '// creepyline-disable-next-line tracking-without-consent -- loader is consent-gated', // 2
    'gtag("config", "G-1");', // 3
    'fbq("track", "Lead"); // creepyline-disable-line tracking-without-consent', // 4
    '/* creepyline-disable pii-to-third-party */', // 5
    'send(email);', // 6
    '/* creepyline-enable pii-to-third-party */', // 7
    'sendAgain(email);', // 8
    'ttq.track();', // 9
  ].join('\n');

  it('suppresses next-line, same-line and range directives per rule', () => {
    const findings = [
      at(text, 'gtag(', 'tracking-without-consent'), // suppressed (next-line)
      at(text, 'gtag(', 'pii-to-third-party'), // other rule: kept
      at(text, 'fbq(', 'tracking-without-consent'), // suppressed (same line)
      at(text, 'send(', 'pii-to-third-party'), // suppressed (range)
      at(text, 'sendAgain(', 'pii-to-third-party'), // after enable: kept
      at(text, 'ttq.', 'tracking-without-consent'), // kept
    ];
    const { kept, suppressed, problems } = applySuppressions(findings, parseDirectives(text), { knownRuleIds: KNOWN });
    assert.deepEqual(suppressed, [findings[0], findings[2], findings[3]]);
    assert.deepEqual(kept, [findings[1], findings[4], findings[5]]);
    assert.deepEqual(problems, []);
  });

  it('a file-level disable without enable covers the whole file; enable of one rule carves it out', () => {
    const src = '/* creepyline-disable */\na();\n/* creepyline-enable pii-to-third-party */\nb();';
    const findings = [at(src, 'a(', 'pii-to-third-party'), at(src, 'b(', 'pii-to-third-party'), at(src, 'b(', 'tracking-without-consent')];
    const { kept, suppressed } = applySuppressions(findings, parseDirectives(src), { knownRuleIds: KNOWN });
    assert.deepEqual(suppressed, [findings[0], findings[2]]);
    assert.deepEqual(kept, [findings[1]]);
  });

  it('reports unknown rule ids with a suggestion, and they suppress nothing', () => {
    const src = 'x();\n// creepyline-disable-next-line tracking-withot-consent, zzz\ngtag();';
    const finding = at(src, 'gtag(', 'tracking-without-consent');
    const { kept, problems } = applySuppressions([finding], parseDirectives(src), { knownRuleIds: KNOWN });
    assert.deepEqual(kept, [finding]);
    assert.deepEqual(problems.map((p) => [p.kind, p.ruleId, p.suggestion, p.line, p.column, src.slice(p.startOffset, p.endOffset)]), [
      ['unknown-rule', 'tracking-withot-consent', 'tracking-without-consent', 2, 33, 'tracking-withot-consent'],
      ['unknown-rule', 'zzz', undefined, 2, 58, 'zzz'],
    ]);
    assert.match(problems[0].message, /did you mean "tracking-without-consent"/);
  });

  const justification: { name: string; comment: string; problem: boolean }[] = [
    { name: 'reason given', comment: '// creepyline-disable-next-line pii-to-third-party -- hashed before upload, DPA signed', problem: false },
    { name: 'no reason', comment: '// creepyline-disable-next-line pii-to-third-party', problem: true },
    { name: 'empty reason', comment: '// creepyline-disable-next-line pii-to-third-party --', problem: true },
    { name: 'placeholder left in', comment: `// creepyline-disable-next-line pii-to-third-party -- ${REASON_PLACEHOLDER}`, problem: true },
  ];
  for (const c of justification) {
    it(`justification required: ${c.name}`, () => {
      const src = `${c.comment}\nsend(email);`;
      const finding = at(src, 'send(', 'pii-to-third-party');
      const { suppressed, problems } = applySuppressions([finding], parseDirectives(src), { knownRuleIds: KNOWN, requireJustification: true });
      assert.deepEqual(suppressed, [finding]); // still suppresses; the missing reason is the problem
      assert.deepEqual(problems.map((p) => [p.kind, p.line, p.column]), c.problem ? [['missing-justification', 1, 1]] : []);
      assert.deepEqual(applySuppressions([finding], parseDirectives(src), { knownRuleIds: KNOWN }).problems, []);
    });
  }

  it('reports unused directives and unused ids only when asked', () => {
    const src = '// creepyline-disable-next-line tracking-without-consent, pii-to-third-party\ngtag();\n/* creepyline-disable */\nok();';
    const findings = [at(src, 'gtag(', 'tracking-without-consent')];
    const { problems } = applySuppressions(findings, parseDirectives(src), { knownRuleIds: KNOWN, reportUnused: true });
    assert.deepEqual(problems.map((p) => [p.kind, p.line, src.slice(p.startOffset, p.endOffset)]), [
      ['unused-directive', 1, 'pii-to-third-party'],
      ['unused-directive', 3, '/* creepyline-disable */'],
    ]);
    assert.deepEqual(applySuppressions(findings, parseDirectives(src), { knownRuleIds: KNOWN }).problems, []);
  });
});

describe('suppressions/edits', () => {
  /** Every original line of code (directive lines may be merged into) survives the edit unchanged. */
  function assertKeepsCode(before: string, after: string): void {
    for (const line of before.split(/\r?\n/).filter((l) => !l.includes('creepyline-'))) assert.ok(after.includes(line), `lost line: ${line}`);
  }

  const lineCases: { name: string; text: string; line: number; rule: string; opts?: object; expected: string }[] = [
    { name: 'inserts above with indentation', text: 'function f() {\n    gtag("event");\n}', line: 2, rule: 'tracking-without-consent', expected: 'function f() {\n    // creepyline-disable-next-line tracking-without-consent\n    gtag("event");\n}' },
    { name: 'merges into the directive above', text: '  // creepyline-disable-next-line pii-to-third-party\n  fbq("track");', line: 2, rule: 'tracking-without-consent', expected: '  // creepyline-disable-next-line pii-to-third-party, tracking-without-consent\n  fbq("track");' },
    { name: 'merge keeps the reason after the ids', text: '// creepyline-disable-next-line pii-to-third-party -- DPA\nfbq("track");', line: 2, rule: 'tracking-without-consent', expected: '// creepyline-disable-next-line pii-to-third-party, tracking-without-consent -- DPA\nfbq("track");' },
    { name: 'merge adds the placeholder when a reason is required', text: '// creepyline-disable-next-line a\nx();', line: 2, rule: 'b', opts: { requireJustification: true }, expected: `// creepyline-disable-next-line a, b -- ${REASON_PLACEHOLDER}\nx();` },
    { name: 'already covered: no change', text: '// creepyline-disable-next-line a, b\nx();', line: 2, rule: 'b', expected: '// creepyline-disable-next-line a, b\nx();' },
    { name: 'JSX', text: '<div>\n  <Script src="https://www.googletagmanager.com/gtag/js" />\n</div>', line: 2, rule: 'tracking-without-consent', opts: { jsx: true }, expected: '<div>\n  {/* creepyline-disable-next-line tracking-without-consent */}\n  <Script src="https://www.googletagmanager.com/gtag/js" />\n</div>' },
    { name: 'JSX merge', text: '<div>\n  {/* creepyline-disable-next-line a */}\n  <X />\n</div>', line: 3, rule: 'b', opts: { jsx: true }, expected: '<div>\n  {/* creepyline-disable-next-line a, b */}\n  <X />\n</div>' },
    { name: 'reason placeholder', text: 'send(email);', line: 1, rule: 'pii-to-third-party', opts: { requireJustification: true }, expected: `// creepyline-disable-next-line pii-to-third-party -- ${REASON_PLACEHOLDER}\nsend(email);` },
    { name: 'HTML, CRLF', text: '<body>\r\n\t<iframe src="https://maps.google.com"></iframe>\r\n</body>', line: 2, rule: 'x', opts: { language: 'html' }, expected: '<body>\r\n\t<!-- creepyline-disable-next-line x -->\r\n\t<iframe src="https://maps.google.com"></iframe>\r\n</body>' },
    { name: 'HTML inline script: a JS comment (<!-- --> there is script text, a syntax error in a module)', text: '<script type="module">\n  gtag("config", "G-1");\n</script>', line: 2, rule: 'x', opts: { language: 'html' }, expected: '<script type="module">\n  // creepyline-disable-next-line x\n  gtag("config", "G-1");\n</script>' },
    { name: 'HTML inline script: merges into the JS directive above', text: '<script>\n  // creepyline-disable-next-line a\n  gtag("config", "G-1");\n</script>', line: 3, rule: 'b', opts: { language: 'html' }, expected: '<script>\n  // creepyline-disable-next-line a, b\n  gtag("config", "G-1");\n</script>' },
    { name: 'HTML style element: a CSS comment', text: '<style>\n  @import url("https://fonts.googleapis.com/css2?family=Inter");\n</style>', line: 2, rule: 'x', opts: { language: 'html' }, expected: '<style>\n  /* creepyline-disable-next-line x */\n  @import url("https://fonts.googleapis.com/css2?family=Inter");\n</style>' },
    { name: 'HTML after a script: an HTML comment again', text: '<script>init();</script>\n<iframe src="https://maps.google.com"></iframe>', line: 2, rule: 'x', opts: { language: 'html' }, expected: '<script>init();</script>\n<!-- creepyline-disable-next-line x -->\n<iframe src="https://maps.google.com"></iframe>' },
    { name: 'does not merge into a directive of another kind', text: 'a(); // creepyline-disable-line a\nb();', line: 2, rule: 'b', expected: 'a(); // creepyline-disable-line a\n// creepyline-disable-next-line b\nb();' },
  ];
  for (const c of lineCases) {
    it(`suppressionEdit: ${c.name}`, () => {
      const after = apply(c.text, suppressionEdit(c.text, c.line, c.rule, c.opts));
      assert.equal(after, c.expected);
      assertKeepsCode(c.text, after);
      // The result suppresses the rule on the finding's (shifted) line.
      const lineText = c.text.split(/\r?\n/)[c.line - 1].trim();
      const finding = at(after, lineText, c.rule);
      const { suppressed } = applySuppressions([finding], parseDirectives(after, { language: (c.opts as { language?: CommentLanguage })?.language }), { knownRuleIds: [c.rule, 'a', 'b'] });
      assert.equal(suppressed.length, 1);
    });
  }

  it('sameLineSuppressionEdit appends or merges', () => {
    const text = 'fbq("track");   \nnext();';
    const once = apply(text, sameLineSuppressionEdit(text, 1, 'a'));
    assert.equal(once, 'fbq("track"); // creepyline-disable-line a\nnext();');
    const twice = apply(once, sameLineSuppressionEdit(once, 1, 'b'));
    assert.equal(twice, 'fbq("track"); // creepyline-disable-line a, b\nnext();');
  });

  it('sameLineSuppressionEdit inside an HTML inline script writes a JS comment', () => {
    const text = '<script>\n  fbq("track");\n</script>';
    const after = apply(text, sameLineSuppressionEdit(text, 2, 'a', { language: 'html' }));
    assert.equal(after, '<script>\n  fbq("track"); // creepyline-disable-line a\n</script>');
    const { suppressed } = applySuppressions([at(after, 'fbq("track");', 'a')], parseDirectives(after, { language: 'html' }), { knownRuleIds: ['a'] });
    assert.equal(suppressed.length, 1);
  });

  const fileCases: { name: string; text: string; opts?: object; expected: string }[] = [
    { name: 'top of file', text: 'import a from "a";\n', expected: '/* creepyline-disable x */\nimport a from "a";\n' },
    { name: 'after shebang', text: '#!/usr/bin/env node\nrun();', expected: '#!/usr/bin/env node\n/* creepyline-disable x */\nrun();' },
    { name: "after 'use client'", text: "'use client';\nimport Script from 'next/script';", expected: "'use client';\n/* creepyline-disable x */\nimport Script from 'next/script';" },
    { name: 'merges into leading file directive', text: '// header\n/* creepyline-disable a -- legacy page */\nrun();', expected: '// header\n/* creepyline-disable a, x -- legacy page */\nrun();' },
    { name: 'ignores a disable after code', text: 'run();\n/* creepyline-disable a */', expected: '/* creepyline-disable x */\nrun();\n/* creepyline-disable a */' },
    { name: 'HTML after doctype, with placeholder', text: '<!DOCTYPE html>\n<html></html>', opts: { language: 'html', requireJustification: true }, expected: `<!DOCTYPE html>\n<!-- creepyline-disable x -- ${REASON_PLACEHOLDER} -->\n<html></html>` },
  ];
  for (const c of fileCases) {
    it(`fileSuppressionEdit: ${c.name}`, () => {
      const after = apply(c.text, fileSuppressionEdit(c.text, 'x', c.opts));
      assert.equal(after, c.expected);
      assertKeepsCode(c.text, after);
    });
  }
});
