import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '@creepyline/core';
import { createStyler } from '../src/color';
import { formatHtml } from '../src/formatters/html';
import { formatJson } from '../src/formatters/json';
import { formatMarkdown } from '../src/formatters/markdown';
import { FINGERPRINT_KEY, formatSarif } from '../src/formatters/sarif';
import { formatText } from '../src/formatters/text';
import { buildReport, type ReportRule } from '../src/report';
import { makeProject, removeProject } from './helpers';
import { NO_INFORMATION_URI, validateWithMultitool, validateWithSchema } from './sarif-validate';

const ROOT = path.resolve('/project');

/** Offsets of `needle` in `text` as a core Range. */
function rangeOf(text: string, needle: string) {
  const startOffset = text.indexOf(needle);
  const endOffset = startOffset + needle.length;
  const pos = (offset: number) => {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1 };
  };
  return { start: pos(startOffset), end: pos(endOffset), startOffset, endOffset };
}

const TRACKER_TEXT = "import x from 'y';\ngtag('event', 'page_view');\n";

function finding(overrides: Partial<Finding>): Finding {
  return {
    ruleId: 'tracking-without-consent', severity: 'error', confidence: 'high',
    message: "Google Analytics call 'gtag' runs without a consent check", messageId: 'ungated',
    file: path.join(ROOT, 'src', 'app.js'), range: rangeOf(TRACKER_TEXT, "gtag('event', 'page_view')"),
    why: 'Analytics cookies need opt-in consent first.', howToFix: 'Wrap the call in a consent check.',
    legal: [{ ref: 'Art. 6(1)(a) GDPR', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' }],
    fixes: [], trace: [], related: [], docsUrl: 'https://example.test/docs/tracking-without-consent.md', fingerprint: 'fp-1',
    ...overrides,
  };
}

const RULES: ReportRule[] = [
  { id: 'tracking-without-consent', title: 'Require consent before tracking', description: 'Tracker calls must be gated.', defaultSeverity: 'error', legal: [{ ref: 'Art. 6(1)(a) GDPR' }], docsUrl: 'https://example.test/docs/tracking-without-consent.md', helpMarkdown: '# tracking-without-consent\n\nRequire consent.\n', helpText: 'tracking-without-consent\n\nRequire consent.\n' },
  { id: 'excessive-form-fields', title: 'Disallow form fields beyond the purpose', description: 'Data minimisation.', defaultSeverity: 'warning', legal: [{ ref: 'Art. 5(1)(c) GDPR' }], docsUrl: 'https://example.test/docs/excessive-form-fields.md', helpMarkdown: '# excessive-form-fields\n', helpText: 'excessive-form-fields\n' },
];

function sample() {
  const fixRange = rangeOf(TRACKER_TEXT, "gtag('event', 'page_view');");
  return buildReport({
    root: ROOT, toolVersion: '0.1.0', filesAnalysed: 3, rules: RULES,
    findings: [
      finding({ file: path.join(ROOT, 'src', 'form <b>&.tsx'), ruleId: 'excessive-form-fields', severity: 'info', confidence: 'medium', message: 'Optional field <birthday> | "dob" is not needed', fingerprint: 'fp-3' }),
      finding({ file: path.join(ROOT, 'src', 'form <b>&.tsx'), ruleId: 'excessive-form-fields', severity: 'warning', message: 'Required field `phone` is not needed for a newsletter', fingerprint: 'fp-2', range: rangeOf('a\nbcd', 'c') }),
      finding({
        fixes: [{ title: 'Wrap in consent check', safe: false, edits: [
          { start: fixRange.startOffset, end: fixRange.startOffset, text: 'if (hasConsent("measurement")) { ' },
          { start: fixRange.endOffset, end: fixRange.endOffset, text: ' }' },
        ] }],
        related: [{ file: path.join(ROOT, 'src', 'consent.js'), range: rangeOf('x\nhasConsent()', 'hasConsent()'), message: 'Consent check that does not dominate the call' }],
      }),
    ],
    skipped: [{ file: 'assets/logo #1.js', reason: 'binary file (contains a NUL byte)' }],
    configProblems: [{ file: path.join(ROOT, 'creepyline.json'), line: 3, column: 5, key: 'rules.trackin', message: "Unknown rule 'trackin'." }],
  });
}

describe('cli formatters', () => {
  it('JSON: the documented shape, sorted findings, relative forward-slash paths', () => {
    const { report } = sample();
    const json = JSON.parse(formatJson(report));
    assert.deepEqual(Object.keys(json), ['version', 'tool', 'findings', 'skipped', 'parseErrors', 'configProblems', 'summary']);
    assert.deepEqual(json.tool, { name: 'creepyline', version: '0.1.0' });
    assert.deepEqual(Object.keys(json.findings[0]), ['ruleId', 'severity', 'confidence', 'message', 'file', 'range', 'legal', 'fixes', 'why', 'howToFix', 'docsUrl', 'fingerprint', 'trace', 'related']);
    assert.deepEqual(json.findings.map((f: { file: string; fingerprint: string }) => `${f.file}#${f.fingerprint}`), ['src/app.js#fp-1', 'src/form <b>&.tsx#fp-3', 'src/form <b>&.tsx#fp-2']);
    assert.deepEqual(json.findings[0].range, { start: { line: 2, column: 1 }, end: { line: 2, column: 27 } });
    assert.deepEqual(json.summary, { files: 3, skipped: 1, findings: 3, error: 1, warning: 1, info: 1 });
    assert.equal(json.configProblems[0].file, 'creepyline.json');
  });

  it('text: grouped by file, aligned columns, why line with file:line:col, no ANSI unless asked', () => {
    const { report } = sample();
    const plain = formatText(report, createStyler(false));
    assert.doesNotMatch(plain, /\u001b\[/);
    const lines = plain.split('\n');
    assert.equal(lines[0], 'src/app.js');
    assert.match(lines[1], /^ {2}2:1 {2}error {2}Google Analytics call 'gtag' runs without a consent check {2}tracking-without-consent$/);
    assert.match(lines[2], /src\/app\.js:2:1 {2}Analytics cookies need opt-in consent first\.$/);
    assert.ok(lines.includes('src/form <b>&.tsx'));
    assert.match(plain, /✖ 3 problems \(1 error, 1 warning, 1 info\) in 3 files checked/);
    assert.match(plain, /1 with a fix: `creepyline check --fix` applies the safe ones/);
    assert.match(plain, /Skipped 1 file:\n {2}assets\/logo #1\.js {2}binary file/);
    const colored = formatText(report, createStyler(true));
    assert.match(colored, /\u001b\[31merror\u001b\[39m/);
  });

  it('markdown: summary table and escaped per-finding entries', () => {
    const md = formatMarkdown(sample().report);
    assert.match(md, /\| 3 \| 1 \| 1 \| 1 \| 1 \| 1 \|/);
    assert.ok(md.includes('Optional field &lt;birthday\\> \\| "dob" is not needed'), md);
    assert.doesNotMatch(md, /<birthday>/);
    assert.match(md, /`src\/app\.js:2:1`/);
  });

  it('html: self-contained, everything escaped', () => {
    const html = formatHtml(sample().report);
    assert.match(html, /^<!DOCTYPE html>/);
    assert.doesNotMatch(html, /<script|<link|src=|@import|url\(/i);
    assert.doesNotMatch(html, /<b>|<birthday>/);
    assert.match(html, /src\/form &lt;b&gt;&amp;\.tsx/);
    assert.match(html, /Optional field &lt;birthday&gt; \| &quot;dob&quot;/);
  });

  describe('SARIF', function () {
    this.timeout(120_000);
    let dir: string;
    after(() => dir && removeProject(dir));

    it('maps findings, fixes, fingerprints and notifications', () => {
      const { report, context } = sample();
      const log = JSON.parse(formatSarif(report, context));
      const run = log.runs[0];
      assert.equal(log.version, '2.1.0');
      assert.equal(run.columnKind, 'utf16CodeUnits');
      assert.deepEqual(run.tool.driver.rules.map((r: { id: string }) => r.id), RULES.map((r) => r.id));
      assert.deepEqual(run.tool.driver.rules[0].properties.tags, ['gdpr', 'privacy', 'Art. 6(1)(a) GDPR']);
      assert.deepEqual(run.results.map((r: { level: string; ruleIndex: number }) => `${r.level}/${r.ruleIndex}`), ['error/0', 'note/1', 'warning/1']);
      const first = run.results[0];
      assert.deepEqual(first.locations[0].physicalLocation, {
        artifactLocation: { uri: 'src/app.js', uriBaseId: '%SRCROOT%' },
        region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 27 },
      });
      assert.deepEqual(first.partialFingerprints, { [FINGERPRINT_KEY]: 'fp-1' });
      const replacements = first.fixes[0].artifactChanges[0].replacements;
      assert.deepEqual(replacements[0], { deletedRegion: { charOffset: 19, charLength: 0 }, insertedContent: { text: 'if (hasConsent("measurement")) { ' } });
      assert.equal(first.relatedLocations[0].physicalLocation.artifactLocation.uri, 'src/consent.js');
      assert.equal(run.results[1].locations[0].physicalLocation.artifactLocation.uri, 'src/form%20%3Cb%3E%26.tsx');
      const notes = run.invocations[0].toolExecutionNotifications;
      assert.deepEqual(notes.map((n: { level: string }) => n.level), ['note', 'error']);
      assert.equal(notes[0].locations[0].physicalLocation.artifactLocation.uri, 'assets/logo%20%231.js');
      // no absolute root (determinism): the base is described, not located
      assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, undefined);
      assert.deepEqual(run.properties.summary, { files: 3, skipped: 1, findings: 3, error: 1, warning: 1, info: 1 });
    });

    it('passes the SARIF 2.1.0 schema and Microsoft SARIF Multitool validate', () => {
      const { report, context } = sample();
      const text = formatSarif(report, context);
      assert.deepEqual(validateWithSchema(JSON.parse(text)), []);
      dir = makeProject({ 'report.sarif': text });
      assert.deepEqual(validateWithMultitool(path.join(dir, 'report.sarif'), [NO_INFORMATION_URI]), []);
      // The validator must be able to fail: a broken log yields issues.
      fs.writeFileSync(path.join(dir, 'broken.sarif'), JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'a' }] }] }));
      assert.ok(validateWithMultitool(path.join(dir, 'broken.sarif')).some((i) => i.level === 'error'));
    });
  });
});
