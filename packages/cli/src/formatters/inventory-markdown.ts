/**
 * The inventory as Markdown: summary tables first (what a data-protection officer copies into
 * the Art. 30 record), then per vendor the places it is loaded, how each waits for consent and
 * the personal data sent. Text from code is escaped so it cannot break the tables.
 */
import { CONSENT_WORDS, basisText, companyText, consentText, transferSummaryText, transferText, type InventoryCompany, type InventoryLocation, type InventoryReport } from '@creepyline/core';
import { escapeMarkdown } from './markdown';

function cell(text: string): string {
  return escapeMarkdown(text);
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\r?\n/g, ' ')}\``;
}

function where(at: InventoryLocation): string {
  return code(`${at.file}:${at.line}:${at.column}`);
}

/** `; sources (read 2026-12-03): …`, or nothing when the company is not catalogued. */
function sourcesText(company: InventoryCompany): string {
  if (company.sources.length === 0) return '';
  return `; sources${company.checked ? ` (read ${cell(company.checked)})` : ''}: ${company.sources.map(cell).join('; ')}`;
}

/** Renders the inventory report as GitHub-flavoured Markdown. */
export function formatInventoryMarkdown(report: InventoryReport): string {
  const s = report.summary;
  const out: string[] = ['# Privacy inventory', ''];
  out.push(
    `Drawn from the code by Creepyline ${cell(report.tool.version)}: ${s.files} file${s.files === 1 ? '' : 's'} analysed${s.skipped > 0 ? `, ${s.skipped} skipped` : ''}. ` +
      'A draft of the record of processing activities (Art. 30 GDPR) and of the recipients your privacy notice must name (Art. 13(1)(e)); company facts come from the catalogue with their sources, “unknown” where it has none.',
    '',
  );
  out.push('| Vendors | Embeds | Forms | Processors | Data sources |', '| ---: | ---: | ---: | ---: | ---: |', `| ${s.vendors} | ${s.embeds} | ${s.forms} | ${s.processors} | ${s.dataSources} |`, '');
  const transfers = transferSummaryText(s.transfers);
  if (transfers) out.push(`**Where the recipients are:** ${cell(transfers)}`, '');

  out.push(`## Third-party vendors (${report.vendors.length})`, '');
  if (report.vendors.length === 0) out.push('No third-party tracker, tag or SDK found.', '');
  else {
    out.push('| Vendor | Kind | Consent category | Consent | Company | Transfer basis | Personal data sent |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const v of report.vendors) {
      const gated = v.sites.filter((x) => x.consent.status === 'gated').length;
      const data = [...new Set(v.personalData.map((d) => d.kind + (d.hashed ? ' (hashed)' : '')))].join(', ');
      out.push(`| ${cell(v.name)} | ${cell(v.kind)} | ${cell(v.consentCategory)} | ${cell(CONSENT_WORDS[v.consent] ?? v.consent)}${v.consent === 'partly' ? ` (${gated} of ${v.sites.length})` : ''} | ${cell(companyText(v.company))} | ${cell(basisText(v.company))} | ${cell(data || '—')} |`);
    }
    out.push('');
    for (const v of report.vendors) {
      out.push(`### ${cell(v.name)}`, '');
      out.push(`- Kind: ${cell(v.kind)}; consent category: ${cell(v.consentCategory)}${v.fromDataset ? `; recognised by its host ${code(v.fromDataset.host)} (third-party-web entity ${cell(v.fromDataset.entity)})` : ''}`);
      out.push(`- Company: ${cell(companyText(v.company))}; transfer basis: ${cell(transferText(v.company))}${sourcesText(v.company)}`);
      out.push('- Loaded or called at:');
      for (const site of v.sites) {
        out.push(`  - ${where(site)} ${cell(site.form)} ${code(site.label)}: ${cell(consentText(site.consent))}${site.finding ? ` (finding ${code(site.finding.ruleId)}, ${site.finding.severity})` : ''}`);
      }
      if (v.personalData.length > 0) {
        out.push('- Personal data sent:');
        for (const d of v.personalData) out.push(`  - ${cell(d.kind)} (${cell(d.category)}${d.hashed ? ', hashed' : ''}) ${code(d.text)} at ${where(d.at)}`);
      }
      out.push('');
    }
  }

  out.push(`## Embeds (${report.embeds.length})`, '');
  if (report.embeds.length === 0) out.push('No third-party embed (video, map, font, social plugin) found.', '');
  else {
    out.push('| Embed | Consent category | Consent | Company | Transfer basis | Where |', '| --- | --- | --- | --- | --- | --- |');
    for (const e of report.embeds) {
      out.push(`| ${cell(e.name)} | ${cell(e.consentCategory)} | ${cell(CONSENT_WORDS[e.consent] ?? e.consent)} | ${cell(companyText(e.company))} | ${cell(basisText(e.company))} | ${e.sites.map((x) => `${where(x)} ${cell(consentText(x.consent))}`).join('<br>')} |`);
    }
    out.push('');
  }

  out.push(`## Forms (${report.forms.length})`, '');
  if (report.forms.length === 0) out.push('No form found.', '');
  else {
    out.push('| Form | Where | Purpose | Personal data | Fields (* required) |', '| --- | --- | --- | --- | --- |');
    for (const f of report.forms) {
      const purpose = f.purpose ? `${f.purpose.id} (${f.purpose.source === 'config' ? 'declared' : 'inferred'}: ${f.purpose.evidence})` : 'unknown: declare it under forms.declare in creepyline.json';
      const fields = f.fields.map((x) => `${x.name || '(unnamed)'}${x.required ? '*' : ''}${x.kind ? ` [${x.kind}]` : ''}`).join(', ');
      out.push(`| ${cell(f.name ?? f.component ?? f.id)} | ${where(f)} | ${cell(purpose)} | ${cell(f.categories.join(', ') || '—')} | ${cell(fields || '—')} |`);
    }
    out.push('');
  }

  out.push(`## Processors (${report.processors.length})`, '');
  if (report.processors.length === 0) out.push('No processor SDK or API found.', '');
  else {
    out.push('| Processor | Roles | Company | Transfer basis | Used at | Erasure by API | Deletion paths reaching it | Deletion paths missing it |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const p of report.processors) {
      const paths = (list: typeof p.erasure.reachedBy) => list.map((d) => `${cell(d.name)} ${where(d)}`).join('<br>') || '—';
      out.push(`| ${cell(p.name)} | ${cell(p.roles.join(', ') || '—')} | ${cell(companyText(p.company))} | ${cell(basisText(p.company))} | ${p.uses.map(where).join('<br>')} | ${p.erasure.api ? code(p.erasure.api.call) : 'none catalogued'} | ${paths(p.erasure.reachedBy)} | ${paths(p.erasure.missedBy)} |`);
    }
    out.push('');
  }

  // Each catalogued company once, with the transfer detail, the sources and when they were read
  // (the tables above give the basis only, so they stay readable with many recipients).
  const companies = new Map<string, { company: InventoryCompany; recipients: string[] }>();
  for (const r of [...report.vendors, ...report.embeds, ...report.processors]) {
    if (r.company.sources.length === 0 || r.company.country === 'unknown') continue;
    const key = `${r.company.name ?? ''}|${r.company.country}`;
    const entry = companies.get(key) ?? { company: r.company, recipients: [] };
    if (!entry.recipients.includes(r.name)) entry.recipients.push(r.name);
    companies.set(key, entry);
  }
  if (companies.size > 0) {
    out.push(`## Companies and transfers (${companies.size})`, '');
    for (const { company, recipients } of companies.values()) {
      out.push(`- ${cell(companyText(company))}, for ${recipients.map(cell).join(', ')}: ${cell(transferText(company))}${sourcesText(company)}`);
    }
    out.push('');
  }

  if (report.dataSources.length > 0) {
    out.push(`## Third-party data sources (${report.dataSources.length})`, '', '| Source | Kind | Where |', '| --- | --- | --- |');
    for (const d of report.dataSources) out.push(`| ${cell(d.name)} | ${cell(d.kind)} | ${where(d)} ${code(d.label)} |`);
    out.push('');
  }

  if (report.notice) {
    const n = report.notice;
    out.push(`## Privacy notice ${code(n.file)}`, '');
    if (n.error) out.push(`The notice cannot be read: ${cell(n.error)}.`, '');
    else {
      out.push(`${n.named.length} vendor${n.named.length === 1 ? '' : 's'} named, ${n.missing.length} missing, ${n.unused.length} named but not used.`, '');
      for (const m of n.missing) out.push(`- 🟠 warning: ${cell(m.name)} is used (${m.at ? where(m.at) : 'config'}) but the notice does not name it (${code('vendor-missing-from-notice')}, Art. 13(1)(e) GDPR)`);
      for (const u of n.unused) {
        out.push(u.possiblyVia
          ? `- ⚪ the notice names ${cell(u.matched ?? u.name)}; the code does not load it itself, ${cell(u.possiblyVia)} may (not reported)`
          : `- 🔵 info: the notice names ${cell(u.matched ?? u.name)} but the analysed code does not load it (remove it from the notice if it is gone, or check where it is loaded)`);
      }
      for (const m of n.named) out.push(`- ✅ ${cell(m.name)}: named as “${cell(m.matched ?? '')}”`);
      out.push('');
    }
  }

  if (report.skipped.length > 0) {
    out.push('<details><summary>Skipped files</summary>', '');
    for (const x of report.skipped) out.push(`- ${code(x.file)}: ${cell(x.reason)}`);
    out.push('', '</details>', '');
  }
  out.push(`<sub>creepyline ${cell(report.tool.version)}</sub>`, '');
  return out.join('\n');
}
