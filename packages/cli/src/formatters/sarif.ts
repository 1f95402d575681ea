/**
 * The SARIF 2.1.0 format (OASIS), for GitHub code scanning and other SARIF viewers:
 * one run whose driver lists every rule with its full documentation as `help` (text and
 * Markdown, shipped in core; `helpUri` only under the team's `docsBaseUrl`), results with
 * relative locations under `%SRCROOT%`, stable `partialFingerprints`, fixes as artifact
 * changes, and the skipped files and configuration problems as tool execution
 * notifications. With `--baseline` every result has a `baselineState`: `new`, `unchanged`
 * (recorded in the baseline; carries an external, accepted suppression with the entry's
 * status and reason) or `absent` (a stale entry: recorded, no longer found).
 * No absolute path of the root and no time: the same input gives the same bytes.
 */
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import type { Report, ReportContext, ReportFinding } from '../report';

/** Schema URI of SARIF 2.1.0 as published by OASIS (errata 01). */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** Name of the partial fingerprint; bump the suffix if the fingerprint algorithm changes. */
export const FINGERPRINT_KEY = 'creepyline/v2';
const SRCROOT = '%SRCROOT%';

type Json = Record<string, unknown>;

const LEVEL: Record<ReportFinding['severity'], 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** Notification descriptors (driver.notifications) referenced by index. */
const NOTIFICATIONS = [
  { id: 'skipped-file', shortDescription: { text: 'A file was not analysed.' } },
  { id: 'config-problem', shortDescription: { text: 'The configuration has a problem; defaults were used for that part.' } },
  { id: 'parse-error', shortDescription: { text: 'A file has syntax errors; only what the parser recovered was analysed.' } },
] as const;

/** An artifact location for a report path (relative to the root, or absolute when outside it). */
function artifactLocation(file: string): Json {
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function region(start: { line: number; column: number }, end: { line: number; column: number }): Json {
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

/** Renders the report as a SARIF 2.1.0 log. */
export function formatSarif(report: Report, context: ReportContext): string {
  const ruleIndex = new Map(context.rules.map((rule, index) => [rule.id, index]));
  const rules = context.rules.map((rule) => ({
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description || rule.title },
    help: { text: rule.helpText, markdown: rule.helpMarkdown },
    ...(rule.docsUrl ? { helpUri: rule.docsUrl } : {}),
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: { tags: ['gdpr', 'privacy', ...rule.legal.map((ref) => ref.ref)] },
  }));

  const baselined = report.baseline !== undefined;
  const toResult = (finding: ReportFinding, relatedLocations: ReportContext['related'][number], state?: 'new' | 'unchanged'): Json => {
    const result: Json = {
      ruleId: finding.ruleId,
      ...(ruleIndex.has(finding.ruleId) ? { ruleIndex: ruleIndex.get(finding.ruleId) } : {}),
      level: LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [
        { physicalLocation: { artifactLocation: artifactLocation(finding.file), region: region(finding.range.start, finding.range.end) } },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
      properties: {
        confidence: finding.confidence,
        why: finding.why,
        howToFix: finding.howToFix,
        legal: finding.legal.map((ref) => ref.ref),
        tags: ['gdpr', ...finding.legal.map((ref) => ref.ref)],
      },
    };
    if (state) result.baselineState = state;
    const related = relatedLocations;
    if (related.length > 0) {
      result.relatedLocations = related.map((location, id) => ({
        id,
        message: { text: location.message },
        physicalLocation: { artifactLocation: artifactLocation(location.file), region: region(location.range.start, location.range.end) },
      }));
    }
    if (finding.fixes.length > 0) {
      result.fixes = finding.fixes.map((fix) => ({
        description: { text: fix.title },
        artifactChanges: [
          {
            artifactLocation: artifactLocation(finding.file),
            replacements: fix.edits.map((edit) => ({
              deletedRegion: { charOffset: edit.start, charLength: edit.end - edit.start },
              ...(edit.text === '' ? {} : { insertedContent: { text: edit.text } }),
            })),
          },
        ],
      }));
    }
    return result;
  };
  const results = report.findings.map((finding, index) => toResult(finding, context.related[index] ?? [], baselined ? 'new' : undefined));
  for (const { finding, related, entry } of context.unchanged) {
    const result = toResult(finding, related, 'unchanged');
    result.suppressions = [{ kind: 'external', status: 'accepted', justification: `${entry.status}${entry.reason ? `: ${entry.reason}` : ''} (baseline ${report.baseline?.file ?? ''})` }];
    results.push(result);
  }
  for (const entry of report.baseline?.stale ?? []) {
    results.push({
      ruleId: entry.rule,
      ...(ruleIndex.has(entry.rule) ? { ruleIndex: ruleIndex.get(entry.rule) } : {}),
      level: 'none',
      message: { text: `Recorded in the baseline (${entry.status}${entry.reason ? `: ${entry.reason}` : ''}) but no longer found: ${entry.snippet}` },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(entry.file), ...(entry.line >= 1 ? { region: { startLine: entry.line } } : {}) } }],
      partialFingerprints: { [FINGERPRINT_KEY]: entry.fingerprint },
      baselineState: 'absent',
    });
  }

  const notifications = [
    ...report.skipped.map((skipped) => ({
      level: 'note',
      message: { text: `Not analysed: ${skipped.reason}.` },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(skipped.file) } }],
      descriptor: { id: NOTIFICATIONS[0].id, index: 0 },
    })),
    ...report.configProblems.map((problem) => ({
      level: 'error',
      message: { text: `${problem.key ? `${problem.key}: ` : ''}${problem.message}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(problem.file),
            ...(problem.line >= 1 ? { region: { startLine: problem.line, ...(problem.column >= 1 ? { startColumn: problem.column } : {}) } } : {}),
          },
        },
      ],
      descriptor: { id: NOTIFICATIONS[1].id, index: 1 },
    })),
    ...report.parseErrors.map((p) => ({
      level: 'warning',
      message: { text: `Syntax error: ${p.message}${p.count > 1 ? ` (+${p.count - 1} more)` : ''}. Only what the parser recovered was analysed.` },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(p.file), region: { startLine: p.line, startColumn: p.column } } }],
      descriptor: { id: NOTIFICATIONS[2].id, index: 2 },
    })),
  ];

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'creepyline',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            ...(context.informationUri ? { informationUri: context.informationUri } : {}),
            rules,
            notifications: NOTIFICATIONS,
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        // No absolute root: the log must not depend on where the checkout lives (CI diffs,
        // byte-identical runs). Viewers resolve %SRCROOT% against the opened folder.
        originalUriBaseIds: { [SRCROOT]: { description: { text: 'The folder creepyline check ran in (its working directory).' } } },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { summary: report.summary },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
