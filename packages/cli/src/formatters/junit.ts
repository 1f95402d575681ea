/**
 * The JUnit XML format, for CI test tabs (GitHub Actions test reporters, GitLab, Jenkins,
 * Azure): one `<testsuite>` per analysed file, one `<testcase>` per rule that ran on it
 * (classname = file, name = rule id). A test case fails when the rule has a finding in the
 * file at or above `--fail-on`, so the tab agrees with the exit code; findings below the
 * threshold are listed in its `<system-out>`. Skipped files are `<skipped>` test cases.
 */
import type { FailOn } from '../args';
import type { Report, ReportContext, ReportFinding } from '../report';

const RANK = { info: 1, warning: 2, error: 3 } as const;

/** Escapes text for XML content and attributes; drops characters XML 1.0 cannot carry. */
export function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

function line(finding: ReportFinding): string {
  return `${finding.file}:${finding.range.start.line}:${finding.range.start.column} ${finding.severity}: ${finding.message} (${finding.ruleId})\n  Why: ${finding.why}\n  Fix: ${finding.howToFix}`;
}

/** Renders the report as JUnit XML. */
export function formatJunit(report: Report, context: ReportContext, failOn: FailOn): string {
  const fails = (finding: ReportFinding) => failOn !== 'never' && RANK[finding.severity] >= RANK[failOn];
  const byFile = new Map<string, ReportFinding[]>();
  for (const file of context.files) byFile.set(file, []);
  for (const finding of report.findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  const files = [...byFile.keys()].sort();
  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  for (const file of files) {
    const findings = byFile.get(file) ?? [];
    const ruleIds = [...new Set([...context.activeRules, ...findings.map((f) => f.ruleId)])];
    const cases: string[] = [];
    let failures = 0;
    for (const ruleId of ruleIds) {
      const own = findings.filter((f) => f.ruleId === ruleId);
      const failing = own.filter(fails);
      const open = `    <testcase classname="${escapeXml(file)}" name="${escapeXml(ruleId)}" file="${escapeXml(file)}" time="0">`;
      if (failing.length > 0) {
        failures++;
        const first = failing[0];
        cases.push(
          open,
          `      <failure type="${escapeXml(first.severity)}" message="${escapeXml(`${failing.length} finding${failing.length === 1 ? '' : 's'}: ${first.message}`)}">${escapeXml(failing.map(line).join('\n'))}</failure>`,
          ...(own.length > failing.length ? [`      <system-out>${escapeXml(own.filter((f) => !fails(f)).map(line).join('\n'))}</system-out>`] : []),
          '    </testcase>',
        );
      } else if (own.length > 0) {
        cases.push(open, `      <system-out>${escapeXml(own.map(line).join('\n'))}</system-out>`, '    </testcase>');
      } else {
        cases.push(open.replace(/>$/, ' />'));
      }
    }
    totalTests += ruleIds.length;
    totalFailures += failures;
    suites.push(
      `  <testsuite name="${escapeXml(file)}" tests="${ruleIds.length}" failures="${failures}" errors="0" skipped="0" time="0">`,
      ...cases,
      '  </testsuite>',
    );
  }
  if (report.skipped.length > 0) {
    suites.push(`  <testsuite name="skipped files" tests="${report.skipped.length}" failures="0" errors="0" skipped="${report.skipped.length}" time="0">`);
    for (const skipped of report.skipped) {
      suites.push(
        `    <testcase classname="${escapeXml(skipped.file)}" name="analysis" file="${escapeXml(skipped.file)}" time="0">`,
        `      <skipped message="${escapeXml(`Not analysed: ${skipped.reason}`)}" />`,
        '    </testcase>',
      );
    }
    suites.push('  </testsuite>');
    totalTests += report.skipped.length;
  }
  // No timing: reports are reproducible (the same input gives the same bytes).
  const seconds = "0";
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="creepyline" tests="${totalTests}" failures="${totalFailures}" errors="0" skipped="${report.skipped.length}" time="${seconds}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
