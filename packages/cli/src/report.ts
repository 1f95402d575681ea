/**
 * The CLI's report model: core's findings with paths made relative to the root (forward
 * slashes), plus skipped files, configuration problems and a summary. The JSON format is
 * this object as is (`version: 1` is its schema version); the other formats render it.
 */
import type { ConfigProblem, Finding, Fix, LegalRef, Range, RelatedLocation, Severity } from '@creepyline/core';
import { displayPath } from '@creepyline/core';

/** Schema version of the JSON report; bump on incompatible changes. */
export const REPORT_VERSION = 1;

export interface ReportFinding {
  ruleId: string;
  severity: Severity;
  confidence: Finding['confidence'];
  message: string;
  /** Path relative to the root, forward slashes. */
  file: string;
  range: { start: Range['start']; end: Range['end'] };
  legal: LegalRef[];
  fixes: Fix[];
  why: string;
  howToFix: string;
  /** Only with `docsBaseUrl` in creepyline.json (no invented links). */
  docsUrl?: string;
  fingerprint: string;
  /** How the analysis reached the finding ("why flagged"), one step per entry. */
  trace: string[];
  /** Related locations (e.g. callers in other files that are not behind a consent check). */
  related: { file: string; line: number; column: number; message: string }[];
}

export interface ReportSkipped {
  file: string;
  reason: string;
}

export interface ReportConfigProblem extends ConfigProblem {}

/**
 * A file analysed on the tree the parser recovered from syntax errors: what is written
 * correctly was checked; the first error says where the file broke (1-based).
 */
export interface ReportParseError {
  file: string;
  line: number;
  column: number;
  message: string;
  /** Syntax errors in the file in all. */
  count: number;
}

/**
 * Counts of the run. No time is recorded: the same input gives the same bytes in every
 * format, so CI can diff reports (how long a run took is `time`'s business).
 */
export interface ReportSummary {
  /** Files analysed. */
  files: number;
  /** Files set aside (binary, too large, unreadable, too deeply nested, a failing parser or rule). */
  skipped: number;
  findings: number;
  error: number;
  warning: number;
  info: number;
}

/** Static facts about a rule, for SARIF's rule table. */
export interface ReportRule {
  id: string;
  title: string;
  description: string;
  defaultSeverity: Severity;
  legal: LegalRef[];
  /** Only with `docsBaseUrl` in creepyline.json. */
  docsUrl?: string;
  /** The rule's documentation page (Markdown, shipped in core) and the same as plain text. */
  helpMarkdown: string;
  helpText: string;
}

/** A baseline entry as reported (paths relative to the root). */
export interface ReportBaselineEntry {
  rule: string;
  file: string;
  fingerprint: string;
  line: number;
  snippet: string;
  status: 'accepted-risk' | 'false-positive';
  reason?: string;
}

/** What `--baseline` did: how many findings it recorded, and its stale entries. */
export interface ReportBaseline {
  /** The baseline file as given. */
  file: string;
  /** Findings the baseline records (left out of `findings`). */
  unchanged: number;
  /** Entries whose file was analysed but that match no finding any more. */
  stale: ReportBaselineEntry[];
}

/** Everything a formatter needs. */
export interface Report {
  version: typeof REPORT_VERSION;
  tool: { name: 'creepyline'; version: string };
  findings: ReportFinding[];
  skipped: ReportSkipped[];
  /** Files analysed despite syntax errors (on the recovered tree), sorted by file. */
  parseErrors: ReportParseError[];
  configProblems: ReportConfigProblem[];
  summary: ReportSummary;
  /** Present with `--baseline`. */
  baseline?: ReportBaseline;
  /** Present with `--changed-since`: the ref, and how many findings lay on unchanged lines. */
  changedSince?: { ref: string; outside: number };
  /** Present with `--shard`: `i/n`. */
  shard?: string;
}

/** Context that is not part of the JSON report but that some formats need. */
export interface ReportContext {
  /** Absolute root the paths are relative to. */
  root: string;
  rules: ReportRule[];
  /** Related locations per finding (same order as `report.findings`). */
  related: RelatedLocation[][];
  /** The 0-based offsets of each finding's range (SARIF regions), same order. */
  offsets: { startOffset: number; endOffset: number }[];
  /** Analysed files (relative to the root), for formats that list what was checked (JUnit). */
  files: string[];
  /** Ids of the rules that ran. */
  activeRules: string[];
  /** The team's hosted docs (from `docsBaseUrl`), for SARIF `informationUri`; no invented home page. */
  informationUri?: string;
  /** With `--baseline`: the findings it records (SARIF `baselineState: unchanged`), with their entries. */
  unchanged: { finding: ReportFinding; related: RelatedLocation[]; entry: ReportBaselineEntry }[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const byCodeUnits = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/**
 * Stable order: file, line, column, severity, rule id, then end, message and fingerprint, so
 * that two findings never tie and the same input always gives the same bytes.
 */
export function compareFindings(a: ReportFinding, b: ReportFinding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    byCodeUnits(a.ruleId, b.ruleId) ||
    a.range.end.line - b.range.end.line ||
    a.range.end.column - b.range.end.column ||
    byCodeUnits(a.message, b.message) ||
    byCodeUnits(a.fingerprint, b.fingerprint)
  );
}

/** Builds the report; `findings` may be in any order. */
export function buildReport(input: {
  root: string;
  toolVersion: string;
  findings: Finding[];
  skipped: ReportSkipped[];
  parseErrors?: ReportParseError[];
  configProblems: ConfigProblem[];
  filesAnalysed: number;
  rules: ReportRule[];
  files?: string[];
  activeRules?: string[];
}): { report: Report; context: ReportContext } {
  const entries = input.findings.map((finding) => {
    const shown: ReportFinding = {
      ruleId: finding.ruleId,
      severity: finding.severity,
      confidence: finding.confidence,
      message: finding.message,
      file: displayPath(input.root, finding.file),
      range: {
        start: { line: finding.range.start.line, column: finding.range.start.column },
        end: { line: finding.range.end.line, column: finding.range.end.column },
      },
      legal: finding.legal,
      fixes: finding.fixes,
      why: finding.why,
      howToFix: finding.howToFix,
      ...(finding.docsUrl ? { docsUrl: finding.docsUrl } : {}),
      fingerprint: finding.fingerprint,
      trace: finding.trace,
      related: finding.related.map((r) => ({ file: displayPath(input.root, r.file), line: r.range.start.line, column: r.range.start.column, message: r.message })),
    };
    const related = finding.related.map((location) => ({ ...location, file: displayPath(input.root, location.file) }));
    return { shown, related, offsets: { startOffset: finding.range.startOffset, endOffset: finding.range.endOffset } };
  });
  entries.sort((a, b) => compareFindings(a.shown, b.shown));
  const findings = entries.map((entry) => entry.shown);
  const count = (severity: Severity) => findings.filter((finding) => finding.severity === severity).length;
  const report: Report = {
    version: REPORT_VERSION,
    tool: { name: 'creepyline', version: input.toolVersion },
    findings,
    skipped: input.skipped,
    parseErrors: (input.parseErrors ?? [])
      .map((p) => ({ ...p, file: displayPath(input.root, p.file) }))
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    configProblems: input.configProblems.map((problem) => ({ ...problem, file: displayPath(input.root, problem.file) })),
    summary: {
      files: input.filesAnalysed,
      skipped: input.skipped.length,
      findings: findings.length,
      error: count('error'),
      warning: count('warning'),
      info: count('info'),
    },
  };
  return {
    report,
    context: {
      root: input.root,
      rules: input.rules,
      related: entries.map((entry) => entry.related),
      offsets: entries.map((entry) => entry.offsets),
      files: (input.files ?? []).map((file) => displayPath(input.root, file)).sort(),
      activeRules: input.activeRules ?? input.rules.map((rule) => rule.id),
      unchanged: [],
    },
  };
}

/**
 * Keeps the findings for which `keep` is true (report and context stay aligned) and
 * recounts the summary. Returns the findings left out, with their context.
 */
export function filterReport(
  report: Report,
  context: ReportContext,
  keep: (finding: ReportFinding, index: number) => boolean,
): { finding: ReportFinding; related: RelatedLocation[]; offsets: ReportContext['offsets'][number] }[] {
  const removed: ReturnType<typeof filterReport> = [];
  const findings: ReportFinding[] = [];
  const related: RelatedLocation[][] = [];
  const offsets: ReportContext['offsets'] = [];
  report.findings.forEach((finding, index) => {
    if (keep(finding, index)) {
      findings.push(finding);
      related.push(context.related[index] ?? []);
      offsets.push(context.offsets[index]);
    } else {
      removed.push({ finding, related: context.related[index] ?? [], offsets: context.offsets[index] });
    }
  });
  report.findings = findings;
  context.related = related;
  context.offsets = offsets;
  const count = (severity: Severity) => findings.filter((finding) => finding.severity === severity).length;
  report.summary = { ...report.summary, findings: findings.length, error: count('error'), warning: count('warning'), info: count('info') };
  return removed;
}

/** `3 problems (1 error, 2 warnings, 0 info)`-style counts used by several formats. */
export function countsLine(summary: ReportSummary): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(summary.findings, 'problem')} (${plural(summary.error, 'error')}, ${plural(summary.warning, 'warning')}, ${summary.info} info)`;
}

/** Findings that carry at least one fix. */
export function fixableCount(report: Report): number {
  return report.findings.filter((finding) => finding.fixes.length > 0).length;
}
