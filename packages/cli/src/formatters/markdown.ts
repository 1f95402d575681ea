/**
 * The Markdown format, sized for a pull-request comment: a summary table, then one
 * entry per finding (location, rule, message) with the "why" and "how to fix" folded
 * in a `<details>` block. Text from findings is escaped so it cannot break the table or
 * inject HTML into the rendered comment.
 */
import { countsLine, fixableCount, type Report } from '../report';

const ICON = { error: '🔴 error', warning: '🟠 warning', info: '🔵 info' } as const;

/** Escapes Markdown punctuation and HTML-significant characters, and keeps text on one line. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+!|~>]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/\r?\n/g, ' ');
}

/** Renders the report as GitHub-flavoured Markdown. */
export function formatMarkdown(report: Report): string {
  const { summary } = report;
  const out: string[] = ['## Creepyline GDPR check', ''];
  out.push('| Files checked | Errors | Warnings | Info | Skipped | Fixable |');
  out.push('| ---: | ---: | ---: | ---: | ---: | ---: |');
  out.push(`| ${summary.files} | ${summary.error} | ${summary.warning} | ${summary.info} | ${summary.skipped} | ${fixableCount(report)} |`);
  out.push('');
  if (report.findings.length === 0) out.push(report.baseline || report.changedSince ? '✅ No new problems found.' : '✅ No problems found.');
  else out.push(`**${countsLine(summary)}**${report.baseline || report.changedSince ? ' (new)' : ''}`);
  out.push('');
  if (report.baseline) {
    out.push(`${report.baseline.unchanged} known finding${report.baseline.unchanged === 1 ? '' : 's'} recorded in the baseline \`${report.baseline.file.replace(/`/g, "'")}\` not shown; ${report.baseline.stale.length} stale entr${report.baseline.stale.length === 1 ? 'y' : 'ies'}.`, '');
  }
  if (report.changedSince) out.push(`Only lines changed since \`${report.changedSince.ref.replace(/`/g, "'")}\` (${report.changedSince.outside} finding${report.changedSince.outside === 1 ? '' : 's'} on unchanged lines not shown).`, '');

  for (const finding of report.findings) {
    const location = `${finding.file}:${finding.range.start.line}:${finding.range.start.column}`;
    out.push(`- ${ICON[finding.severity]} \`${location.replace(/`/g, "'")}\` — ${escapeMarkdown(finding.message)} (${finding.docsUrl ? `[${finding.ruleId}](${finding.docsUrl})` : `\`${finding.ruleId}\``})`);
    out.push('  <details><summary>Why and how to fix</summary>');
    out.push('');
    out.push(`  **Why:** ${escapeMarkdown(finding.why)}`);
    out.push('');
    out.push(`  **Fix:** ${escapeMarkdown(finding.howToFix)}`);
    if (finding.legal.length > 0) {
      out.push('');
      out.push(`  **Legal basis:** ${finding.legal.map((ref) => escapeMarkdown(ref.ref)).join('; ')}`);
    }
    out.push('  </details>');
  }
  if (report.findings.length > 0) out.push('');

  if (report.skipped.length > 0) {
    out.push('<details><summary>Skipped files</summary>', '');
    for (const skipped of report.skipped) out.push(`- \`${skipped.file.replace(/`/g, "'")}\`: ${escapeMarkdown(skipped.reason)}`);
    out.push('', '</details>', '');
  }
  if (report.parseErrors.length > 0) {
    out.push('<details><summary>Files with syntax errors (only what the parser recovered was checked)</summary>', '');
    for (const p of report.parseErrors) out.push(`- \`${p.file.replace(/`/g, "'")}:${p.line}:${p.column}\`: ${escapeMarkdown(p.message)}${p.count > 1 ? ` (+${p.count - 1} more)` : ''}`);
    out.push('', '</details>', '');
  }
  if (report.configProblems.length > 0) {
    out.push('### Configuration problems', '');
    for (const problem of report.configProblems) {
      out.push(`- \`${problem.file.replace(/`/g, "'")}:${problem.line}\` ${escapeMarkdown(problem.key)}: ${escapeMarkdown(problem.message)}`);
    }
    out.push('');
  }
  out.push(`<sub>creepyline ${escapeMarkdown(report.tool.version)}</sub>`, '');
  return out.join('\n');
}
