/**
 * Property: a suppression comment removes exactly the findings it names and no other. For
 * each finding f (rule R, line L) of a corpus file, or of a randomly edited one, the comment
 * is written as the language server's "Disable R for this line" writes it — `// …` in
 * scripts, `{/* … *\/}` on JSX child lines, `<!-- … -->` in HTML, `/* … *\/` in CSS, a
 * filled-in reason when the configuration requires one — and then:
 *
 * - the findings after the edit are exactly those before, minus R's findings starting on
 *   line L, at their shifted positions (nothing else appears, disappears or moves);
 * - the file gets no new parse problem, and the comment is a comment: no JSX text node or
 *   string literal holds the directive (inside the template literal of an inline script,
 *   `__html: \`…\``, a `//` line is a comment of that script and fine);
 * - "Disable R for the entire file" removes every R finding and nothing else.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  applyEdits, commentLanguageOf, fileSuppressionEdit, inlineTemplateRanges, jsxChildLines, REASON_PLACEHOLDER, suppressionEdit, type Finding, type TextEdit,
} from '../../packages/core/src';
import {
  analyse, applyRandomEdits, corpus, describe1, directivesRenderedAsText, mapOffset, newProblems, params, parseProblems, randomEdit, SEED,
  type CorpusFile,
} from './support';

const META_RULE = 'suppression-comment';

/** The edit of the server's "Disable `ruleId` for this line" action (server/src/codeActions.ts), with the reason filled in. */
function lineSuppression(item: CorpusFile, text: string, line: number, ruleId: string): TextEdit {
  const resolved = item.workspace.getConfig().forFile(item.file);
  const edit = suppressionEdit(text, line, ruleId, {
    requireJustification: resolved.requireJustification,
    language: commentLanguageOf(item.file),
    jsx: /\.(jsx|tsx|js|mjs|cjs)$/i.test(item.file) && jsxChildLines(text, item.file)(line),
    markupRanges: /\.[cm]?[jt]s$/i.test(item.file) ? inlineTemplateRanges(text) : undefined,
  });
  return { ...edit, text: edit.text.replace(REASON_PLACEHOLDER, 'accepted in the property test') };
}

/** The edit of "Disable `ruleId` for the entire file", with the reason filled in. */
function fileSuppression(item: CorpusFile, text: string, ruleId: string): TextEdit {
  const resolved = item.workspace.getConfig().forFile(item.file);
  const edit = fileSuppressionEdit(text, ruleId, { requireJustification: resolved.requireJustification, language: commentLanguageOf(item.file) });
  return { ...edit, text: edit.text.replace(REASON_PLACEHOLDER, 'accepted in the property test') };
}

const key = (f: { ruleId: string; messageId: string; start: number; end: number }) => `${f.ruleId}/${f.messageId} [${f.start},${f.end})`;

/** Violations when `edit` should suppress exactly the findings `suppressed` of `before`. */
function checkSuppression(item: CorpusFile, text: string, before: readonly Finding[], edit: TextEdit, suppressed: (f: Finding) => boolean, what: string): string[] {
  const where = `${item.label}: ${what}`;
  const after = applyEdits(text, [edit]);
  const problems: string[] = [];
  const broken = newProblems(parseProblems(text, item.language), parseProblems(after, item.language));
  if (broken.length > 0) problems.push(`${where}: the comment adds parse problems ${broken.join(', ')}:\n${after}`);
  const asText = newProblems(directivesRenderedAsText(text, item.language), directivesRenderedAsText(after, item.language));
  if (asText.length > 0) problems.push(`${where}: the comment is not a comment but text: ${asText.join(' | ')}\n${after}`);
  const analysis = analyse(item, after);
  if (analysis.skipped) return [...problems, `${where}: skipped after the edit (${analysis.skipped.reason})`];
  const expected = before
    .filter((f) => !suppressed(f))
    .map((f) => key({ ruleId: f.ruleId, messageId: f.messageId, start: mapOffset(f.range.startOffset, [edit], 'end'), end: mapOffset(f.range.endOffset, [edit], 'end') }))
    .sort();
  const actual = analysis.findings.map((f) => key({ ruleId: f.ruleId, messageId: f.messageId, start: f.range.startOffset, end: f.range.endOffset })).sort();
  const missing = expected.filter((k) => !actual.includes(k));
  const extra = actual.filter((k) => !expected.includes(k));
  if (missing.length > 0 || extra.length > 0) {
    problems.push(`${where}: expected exactly the other findings to stay; lost ${JSON.stringify(missing)}, gained ${JSON.stringify(extra)}\n${after}`);
  }
  return problems;
}

/** Violations for the line and file suppression of every finding of `text` (at most `limit` findings). */
function checkAll(item: CorpusFile, text: string, findings: readonly Finding[], limit = Infinity): { checked: number; problems: string[] } {
  const problems: string[] = [];
  let checked = 0;
  const rulesDone = new Set<string>();
  for (const finding of findings) {
    if (finding.ruleId === META_RULE) continue;
    if (checked >= limit) break;
    checked++;
    const line = finding.range.start.line;
    problems.push(...checkSuppression(item, text, findings, lineSuppression(item, text, line, finding.ruleId),
      (f) => f.ruleId === finding.ruleId && f.range.start.line === line, `"Disable ${finding.ruleId} for this line" for ${describe1(finding)}`));
    if (!rulesDone.has(finding.ruleId)) {
      rulesDone.add(finding.ruleId);
      problems.push(...checkSuppression(item, text, findings, fileSuppression(item, text, finding.ruleId),
        (f) => f.ruleId === finding.ruleId, `"Disable ${finding.ruleId} for the entire file"`));
    }
  }
  return { checked, problems };
}

describe(`property: a suppression comment removes exactly the suppressed findings (seed ${SEED})`, function () {
  this.timeout(120000);

  it('every finding of the corpus, in each comment form', () => {
    let checked = 0;
    const problems: string[] = [];
    const forms = new Set<string>();
    for (const item of corpus()) {
      const findings = analyse(item, item.text).findings;
      const result = checkAll(item, item.text, findings);
      checked += result.checked;
      problems.push(...result.problems);
      for (const f of findings) {
        if (f.ruleId === META_RULE) continue;
        const edit = lineSuppression(item, item.text, f.range.start.line, f.ruleId);
        forms.add(edit.text.trim().slice(0, 4));
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(checked >= 20, `only ${checked} findings in the corpus`);
    // the corpus exercises the script, JSX and HTML forms
    for (const form of ['// c', '{/* ', '<!--']) assert.ok(forms.has(form), `no finding needed the ${form}… form; forms seen: ${[...forms].join(', ')}`);
  });

  it('every finding of randomly edited corpus files', () => {
    const files = corpus();
    fc.assert(
      fc.property(fc.nat({ max: files.length - 1 }), fc.array(randomEdit, { minLength: 1, maxLength: 3 }), (index, edits) => {
        const item = files[index];
        const text = applyRandomEdits(item.text, edits);
        const findings = analyse(item, text).findings;
        const { problems } = checkAll(item, text, findings, 3);
        assert.deepEqual(problems, [], `after edits ${JSON.stringify(edits)}`);
      }),
      params(40),
    );
  });
});
