/**
 * The HTML format: one self-contained page a reviewer can open offline or attach to an
 * audit. Inline CSS and inline SVG only: no script, no external asset, nothing fetched
 * (the Content-Security-Policy forbids all of it). It has:
 * - a summary with bar charts (findings by severity, by rule, by confidence) drawn as SVG;
 * - filters by rule, severity and confidence that work without a server and without
 *   JavaScript: checkboxes placed before the content, and CSS sibling selectors hiding the
 *   findings whose box is unticked;
 * - a table of contents by file, and per finding the code around it (two lines before and
 *   after) with the flagged range highlighted, its why, law, fix and "why flagged" trace;
 * - skipped files, configuration problems, and what a baseline or --changed-since left out;
 * - the privacy inventory as a second tab (radio buttons and CSS, no script), and a
 *   "findings by vendor" chart drawn from it.
 * Every piece of text from findings, paths, code or configuration is HTML-escaped.
 */
import { barChart, escapeHtml, htmlDocument, INVENTORY_STYLE, renderInventorySection, type InventoryReport } from '@creepyline/core';
import { countsLine, fixableCount, type Report, type ReportFinding } from '../report';

/** Only http(s) links are rendered as links; anything else (javascript:, data:) as text. */
function link(url: string, label: string): string {
  return /^https?:\/\//i.test(url) ? `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>` : escapeHtml(label);
}

/** The code around a finding: `lines` start at line `first` (1-based). */
export interface Excerpt {
  first: number;
  lines: string[];
}

const SEVERITIES = ['error', 'warning', 'info'] as const;
const CONFIDENCES = ['high', 'medium'] as const;
const COLOR = { error: '#c62828', warning: '#ef6c00', info: '#1565c0', high: '#37474f', medium: '#90a4ae', rule: '#5e35b1', vendor: '#00838f' } as const;

const STYLE = `
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d1d1f;background:#fff}
header,main,nav.filters{max-width:76rem;margin:0 auto;padding:0 1rem}
h1{font-size:1.5rem;margin:1.5rem 0 .3rem}h2{font-size:1.1rem;margin-top:2rem}
h3.file{font-size:1rem;margin:2rem 0 .5rem;font-family:ui-monospace,monospace;word-break:break-all;border-bottom:1px solid #ddd}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .7rem;text-align:right}th{background:#f4f4f4}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem}.chart{flex:1 1 20rem}.chart h4{margin:.5rem 0}
.chart svg text{font:12px system-ui,sans-serif;fill:currentColor}
nav.filters{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:.5rem 1rem;z-index:1}
nav.filters fieldset{display:inline-block;border:1px solid #ddd;margin:.2rem;padding:.2rem .5rem}
nav.filters label{margin-right:.6rem;cursor:pointer;white-space:nowrap}
nav.filters label::before{content:"☑ "}
.toggle{position:absolute;left:-10000px}
.toc{columns:2 22rem}.toc li{break-inside:avoid}
.finding{border-left:4px solid #999;padding:.5rem .8rem;margin:.8rem 0;background:#fafafa}
.sev-error{border-color:${COLOR.error}}.sev-warning{border-color:${COLOR.warning}}.sev-info{border-color:${COLOR.info}}
.sev{font-weight:600;text-transform:uppercase;font-size:.75rem}.sev-error .sev{color:${COLOR.error}}.sev-warning .sev{color:${COLOR.warning}}.sev-info .sev{color:${COLOR.info}}
.loc,.rule,code{font-family:ui-monospace,monospace}.muted{color:#666}
pre.code{background:#fff;border:1px solid #e0e0e0;padding:.4rem 0;overflow-x:auto;font:12.5px/1.45 ui-monospace,monospace;margin:.5rem 0}
pre.code .ln{display:inline-block;width:3.5em;padding-right:.8em;text-align:right;color:#999;user-select:none}
pre.code .hit{background:#fff3e0}pre.code mark{background:#ffcc80;color:inherit;border-bottom:2px solid ${COLOR.warning}}
details{margin-top:.3rem}summary{cursor:pointer;color:#444}
.empty{padding:1rem;background:#e8f5e9;border-left:4px solid #2e7d32}
@media (prefers-color-scheme:dark){body,nav.filters{background:#1e1e1e;color:#ddd}.finding{background:#262626}.muted,summary{color:#aaa}td,th{border-color:#555}th{background:#2a2a2a}a{color:#8ab4f8}
pre.code{background:#1a1a1a;border-color:#444}pre.code .hit{background:#3a2a10}pre.code mark{background:#7a4a00}h3.file{border-color:#444}}
nav.tabs{max-width:76rem;margin:0 auto;padding:0 1rem;border-bottom:1px solid #ddd}
nav.tabs label{display:inline-block;padding:.4rem .9rem;margin-right:.2rem;cursor:pointer;border:1px solid #ddd;border-bottom:none;border-radius:4px 4px 0 0;background:#f4f4f4}
#tab-findings:checked~nav.tabs label[for=tab-findings],#tab-inventory:checked~nav.tabs label[for=tab-inventory]{background:#fff;font-weight:600}
#tab-inventory:checked~main.tab-findings,#tab-inventory:checked~nav.filters,#tab-findings:checked~main.tab-inventory{display:none}
@media (prefers-color-scheme:dark){nav.tabs label{background:#2a2a2a;border-color:#444}#tab-findings:checked~nav.tabs label[for=tab-findings],#tab-inventory:checked~nav.tabs label[for=tab-inventory]{background:#1e1e1e}}
@media print{nav.filters,nav.tabs{display:none}#tab-findings:checked~main.tab-inventory{display:block}}
`;

/** Findings by vendor: one bar per vendor or embed the findings are about, most first; the rest as "no vendor". */
function vendorChart(report: Report, inventory: InventoryReport): string {
  const counts = new Map<string, number>();
  let none = 0;
  for (const vendor of findingVendors(report, inventory)) {
    if (vendor === undefined) none++;
    else counts.set(vendor, (counts.get(vendor) ?? 0) + 1);
  }
  const rows = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([label, value]) => ({ label, value, color: COLOR.vendor as string }));
  if (none > 0) rows.push({ label: 'no vendor (forms, storage, …)', value: none, color: COLOR.medium });
  return barChart('Findings by vendor', rows);
}

/** The code lines of an excerpt with the finding's range highlighted. */
function renderExcerpt(finding: ReportFinding, excerpt: Excerpt | undefined): string {
  if (!excerpt || excerpt.lines.length === 0) return '';
  const { start, end } = finding.range;
  const rows = excerpt.lines.map((text, i) => {
    const n = excerpt.first + i;
    const inRange = n >= start.line && n <= end.line;
    let body: string;
    if (!inRange) body = escapeHtml(text);
    else {
      const from = n === start.line ? start.column - 1 : 0;
      const to = n === end.line ? Math.max(from, end.column - 1) : text.length;
      body = `${escapeHtml(text.slice(0, from))}<mark>${escapeHtml(text.slice(from, to))}</mark>${escapeHtml(text.slice(to))}`;
    }
    return `<span class="${inRange ? 'hit' : ''}"><span class="ln">${n}</span>${body}</span>`;
  });
  return `<pre class="code">${rows.join('\n')}</pre>`;
}

function renderFinding(finding: ReportFinding, ruleClass: string, excerpt: Excerpt | undefined): string {
  const location = `${finding.range.start.line}:${finding.range.start.column}`;
  const legal = finding.legal.map((ref) => (ref.url ? link(ref.url, ref.ref) : escapeHtml(ref.ref))).join('; ');
  const rule = finding.docsUrl ? link(finding.docsUrl, finding.ruleId) : escapeHtml(finding.ruleId);
  const trace = finding.trace.length + finding.related.length > 0
    ? `<details><summary>Why flagged</summary><ol>${finding.trace.map((step) => `<li>${escapeHtml(step)}</li>`).join('')}${finding.related.map((r) => `<li><span class="loc">${escapeHtml(`${r.file}:${r.line}:${r.column}`)}</span> ${escapeHtml(r.message)}</li>`).join('')}</ol></details>`
    : '';
  return [
    `<div class="finding sev-${finding.severity} conf-${finding.confidence} ${ruleClass}">`,
    `<div><span class="sev">${escapeHtml(finding.severity)}</span> <span class="loc">${escapeHtml(location)}</span> ${escapeHtml(finding.message)} <span class="rule muted">${rule}</span>${finding.confidence === 'medium' ? ' <span class="muted">(medium confidence)</span>' : ''}</div>`,
    renderExcerpt(finding, excerpt),
    `<div><strong>Why:</strong> ${escapeHtml(finding.why)}</div>`,
    legal ? `<div><strong>Law:</strong> ${legal}</div>` : '',
    `<div><strong>Fix:</strong> ${escapeHtml(finding.howToFix)}${finding.fixes.some((fix) => fix.safe) ? ' <span class="muted">(safe fix: <code>creepyline check --fix</code>)</span>' : ''}</div>`,
    trace,
    '</div>',
  ].filter(Boolean).join('\n');
}

/**
 * The vendor (or embed) each finding is about, from the inventory of the same run: the finding
 * sits where the vendor is loaded or called, or where personal data is handed to it.
 */
export function findingVendors(report: Report, inventory: InventoryReport): (string | undefined)[] {
  const at = new Map<string, string>();
  const key = (file: string, line: number, column: number) => `${file}:${line}:${column}`;
  for (const v of [...inventory.vendors, ...inventory.embeds]) for (const s of v.sites) at.set(key(s.file, s.line, s.column), v.name);
  for (const v of inventory.vendors) for (const d of v.personalData) if (!at.has(key(d.at.file, d.at.line, d.at.column))) at.set(key(d.at.file, d.at.line, d.at.column), v.name);
  return report.findings.map((f) => at.get(key(f.file, f.range.start.line, f.range.start.column)));
}

/**
 * Renders the report as a standalone HTML document; `excerpts` align with `report.findings`.
 * With `inventory` (the same run's), the page gets a "findings by vendor" chart and the
 * inventory as its second tab.
 */
export function formatHtml(report: Report, excerpts: readonly (Excerpt | undefined)[] = [], inventory?: InventoryReport): string {
  const { summary } = report;
  const ruleIds = [...new Set(report.findings.map((finding) => finding.ruleId))].sort();
  const ruleClass = new Map(ruleIds.map((id, i) => [id, `rule-${i}`]));
  const groups = new Map<string, { finding: ReportFinding; excerpt: Excerpt | undefined }[]>();
  report.findings.forEach((finding, i) => groups.set(finding.file, [...(groups.get(finding.file) ?? []), { finding, excerpt: excerpts[i] }]));
  const files = [...groups.keys()];

  // Filters: one checkbox per severity, confidence and rule, before everything they filter.
  const toggles: { id: string; cls: string; label: string; count: number }[] = [
    ...SEVERITIES.map((s) => ({ id: `f-sev-${s}`, cls: `sev-${s}`, label: s, count: summary[s] })),
    ...CONFIDENCES.map((c) => ({ id: `f-conf-${c}`, cls: `conf-${c}`, label: `${c} confidence`, count: report.findings.filter((f) => f.confidence === c).length })),
    ...ruleIds.map((id) => ({ id: `f-${ruleClass.get(id)}`, cls: ruleClass.get(id)!, label: id, count: report.findings.filter((f) => f.ruleId === id).length })),
  ];
  // A file whose findings are all of an unticked kind hides its heading too (`:has`).
  const filterCss = toggles.map((t) => `#${t.id}:not(:checked)~main .${t.cls},#${t.id}:not(:checked)~main .file-group:not(:has(.finding:not(.${t.cls}))){display:none}#${t.id}:not(:checked)~nav label[for=${t.id}]{opacity:.45;text-decoration:line-through}#${t.id}:not(:checked)~nav label[for=${t.id}]::before{content:"☐ "}`).join('\n');
  const fieldset = (legend: string, list: typeof toggles) =>
    `<fieldset><legend>${escapeHtml(legend)}</legend>${list.map((t) => `<label for="${t.id}">${escapeHtml(t.label)} (${t.count})</label>`).join('')}</fieldset>`;

  const body: string[] = [];
  if (inventory) {
    body.push(
      '<input type="radio" class="toggle" name="tab" id="tab-findings" checked aria-label="show the findings">',
      '<input type="radio" class="toggle" name="tab" id="tab-inventory" aria-label="show the privacy inventory">',
    );
  }
  body.push(...toggles.map((t) => `<input type="checkbox" class="toggle" id="${t.id}" checked aria-label="${escapeHtml(`show ${t.label}`)}">`));
  body.push(
    '<header>',
    '<h1>Creepyline GDPR report</h1>',
    `<p>${escapeHtml(summary.findings === 0 ? 'No problems found.' : countsLine(summary))} in ${summary.files} file${summary.files === 1 ? '' : 's'}.</p>`,
    '</header>',
  );
  if (inventory) {
    const s = inventory.summary;
    body.push(`<nav class="tabs" aria-label="Tabs"><label for="tab-findings">Findings (${summary.findings})</label><label for="tab-inventory">Privacy inventory (${s.vendors + s.embeds} vendors and embeds, ${s.forms} forms)</label></nav>`);
  }
  if (report.findings.length > 0) {
    body.push(
      '<nav class="filters" aria-label="Filters">',
      '<strong>Show:</strong> ',
      fieldset('Severity', toggles.filter((t) => t.id.startsWith('f-sev-'))),
      fieldset('Confidence', toggles.filter((t) => t.id.startsWith('f-conf-'))),
      fieldset('Rule', toggles.filter((t) => t.id.startsWith('f-rule-'))),
      '</nav>',
    );
  }
  body.push('<main class="tab-findings">', '<h2 id="summary">Summary</h2>');
  body.push(
    '<table><tr><th>Files checked</th><th>Errors</th><th>Warnings</th><th>Info</th><th>Skipped</th><th>With a fix</th></tr>',
    `<tr><td>${summary.files}</td><td>${summary.error}</td><td>${summary.warning}</td><td>${summary.info}</td><td>${summary.skipped}</td><td>${fixableCount(report)}</td></tr></table>`,
  );
  const notes: string[] = [];
  if (report.baseline) notes.push(`${report.baseline.unchanged} known finding(s) recorded in the baseline ${report.baseline.file} are not shown; ${report.baseline.stale.length} stale entr${report.baseline.stale.length === 1 ? 'y' : 'ies'}.`);
  if (report.changedSince) notes.push(`Only lines changed since ${report.changedSince.ref}: ${report.changedSince.outside} finding(s) on unchanged lines are not shown.`);
  if (report.shard) notes.push(`Shard ${report.shard} of the file list.`);
  for (const note of notes) body.push(`<p class="muted">${escapeHtml(note)}</p>`);
  if (report.findings.length > 0) {
    body.push(
      '<div class="charts">',
      barChart('Findings by severity', SEVERITIES.map((s) => ({ label: s, value: summary[s], color: COLOR[s] }))),
      barChart('Findings by rule', ruleIds.map((id) => ({ label: id, value: report.findings.filter((f) => f.ruleId === id).length, color: COLOR.rule }))),
      barChart('Findings by confidence', CONFIDENCES.map((c) => ({ label: c, value: report.findings.filter((f) => f.confidence === c).length, color: COLOR[c] }))),
      ...(inventory ? [vendorChart(report, inventory)] : []),
      '</div>',
      '<h2 id="files">Files</h2>',
      `<ul class="toc">${files.map((file, i) => {
        const list = groups.get(file)!;
        const counts = SEVERITIES.map((s) => [s, list.filter((e) => e.finding.severity === s).length] as const).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(', ');
        return `<li><a href="#file-${i}" class="loc">${escapeHtml(file)}</a> <span class="muted">${escapeHtml(counts)}</span></li>`;
      }).join('')}</ul>`,
      '<h2 id="findings">Findings</h2>',
    );
    files.forEach((file, i) => {
      body.push(`<section class="file-group"><h3 class="file" id="file-${i}">${escapeHtml(file)}</h3>`);
      for (const { finding, excerpt } of groups.get(file)!) body.push(renderFinding(finding, ruleClass.get(finding.ruleId)!, excerpt));
      body.push('</section>');
    });
  } else {
    body.push(`<p class="empty">${escapeHtml(report.baseline || report.changedSince ? 'No new problems found.' : 'No problems found.')}</p>`);
  }
  if (report.baseline && report.baseline.stale.length > 0) {
    body.push('<h2>Stale baseline entries</h2><ul>');
    for (const e of report.baseline.stale) body.push(`<li><span class="loc">${escapeHtml(`${e.file}:${e.line}`)}</span> ${escapeHtml(e.rule)} <code>${escapeHtml(e.snippet)}</code> <span class="muted">${escapeHtml(e.status)}${e.reason ? `: ${escapeHtml(e.reason)}` : ''}</span></li>`);
    body.push('</ul>');
  }
  if (report.configProblems.length > 0) {
    body.push('<h2>Configuration problems</h2><ul>');
    for (const p of report.configProblems) body.push(`<li><span class="loc">${escapeHtml(`${p.file}:${p.line}`)}</span> ${escapeHtml(p.key)}: ${escapeHtml(p.message)}</li>`);
    body.push('</ul>');
  }
  if (report.parseErrors.length > 0) {
    body.push(`<h2>Files with syntax errors (${report.parseErrors.length})</h2><p class="muted">Only what the parser recovered was checked.</p><ul>`);
    for (const p of report.parseErrors) body.push(`<li><span class="loc">${escapeHtml(`${p.file}:${p.line}:${p.column}`)}</span> ${escapeHtml(p.message)}${p.count > 1 ? ` <span class="muted">(+${p.count - 1} more)</span>` : ''}</li>`);
    body.push('</ul>');
  }
  if (report.skipped.length > 0) {
    body.push(`<h2>Skipped files (${report.skipped.length})</h2><ul>`);
    for (const s of report.skipped) body.push(`<li><span class="loc">${escapeHtml(s.file)}</span> <span class="muted">${escapeHtml(s.reason)}</span></li>`);
    body.push('</ul>');
  }
  body.push(`<p class="muted">creepyline ${escapeHtml(report.tool.version)}</p>`, '</main>');
  if (inventory) body.push('<main class="tab-inventory">', renderInventorySection(inventory), '</main>');
  return htmlDocument('Creepyline GDPR report', `${STYLE}${inventory ? INVENTORY_STYLE : ''}\n${filterCss}`, body);
}
