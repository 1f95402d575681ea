/**
 * The HTML format: one self-contained page (inline CSS, no scripts, no external assets,
 * nothing fetched when opened) listing the summary and every finding grouped by file.
 * Every piece of text from findings, paths or configuration is HTML-escaped.
 */
import { countsLine, fixableCount, type Report, type ReportFinding } from '../report';

/** Escapes text for HTML element content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Only http(s) links are rendered as links; anything else (javascript:, data:) as text. */
function link(url: string, label: string): string {
  return /^https?:\/\//i.test(url) ? `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>` : escapeHtml(label);
}

const STYLE = `
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1d1d1f;background:#fff}
h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:2rem;font-family:ui-monospace,monospace;word-break:break-all}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .7rem;text-align:right}
.finding{border-left:4px solid #999;padding:.4rem .8rem;margin:.6rem 0;background:#fafafa}
.error{border-color:#c62828}.warning{border-color:#ef6c00}.info{border-color:#1565c0}
.sev{font-weight:600;text-transform:uppercase;font-size:.75rem}.error .sev{color:#c62828}.warning .sev{color:#ef6c00}.info .sev{color:#1565c0}
.loc,.rule{font-family:ui-monospace,monospace}.muted{color:#666}
@media (prefers-color-scheme:dark){body{background:#1e1e1e;color:#ddd}.finding{background:#262626}.muted{color:#aaa}td,th{border-color:#555}a{color:#8ab4f8}}
`;

function renderFinding(finding: ReportFinding): string {
  const location = `${finding.range.start.line}:${finding.range.start.column}`;
  const legal = finding.legal.map((ref) => (ref.url ? link(ref.url, ref.ref) : escapeHtml(ref.ref))).join('; ');
  return [
    `<div class="finding ${finding.severity}">`,
    `<div><span class="sev">${escapeHtml(finding.severity)}</span> <span class="loc">${escapeHtml(location)}</span> ${escapeHtml(finding.message)} <span class="rule muted">${finding.docsUrl ? link(finding.docsUrl, finding.ruleId) : escapeHtml(finding.ruleId)}</span>${finding.confidence === 'medium' ? ' <span class="muted">(medium confidence)</span>' : ''}</div>`,
    `<div><strong>Why:</strong> ${escapeHtml(finding.why)}</div>`,
    `<div><strong>Fix:</strong> ${escapeHtml(finding.howToFix)}</div>`,
    legal ? `<div class="muted">Legal basis: ${legal}</div>` : '',
    '</div>',
  ].filter(Boolean).join('\n');
}

/** Renders the report as a standalone HTML document. */
export function formatHtml(report: Report): string {
  const { summary } = report;
  const groups = new Map<string, ReportFinding[]>();
  for (const finding of report.findings) groups.set(finding.file, [...(groups.get(finding.file) ?? []), finding]);
  const body: string[] = [
    '<h1>Creepyline GDPR report</h1>',
    `<p>${escapeHtml(summary.findings === 0 ? 'No problems found.' : countsLine(summary))}</p>`,
    '<table><tr><th>Files checked</th><th>Errors</th><th>Warnings</th><th>Info</th><th>Skipped</th><th>Fixable</th></tr>',
    `<tr><td>${summary.files}</td><td>${summary.error}</td><td>${summary.warning}</td><td>${summary.info}</td><td>${summary.skipped}</td><td>${fixableCount(report)}</td></tr></table>`,
  ];
  for (const [file, findings] of groups) {
    body.push(`<h2>${escapeHtml(file)}</h2>`, ...findings.map(renderFinding));
  }
  if (report.configProblems.length > 0) {
    body.push('<h2>Configuration problems</h2><ul>');
    for (const p of report.configProblems) body.push(`<li><span class="loc">${escapeHtml(`${p.file}:${p.line}`)}</span> ${escapeHtml(p.key)}: ${escapeHtml(p.message)}</li>`);
    body.push('</ul>');
  }
  if (report.skipped.length > 0) {
    body.push('<h2>Skipped files</h2><ul>');
    for (const s of report.skipped) body.push(`<li><span class="loc">${escapeHtml(s.file)}</span> <span class="muted">${escapeHtml(s.reason)}</span></li>`);
    body.push('</ul>');
  }
  body.push(`<p class="muted">creepyline ${escapeHtml(report.tool.version)}</p>`);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<title>Creepyline GDPR report</title>',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
