/**
 * Runs the rules over one file's Facts under its resolved configuration: levels and
 * options from config, the medium-confidence cap, messages filled from each rule's
 * templates, fingerprints, then suppression comments.
 */
import { createHash } from 'node:crypto';
import type { FileFacts } from './facts/types';
import type { ResolvedConfig } from './config/types';
import type { Knowledge } from './knowledge';
import type { Finding, Severity } from './model';
import { fillTemplate, type ProjectFacts, type ReportDescriptor, type Rule } from './rule';
import { ruleDocsUrl } from './rule-docs';
import { positionAt, rangeOf } from './text';
import { FileAnalysisError } from './failure';

const ORDER: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Runs `rules` over `facts`; returns findings and per-rule timings (ms). */
export function runRules(
  rules: readonly Rule<any, string>[],
  facts: FileFacts,
  config: ResolvedConfig,
  knowledge: Knowledge,
  project: ProjectFacts,
): { findings: Finding[]; timings: Record<string, number> } {
  const findings: Finding[] = [];
  const timings: Record<string, number> = {};
  for (const rule of rules) {
    const setting = config.rules[rule.id];
    const level = setting?.level ?? rule.meta.defaultSeverity;
    if (level === 'off') continue;
    const options = { ...(rule.defaultOptions as object), ...(setting?.options ?? {}) };
    const configured = setting !== undefined && setting.level !== rule.meta.defaultSeverity;
    const started = performance.now();
    try {
      rule.check({
        facts,
        project,
        options,
        config,
        knowledge,
        report: (descriptor: ReportDescriptor) => findings.push(toFinding(rule, descriptor, facts, level, configured, config.docsBaseUrl)),
      });
    } catch (error) {
      // The workspace skips the file, naming the rule.
      throw new FileAnalysisError({ rule: rule.id }, error);
    }
    timings[rule.id] = performance.now() - started;
  }
  findings.sort((a, b) => a.range.startOffset - b.range.startOffset || a.ruleId.localeCompare(b.ruleId));
  return { findings, timings };
}

/** The finding for one report of a rule; `docsBaseUrl` is the team's hosted docs (no link without it). */
export function toFinding(rule: Rule<any, string>, d: ReportDescriptor, facts: FileFacts, level: Severity, configured: boolean, docsBaseUrl?: string): Finding {
  const docsUrl = ruleDocsUrl(rule.id, docsBaseUrl);
  const message = rule.meta.messages[d.messageId];
  if (!message) throw new Error(`rule ${rule.id} reported unknown messageId ${d.messageId}`);
  const confidence = d.confidence ?? 'high';
  let severity = level;
  // Heuristic matches are never errors unless the team configured the level explicitly.
  if (confidence === 'medium' && !configured && severity === 'error') severity = 'warning';
  if (d.severityCap && ORDER[d.severityCap] < ORDER[severity]) severity = d.severityCap;
  return {
    ruleId: rule.id,
    severity,
    confidence,
    message: fillTemplate(message.text, d.data),
    messageId: d.messageId,
    file: facts.file,
    range: rangeOf(facts.lineStarts, d.start, d.end),
    why: fillTemplate(message.why, d.data),
    howToFix: fillTemplate(message.fix, d.data),
    legal: rule.meta.gdpr,
    fixes: d.fixes ?? [],
    trace: d.trace ?? [],
    related: d.related ?? [],
    ...ownerLineOf(facts.lineStarts, d),
    ...(docsUrl ? { docsUrl } : {}),
    fingerprint: baseFingerprint(rule.id, facts.text, facts.lineStarts, d.start, d.end),
  };
}

/** `ownerLine` when the construct the finding belongs to starts on an earlier line than the range. */
function ownerLineOf(lineStarts: number[], d: ReportDescriptor): { ownerLine?: number } {
  if (d.ownerStart === undefined) return {};
  const owner = rangeOf(lineStarts, d.ownerStart, d.ownerStart).start.line;
  return owner < rangeOf(lineStarts, d.start, d.start).start.line ? { ownerLine: owner } : {};
}

/** Hex length of a fingerprint. */
const FINGERPRINT_LENGTH = 16;
/** Longest code (after whitespace is removed) that goes into a fingerprint from the range and from its line. */
const FINGERPRINT_TEXT_LIMIT = 400;

/** Code with all whitespace removed: reformatting and re-indenting do not change a fingerprint. */
function squeeze(text: string): string {
  return text.replace(/\s+/g, '').slice(0, FINGERPRINT_TEXT_LIMIT);
}

/**
 * The fingerprint of a finding before duplicates are told apart: the rule id, the code of the
 * range and the code of the line the range starts on, with whitespace removed. Not the line
 * number, the file name, the message or any other part of the file, so the fingerprint survives
 * lines added or removed above, edits elsewhere in the file, re-indentation and renames;
 * editing the flagged code itself (or its line) gives a new one.
 */
export function baseFingerprint(ruleId: string, text: string, lineStarts: readonly number[], start: number, end: number): string {
  const line = positionAt(lineStarts, start).line;
  const lineStart = lineStarts[line - 1] ?? 0;
  const nextLine = lineStarts[line] ?? text.length;
  return createHash('sha256')
    .update(`${ruleId}\0${squeeze(text.slice(start, end))}\0${squeeze(text.slice(lineStart, nextLine))}`)
    .digest('hex')
    .slice(0, FINGERPRINT_LENGTH);
}

/**
 * Tells findings with the same base fingerprint in one file apart (the same call written
 * twice): the n-th repeat (n ≥ 1, in file order) gets a fingerprint derived from the base
 * and n; the first keeps the base. `findings` are one file's, in any order; they are updated
 * in place and returned.
 */
export function disambiguateFingerprints(findings: Finding[]): Finding[] {
  const seen = new Map<string, number>();
  const ordered = [...findings].sort((a, b) => a.range.startOffset - b.range.startOffset || a.range.endOffset - b.range.endOffset || a.ruleId.localeCompare(b.ruleId));
  for (const finding of ordered) {
    const repeat = seen.get(finding.fingerprint) ?? 0;
    seen.set(finding.fingerprint, repeat + 1);
    if (repeat > 0) {
      finding.fingerprint = createHash('sha256').update(`${finding.fingerprint}\0${repeat}`).digest('hex').slice(0, FINGERPRINT_LENGTH);
    }
  }
  return findings;
}
