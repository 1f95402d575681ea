/**
 * The text format, modelled on ESLint's "stylish": findings grouped by file, one aligned
 * line each (`line:col  severity  message  rule`), then a dim line with a clickable
 * `file:line:col` and the plain-language "why"; then skipped files and a summary line.
 */
import type { Styler } from '../color';
import { countsLine, fixableCount, type Report, type ReportFinding } from '../report';

function severityLabel(severity: ReportFinding['severity'], style: Styler): string {
  if (severity === 'error') return style.red('error');
  if (severity === 'warning') return style.yellow('warning');
  return style.blue('info');
}

/** Renders the report as text; `style` decides about ANSI colors; `explain` adds the "why flagged" trace. */
export function formatText(report: Report, style: Styler, explain = false): string {
  const out: string[] = [];
  const groups = new Map<string, ReportFinding[]>();
  for (const finding of report.findings) {
    const group = groups.get(finding.file) ?? [];
    group.push(finding);
    groups.set(finding.file, group);
  }

  for (const [file, findings] of groups) {
    out.push(style.underline(file));
    const positions = findings.map((f) => `${f.range.start.line}:${f.range.start.column}`);
    const posWidth = Math.max(...positions.map((p) => p.length));
    const sevWidth = Math.max(...findings.map((f) => f.severity.length));
    const msgWidth = Math.max(...findings.map((f) => f.message.length));
    findings.forEach((finding, index) => {
      const severity = severityLabel(finding.severity, style) + ' '.repeat(sevWidth - finding.severity.length);
      const medium = finding.confidence === 'medium' ? style.dim(' (medium confidence)') : '';
      out.push(
        `  ${positions[index].padEnd(posWidth)}  ${severity}  ${finding.message.padEnd(msgWidth)}  ${style.dim(finding.ruleId)}${medium}`,
      );
      const location = `${file}:${positions[index]}`;
      out.push(style.dim(`  ${' '.repeat(posWidth)}  ${location}  ${finding.why}`));
      if (explain) {
        const indent = `  ${' '.repeat(posWidth)}  `;
        out.push(`${indent}${style.bold('why flagged:')}`);
        for (const step of finding.trace) out.push(`${indent}  ${step}`);
        for (const r of finding.related) out.push(`${indent}  ${style.dim(`${r.file}:${r.line}:${r.column}`)}  ${r.message}`);
        out.push(`${indent}${style.bold('fix:')} ${finding.howToFix}`);
      }
    });
    out.push('');
  }

  if (report.skipped.length > 0) {
    out.push(style.bold(`Skipped ${report.skipped.length} file${report.skipped.length === 1 ? '' : 's'}:`));
    for (const skipped of report.skipped) out.push(`  ${skipped.file}  ${style.dim(skipped.reason)}`);
    out.push('');
  }

  if (report.parseErrors.length > 0) {
    const n = report.parseErrors.length;
    out.push(style.bold(`Analysed ${n} file${n === 1 ? '' : 's'} with syntax errors (only what the parser recovered was checked):`));
    for (const p of report.parseErrors) out.push(`  ${p.file}:${p.line}:${p.column}  ${style.dim(`${p.message}${p.count > 1 ? ` (+${p.count - 1} more)` : ''}`)}`);
    out.push('');
  }

  const { summary } = report;
  const skippedNote = summary.skipped > 0 ? ` (${summary.skipped} skipped)` : '';
  if (summary.findings === 0) {
    out.push(`✔ No problems found in ${summary.files} file${summary.files === 1 ? '' : 's'}${skippedNote}.`);
  } else {
    const mark = summary.error > 0 ? style.red('✖') : summary.warning > 0 ? style.yellow('⚠') : style.blue('ℹ');
    out.push(style.bold(`${mark} ${countsLine(summary)} in ${summary.files} file${summary.files === 1 ? '' : 's'} checked${skippedNote}`));
    const fixable = fixableCount(report);
    if (fixable > 0) out.push(`  ${fixable} with a fix: \`creepyline check --fix\` applies the safe ones; the editor (Creepyline for VS Code) offers all as quick fixes.`);
  }
  if (report.baseline) {
    const stale = report.baseline.stale.length;
    out.push(style.dim(`  ${report.baseline.unchanged} known finding${report.baseline.unchanged === 1 ? '' : 's'} recorded in the baseline ${report.baseline.file} not shown${stale > 0 ? `; ${stale} stale entr${stale === 1 ? 'y' : 'ies'}:` : '.'}`));
    for (const entry of report.baseline.stale) out.push(style.dim(`    ${entry.file}:${entry.line}  ${entry.rule}  ${entry.snippet}  (${entry.status})`));
  }
  if (report.changedSince) {
    out.push(style.dim(`  Only lines changed since ${report.changedSince.ref}: ${report.changedSince.outside} finding${report.changedSince.outside === 1 ? '' : 's'} on unchanged lines not shown.`));
  }
  if (report.shard) out.push(style.dim(`  Shard ${report.shard} of the file list.`));
  return `${out.join('\n')}\n`;
}
