/**
 * Properties of every fix core offers, on every corpus file (all samples, all docs examples
 * of all registered rules) and on randomly edited versions of them. For a finding f with
 * fix F, T1 = T with F's edits applied:
 *
 * - well-formed and local: F's edits lie inside the text, do not overlap, and each one meets
 *   the lines of f (an edit on f's lines, inside f, or around f such as a wrapping `if`);
 *   a fix with such an edit may also change what belongs to f elsewhere in the file (the
 *   schema entry of a form field); otherwise an edit elsewhere may only insert whole lines. Text outside the edits is
 *   unchanged by construction of T1, so locality is what "touches only its range" means.
 * - parseable: when T parses, T1 has no parse problem (TypeScript syntax diagnostics;
 *   HTML: implicitly closed elements and inline-script syntax; CSS: comments and braces).
 *   On text that already fails to parse, error recovery moves with any edit: not asserted.
 * - removes its finding: re-analysing T1 finds nothing of f's rule at f's range mapped
 *   through the edits. Exception, by design: suggestions listed in KEEPS_FINDING improve
 *   the code without making it compliant; for them F must be unsafe (never in fix-all) and
 *   the properties below still hold.
 * - idempotent: re-analysing T1 offers no fix with F's title at f's mapped range (applying
 *   F twice = once), unless that fix changes nothing; and re-analysing T1 twice gives the
 *   same findings (the text is stable).
 * - no collateral findings: every finding of T1 corresponds to one of T (same rule, at the
 *   mapped position or touching the edits) and is not more severe. Its message may change
 *   with the context: denying a Consent Mode default turns a later ungated Google tag from
 *   "not gated" (error) into "advanced mode" (warning).
 *
 * And fix-all (the server's merge of every safe fix, as `source.fixAll` applies it) reaches
 * a text with no safe fix left within a few rounds, each round parseable.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { applyEdits, computeLineStarts, type Finding, type Fix } from '../../packages/core/src';
import { mergeFixes } from '../../server/src/codeActions';
import {
  analyse, applyRandomEdits, corpus, describe1, malformed, mapOffset, meets, newProblems, params, parseProblems, randomEdit, SEED,
  type CorpusFile,
} from './support';

/**
 * Suggestions that legitimately leave their finding in place, and what they guarantee instead.
 * - third-party-embed-without-consent, "Use the privacy-enhanced host …": youtube-nocookie.com
 *   still receives the visitor's IP address, so the embed still needs consent; the fix is
 *   unsafe, and after it no rewrite is offered again.
 */
const KEEPS_FINDING: { ruleId: string; title: RegExp }[] = [
  { ruleId: 'third-party-embed-without-consent', title: /^Use the privacy-enhanced host / },
  // excessive-form-fields, "Make “…” optional": the field is still asked for without need, now
  // optional (the finding turns into the milder optionalNotNeeded); unsafe, not offered again.
  { ruleId: 'excessive-form-fields', title: /^Make “.*” optional$/ },
];

/**
 * OPEN (reported to the lead, issue 13): properties a rule's fixes do not meet yet; each entry
 * turns off only the named checks for that rule, everything else still holds. Remove the entry
 * when the rule is fixed. (None open: excessive-form-fields' "Remove “…”" used to leave a label
 * standing apart from its field behind, which then named the next field, a new finding; the
 * label now goes with the field, facts/forms/ast.ts removeWithLabel.)
 */
const OPEN: { ruleId: string; skip: ('locality' | 'collateral')[] }[] = [];

const skips = (ruleId: string, check: 'locality' | 'collateral') => OPEN.some((o) => o.ruleId === ruleId && o.skip.includes(check));

const RANK = { info: 0, warning: 1, error: 2 } as const;

function keepsFinding(finding: Finding, fix: Fix): boolean {
  return KEEPS_FINDING.some((k) => k.ruleId === finding.ruleId && k.title.test(fix.title));
}

/** Start/end offsets of the lines `finding` spans. */
function lineSpan(text: string, finding: Finding): { start: number; end: number } {
  const starts = computeLineStarts(text);
  const start = starts[finding.range.start.line - 1] ?? 0;
  const next = starts[finding.range.end.line];
  return { start, end: next === undefined ? text.length : next };
}

/** Every violation of the fix properties for fix `fix` of `finding` in `text` (analysed as `item`). */
function checkFix(item: CorpusFile, text: string, before: readonly Finding[], finding: Finding, fix: Fix): string[] {
  const where = `${item.label}: ${describe1(finding)} fix "${fix.title}"`;
  const problems: string[] = [];
  const lines = lineSpan(text, finding);
  // the lines of the finding's related locations in this file count too (a form field's finding
  // names the schema entry that makes it required, and "Make … optional" edits that entry)
  const relatedLines = finding.related
    .filter((r) => r.file === finding.file && r.range.startOffset !== undefined)
    .map((r) => lineSpan(text, { range: r.range } as Finding));
  const isLocal = (edit: { start: number; end: number }) => meets(edit, lines) || relatedLines.some((span) => meets(edit, span)) ||
    (edit.start <= finding.range.startOffset && finding.range.endOffset <= edit.end);
  // a fix anchored on the finding's lines may also edit what belongs to it elsewhere in the
  // file (a form field and its schema entry change together)
  const anchored = fix.edits.some(isLocal);
  for (const edit of fix.edits) {
    const local = isLocal(edit) || anchored;
    const wholeLineInsert = edit.start === edit.end && (edit.start === 0 || text[edit.start - 1] === '\n') && /\n$/.test(edit.text);
    if (!local && !wholeLineInsert && !skips(finding.ruleId, 'locality')) problems.push(`${where}: edit [${edit.start},${edit.end}) is away from the finding's lines [${lines.start},${lines.end})`);
  }
  if (fix.edits.every((e) => text.slice(e.start, e.end) === e.text)) problems.push(`${where}: changes nothing`);
  if (problems.length > 0) return problems;

  const fixed = applyEdits(text, fix.edits);
  // On text that already fails to parse, the parser's error recovery shifts with any edit, so
  // "no new parse problem" is only asserted for text that parses (known: the wrap fix offered
  // on a broken statement can add recovery errors there; see the report of issue 13).
  const before0 = parseProblems(text, item.language);
  const broken = before0.length > 0 ? [] : newProblems(before0, parseProblems(fixed, item.language));
  if (broken.length > 0) problems.push(`${where}: new parse problems ${broken.join(', ')} in\n${fixed}`);

  const after = analyse(item, fixed);
  if (after.skipped) return [...problems, `${where}: the fixed file is skipped (${after.skipped.reason})`];
  problems.push(...malformed(after, fixed).map((p) => `${where}: after the fix: ${p}`));
  const again = analyse(item, fixed);
  try {
    assert.deepEqual(again.findings, after.findings);
  } catch {
    problems.push(`${where}: re-analysing the fixed text twice gives different findings`);
  }

  const mapped = { start: mapOffset(finding.range.startOffset, fix.edits, 'start'), end: mapOffset(finding.range.endOffset, fix.edits, 'end') };
  const remaining = after.findings.filter((f) => f.ruleId === finding.ruleId && meets({ start: f.range.startOffset, end: f.range.endOffset }, mapped));
  if (keepsFinding(finding, fix)) {
    if (fix.safe) problems.push(`${where}: a fix that keeps its finding must be unsafe (it would be applied by fix-all)`);
  } else if (remaining.length > 0) {
    problems.push(`${where}: does not remove its finding; after the fix: ${remaining.map(describe1).join('; ')}\n${fixed}`);
  }
  for (const f of remaining) {
    for (const again2 of f.fixes) {
      if (again2.title === fix.title && applyEdits(fixed, again2.edits) !== fixed) problems.push(`${where}: not idempotent, offered again after applying it (${describe1(f)})`);
    }
  }

  const editRegion = fix.edits.map((e) => ({ start: mapOffset(e.start, fix.edits, 'start'), end: mapOffset(e.end, fix.edits, 'end') }));
  for (const f of skips(finding.ruleId, 'collateral') ? [] : after.findings) {
    const span = { start: f.range.startOffset, end: f.range.endOffset };
    // the same finding moved by the edits first; only then one of the rule's findings the edits touch
    const known =
      before.find((b) => b.ruleId === f.ruleId && mapOffset(b.range.startOffset, fix.edits, 'start') === span.start) ??
      (editRegion.some((r) => meets(r, span))
        ? (before.find((b) => b.ruleId === f.ruleId && b.message === f.message) ?? before.find((b) => b.ruleId === f.ruleId))
        : undefined);
    if (!known) problems.push(`${where}: the fix causes a new finding ${describe1(f)}`);
    else if (RANK[f.severity] > RANK[known.severity]) problems.push(`${where}: the fix makes ${describe1(f)} more severe (${known.severity} → ${f.severity})`);
  }
  return problems;
}

/** All fix violations for every fix of every finding of `text`. */
function checkAllFixes(item: CorpusFile, text: string, findings: readonly Finding[], limit = Infinity): { checked: number; problems: string[] } {
  const problems: string[] = [];
  let checked = 0;
  for (const finding of findings) {
    for (const fix of finding.fixes) {
      if (checked >= limit) return { checked, problems };
      checked++;
      problems.push(...checkFix(item, text, findings, finding, fix));
    }
  }
  return { checked, problems };
}

describe(`property: fixes are local, parseable, idempotent and remove their finding (seed ${SEED})`, function () {
  this.timeout(120000);

  it('every fix offered on the corpus', () => {
    let checked = 0;
    const problems: string[] = [];
    for (const item of corpus()) {
      const result = checkAllFixes(item, item.text, analyse(item, item.text).findings);
      checked += result.checked;
      problems.push(...result.problems);
    }
    assert.deepEqual(problems, []);
    assert.ok(checked >= 5, `only ${checked} fixes in the corpus: the property checks too little`);
  });

  it('every fix offered on randomly edited corpus files', () => {
    const files = corpus();
    fc.assert(
      fc.property(fc.nat({ max: files.length - 1 }), fc.array(randomEdit, { minLength: 1, maxLength: 3 }), (index, edits) => {
        const item = files[index];
        const text = applyRandomEdits(item.text, edits);
        const findings = analyse(item, text).findings;
        const { problems } = checkAllFixes(item, text, findings, 4);
        assert.deepEqual(problems, [], `after edits ${JSON.stringify(edits)}`);
      }),
      params(40),
    );
  });

  it('fix-all (every safe fix, merged as the server does) converges and keeps the file parseable', () => {
    const problems: string[] = [];
    for (const item of corpus()) {
      let text = item.text;
      const original = parseProblems(text, item.language);
      for (let round = 0; ; round++) {
        const findings = analyse(item, text).findings;
        const safe = findings.flatMap((f) => f.fixes.filter((x) => x.safe).slice(0, 1));
        if (safe.length === 0) break;
        if (round === 5) {
          problems.push(`${item.label}: still ${safe.length} safe fix(es) after 5 rounds of fix-all: ${findings.filter((f) => f.fixes.some((x) => x.safe)).map(describe1).join('; ')}`);
          break;
        }
        text = applyEdits(text, mergeFixes(safe));
        const broken = newProblems(original, parseProblems(text, item.language));
        if (broken.length > 0) {
          problems.push(`${item.label}: fix-all round ${round + 1} breaks parsing: ${broken.join(', ')}`);
          break;
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});
