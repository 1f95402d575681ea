/**
 * The inventory as HTML: a section a page can embed (the `check --format html` report's second
 * tab, the editor's webview) and a standalone, self-contained page (`inventory --format html`).
 * Inline CSS and SVG only, nothing fetched, no script (the page's CSP forbids both); every text
 * from code, paths and the catalogue is escaped.
 */
import { transferSummaryText } from '../inventory/transfers';
import type { InventoryCompany, InventoryLocation } from '../inventory/types';
import type { InventoryReport } from './inventory-report';
import { barChart, escapeHtml, htmlDocument } from './html-parts';
import { basisText, companyText, consentText, transferText } from './inventory-words';

const CONSENT_LABEL: Record<string, string> = {
  gated: 'waits for consent', partly: 'partly', 'not-gated': 'does not wait', 'not-needed': 'not needed', 'server-side': 'server-side',
};
const CONSENT_COLOR: Record<string, string> = {
  gated: '#2e7d32', partly: '#ef6c00', 'not-gated': '#c62828', 'not-needed': '#607d8b', 'server-side': '#6a1b9a',
};

/** CSS of the inventory section (scoped under `.inventory`). */
export const INVENTORY_STYLE = `
.inventory{overflow-x:auto}.inventory table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}.inventory td,.inventory th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
.inventory .sources{font-size:.8em}
.inventory th{background:#f4f4f4}.inventory .loc,.inventory code{font-family:ui-monospace,monospace;font-size:.9em}
.inventory .c-gated{color:#2e7d32}.inventory .c-partly{color:#ef6c00}.inventory .c-not-gated{color:#c62828}.inventory .c-not-needed,.inventory .c-server-side{color:#6a1b9a}
.inventory ul.sites{margin:0;padding-left:1.1rem}.inventory .muted{color:#666}.inventory h3{font-size:1rem;margin:1.5rem 0 .3rem}
@media (prefers-color-scheme:dark){.inventory th{background:#2a2a2a}.inventory td,.inventory th{border-color:#555}.inventory .muted{color:#aaa}}
`;

function loc(at: InventoryLocation): string {
  return `<span class="loc">${escapeHtml(`${at.file}:${at.line}:${at.column}`)}</span>`;
}

function consentCell(status: string, extra = ''): string {
  return `<span class="c-${escapeHtml(status)}">${escapeHtml(CONSENT_LABEL[status] ?? status)}</span>${extra}`;
}

/** The company's sources and the date they were read, folded; nothing when the company is not catalogued. */
function sourcesHtml(company: InventoryCompany): string {
  if (company.sources.length === 0) return '';
  return `<details class="sources"><summary>sources${company.checked ? ` (read ${escapeHtml(company.checked)})` : ''}</summary>${company.sources.map((x) => escapeHtml(x)).join('<br>')}</details>`;
}

/** The inventory as an HTML section (no document around it). */
export function renderInventorySection(report: InventoryReport): string {
  const s = report.summary;
  const out: string[] = ['<section class="inventory">', '<h2 id="inventory">Privacy inventory</h2>'];
  out.push(`<p class="muted">Drawn from the same analysis: ${s.files} file${s.files === 1 ? '' : 's'} analysed. A draft of the record of processing (Art. 30 GDPR) and of the recipients the privacy notice must name (Art. 13(1)(e)). Company facts come from the catalogue with their sources; “unknown” where it has none.</p>`);
  out.push('<table><tr><th>Vendors</th><th>Embeds</th><th>Forms</th><th>Processors</th><th>Data sources</th></tr>', `<tr><td>${s.vendors}</td><td>${s.embeds}</td><td>${s.forms}</td><td>${s.processors}</td><td>${s.dataSources}</td></tr></table>`);
  const transfers = transferSummaryText(s.transfers);
  if (transfers) out.push(`<p class="transfers"><strong>Where the recipients are:</strong> ${escapeHtml(transfers)}</p>`);

  const statuses = ['gated', 'partly', 'not-gated', 'not-needed'] as const;
  const recipients = [...report.vendors.map((v) => v.consent), ...report.embeds.map((e) => e.consent)];
  if (recipients.length > 0) {
    out.push(
      '<div class="charts">',
      barChart('Vendors and embeds by consent', statuses.map((st) => ({ label: CONSENT_LABEL[st]!, value: recipients.filter((c) => c === st).length, color: CONSENT_COLOR[st]! }))),
      barChart('Places loaded, by vendor', [...report.vendors, ...report.embeds].map((v) => ({ label: v.name, value: v.sites.length, color: CONSENT_COLOR[v.consent] ?? '#5e35b1' }))),
      '</div>',
    );
  }

  out.push(`<h3>Third-party vendors (${report.vendors.length})</h3>`);
  if (report.vendors.length === 0) out.push('<p>No third-party tracker, tag or SDK found.</p>');
  else {
    out.push('<table><tr><th>Vendor</th><th>Kind</th><th>Consent category</th><th>Consent</th><th>Company</th><th>Transfer basis</th><th>Where loaded or called</th><th>Personal data sent</th></tr>');
    for (const v of report.vendors) {
      const sites = `<ul class="sites">${v.sites.map((x) => `<li>${loc(x)} ${escapeHtml(x.form)} <code>${escapeHtml(x.label)}</code>: ${consentCell(x.consent.status, x.consent.how ? ` <span class="muted">${escapeHtml(x.consent.how)}</span>` : '')}${x.finding ? ` <span class="muted">(finding ${escapeHtml(x.finding.ruleId)}, ${escapeHtml(x.finding.severity)})</span>` : ''}</li>`).join('')}</ul>`;
      const data = v.personalData.length > 0 ? `<ul class="sites">${v.personalData.map((d) => `<li>${escapeHtml(d.kind)}${d.hashed ? ' (hashed)' : ''} <code>${escapeHtml(d.text)}</code> ${loc(d.at)}</li>`).join('')}</ul>` : '—';
      out.push(`<tr><td>${escapeHtml(v.name)}</td><td>${escapeHtml(v.kind)}</td><td>${escapeHtml(v.consentCategory)}</td><td>${consentCell(v.consent)}</td><td>${escapeHtml(companyText(v.company))}${sourcesHtml(v.company)}</td><td title="${escapeHtml(transferText(v.company))}">${escapeHtml(basisText(v.company))}</td><td>${sites}</td><td>${data}</td></tr>`);
    }
    out.push('</table>');
  }

  out.push(`<h3>Embeds (${report.embeds.length})</h3>`);
  if (report.embeds.length === 0) out.push('<p>No third-party embed found.</p>');
  else {
    out.push('<table><tr><th>Embed</th><th>Consent category</th><th>Consent</th><th>Company</th><th>Transfer basis</th><th>Where</th></tr>');
    for (const e of report.embeds) {
      out.push(`<tr><td>${escapeHtml(e.name)}</td><td>${escapeHtml(e.consentCategory)}</td><td>${consentCell(e.consent)}</td><td>${escapeHtml(companyText(e.company))}${sourcesHtml(e.company)}</td><td title="${escapeHtml(transferText(e.company))}">${escapeHtml(basisText(e.company))}</td><td><ul class="sites">${e.sites.map((x) => `<li>${loc(x)} ${escapeHtml(consentText(x.consent))}</li>`).join('')}</ul></td></tr>`);
    }
    out.push('</table>');
  }

  out.push(`<h3>Forms (${report.forms.length})</h3>`);
  if (report.forms.length === 0) out.push('<p>No form found.</p>');
  else {
    out.push('<table><tr><th>Form</th><th>Where</th><th>Purpose</th><th>Personal data</th><th>Fields (* required)</th></tr>');
    for (const f of report.forms) {
      const purpose = f.purpose ? `${escapeHtml(f.purpose.id)} <span class="muted">(${f.purpose.source === 'config' ? 'declared' : 'inferred'}: ${escapeHtml(f.purpose.evidence)})</span>` : '<span class="muted">unknown: declare it under forms.declare</span>';
      const fields = f.fields.map((x) => `${escapeHtml(x.name || '(unnamed)')}${x.required ? '*' : ''}${x.kind ? ` <span class="muted">[${escapeHtml(x.kind)}]</span>` : ''}`).join(', ');
      out.push(`<tr><td>${escapeHtml(f.name ?? f.component ?? f.id)}</td><td>${loc(f)}</td><td>${purpose}</td><td>${escapeHtml(f.categories.join(', ') || '—')}</td><td>${fields || '—'}</td></tr>`);
    }
    out.push('</table>');
  }

  out.push(`<h3>Processors (${report.processors.length})</h3>`);
  if (report.processors.length === 0) out.push('<p>No processor SDK or API found.</p>');
  else {
    out.push('<table><tr><th>Processor</th><th>Roles</th><th>Company</th><th>Used at</th><th>Erasure by API</th><th>Deletion paths reaching it</th><th>Deletion paths missing it</th></tr>');
    for (const p of report.processors) {
      const paths = (list: typeof p.erasure.reachedBy) => (list.length > 0 ? list.map((d) => `${escapeHtml(d.name)} ${loc(d)}`).join('<br>') : '—');
      out.push(`<tr><td>${escapeHtml(p.name)}</td><td>${escapeHtml(p.roles.join(', ') || '—')}</td><td>${escapeHtml(companyText(p.company))}${sourcesHtml(p.company)}</td><td>${p.uses.map(loc).join('<br>')}</td><td>${p.erasure.api ? `<code>${escapeHtml(p.erasure.api.call)}</code>` : 'none catalogued'}</td><td>${paths(p.erasure.reachedBy)}</td><td>${paths(p.erasure.missedBy)}</td></tr>`);
    }
    out.push('</table>');
  }

  if (report.dataSources.length > 0) {
    out.push(`<h3>Third-party data sources (${report.dataSources.length})</h3>`, '<table><tr><th>Source</th><th>Kind</th><th>Where</th></tr>');
    for (const d of report.dataSources) out.push(`<tr><td>${escapeHtml(d.name)}</td><td>${escapeHtml(d.kind)}</td><td>${loc(d)} <code>${escapeHtml(d.label)}</code></td></tr>`);
    out.push('</table>');
  }

  if (report.notice) {
    const n = report.notice;
    out.push(`<h3>Privacy notice <span class="loc">${escapeHtml(n.file)}</span></h3>`);
    if (n.error) out.push(`<p>The notice cannot be read: ${escapeHtml(n.error)}.</p>`);
    else {
      out.push(`<p>${n.named.length} named, ${n.missing.length} missing, ${n.unused.length} named but not used.</p>`, '<ul>');
      for (const m of n.missing) out.push(`<li><span class="c-not-gated">warning</span> ${escapeHtml(m.name)} is used (${m.at ? loc(m.at) : 'config'}) but the notice does not name it <span class="muted">(vendor-missing-from-notice, Art. 13(1)(e) GDPR)</span></li>`);
      for (const u of n.unused) {
        out.push(u.possiblyVia
          ? `<li><span class="muted">not reported</span> the notice names ${escapeHtml(u.matched ?? u.name)}; the code does not load it itself, ${escapeHtml(u.possiblyVia)} may</li>`
          : `<li><span class="muted">info</span> the notice names ${escapeHtml(u.matched ?? u.name)} but the analysed code does not load it</li>`);
      }
      for (const m of n.named) out.push(`<li><span class="c-gated">named</span> ${escapeHtml(m.name)} as “${escapeHtml(m.matched ?? '')}”</li>`);
      out.push('</ul>');
    }
  }
  if (report.skipped.length > 0) {
    out.push(`<h3>Skipped files (${report.skipped.length})</h3><ul>`);
    for (const x of report.skipped) out.push(`<li><span class="loc">${escapeHtml(x.file)}</span> <span class="muted">${escapeHtml(x.reason)}</span></li>`);
    out.push('</ul>');
  }
  out.push('</section>');
  return out.join('\n');
}

const PAGE_STYLE = `
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:80rem;padding:0 1rem 2rem;color:#1d1d1f;background:#fff}
h1{font-size:1.5rem;margin:1.5rem 0 .3rem}h2{font-size:1.2rem}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem}.chart{flex:1 1 20rem}.chart h4{margin:.5rem 0}.chart svg text{font:12px system-ui,sans-serif;fill:currentColor}
@media (prefers-color-scheme:dark){body{background:#1e1e1e;color:#ddd}}
`;

/** The inventory as a standalone, self-contained HTML document. */
export function formatInventoryHtml(report: InventoryReport): string {
  return htmlDocument('Creepyline privacy inventory', `${PAGE_STYLE}${INVENTORY_STYLE}`, [
    '<h1>Creepyline privacy inventory</h1>',
    renderInventorySection(report).replace('<h2 id="inventory">Privacy inventory</h2>\n', ''),
    `<p class="muted">creepyline ${escapeHtml(report.tool.version)}</p>`,
  ]);
}
