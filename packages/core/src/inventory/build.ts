/**
 * Builds the privacy inventory from the Facts of the analysed files, the project pass
 * (cross-file gates, queue loaders, erasure reach, schemas) and the findings of the same
 * run: nothing is parsed or analysed a second time.
 */
import { BUILTIN_CATALOGUES } from '../knowledge/catalogues';
import type { ResolvedConfig } from '../config/types';
import type { FileFacts, GateResult, PiiItem, Span } from '../facts/types';
import { newsletterProvider } from '../facts/forms/purpose';
import { resolveForms } from '../facts/forms/resolve';
import type { Knowledge } from '../knowledge';
import type { ConsentCategory } from '../knowledge/types';
import { queueOf } from '../knowledge/tag-queues';
import { configAcrossFiles } from '../facts/framework-config';
import { effectiveCategory } from '../facts';
import { companyOfVendor } from '../knowledge/vendor-companies';
import type { Finding } from '../model';
import type { ProjectFacts } from '../rule';
import { positionAt } from '../text';
import { findName, namesOf, noticeText } from './notice';
import {
  INVENTORY_VERSION,
  type Inventory,
  type InventoryCompany,
  type InventoryConsent,
  type InventoryDataItem,
  type InventoryEmbed,
  type InventoryForm,
  type InventoryLocation,
  type InventoryProcessor,
  type InventoryVendor,
  type NoticeDrift,
  type NoticeEntry,
} from './types';

/** What the builder reads; the Workspace provides it from its caches. */
export interface InventoryInput {
  /** Facts of the analysed files. */
  facts: readonly FileFacts[];
  /** Findings of the same run (to mark the sites `check` reports). */
  findings: readonly Finding[];
  knowledge(file: string): Knowledge;
  config(file: string): ResolvedConfig;
  project(file: string): ProjectFacts;
  /** The privacy notice, when one is given or configured. */
  notice?: { file: string; label?: string; text?: string; error?: string };
}


/**
 * A trailing parenthetical that names code (`(gtag.js / analytics.js)`, `(fbq)`) is dropped;
 * one that tells vendors apart (`YouTube (privacy-enhanced mode)`) is kept.
 */
export function displayName(name: string): string {
  return name.replace(/\s*\(([^)]*)\)\s*$/, (whole, inner: string) => (/[./_]|^[a-z$][\w$]*$/.test(inner.trim()) ? '' : whole)).trim() || name;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareLocation(a: InventoryLocation, b: InventoryLocation): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column;
}

function locate(facts: FileFacts, offset: number): InventoryLocation {
  const { line, column } = positionAt(facts.lineStarts, offset);
  return { file: facts.file, line, column };
}

const UNKNOWN_COMPANY: InventoryCompany = { country: 'unknown', transfer: { basis: 'unknown' }, sources: [] };

/** The catalogued company of an id, else what the third-party-web dataset names (company only), else unknown. */
export function companyFor(id: string, dataset?: { company?: string; version: string }): InventoryCompany {
  const entry = companyOfVendor(id);
  if (entry) {
    return {
      name: entry.name,
      country: entry.country,
      transfer: { basis: entry.transfer.basis, ...(entry.transfer.detail ? { detail: entry.transfer.detail } : {}) },
      sources: [...entry.sources],
      checked: entry.checked,
    };
  }
  if (dataset?.company) {
    return { name: dataset.company, country: 'unknown', transfer: { basis: 'unknown' }, sources: [`third-party-web ${dataset.version} (company name only)`] };
  }
  return { ...UNKNOWN_COMPANY, transfer: { basis: 'unknown' }, sources: [] };
}

const FORM_WORDS: Record<string, string> = {
  if: 'inside `if`', else: 'in the `else` branch of', 'early-return': 'after an early return on', and: 'behind `&&` on', or: 'behind `||` on',
  ternary: 'in a `?:` on', callback: 'in the consent tool\'s callback', 'call-site': 'every call site checks', markup: 'blocked by the consent tool\'s markup', component: 'rendered inside',
};

/** How a sink or embed is gated, the same way the rules decide it. */
function consentOf(
  facts: FileFacts,
  gate: GateResult,
  category: ConsentCategory,
  project: ProjectFacts,
  queue?: { vendorId: string; label: string },
  server = false,
): InventoryConsent {
  if (gate.gated && gate.by) {
    return { status: 'gated', how: `${FORM_WORDS[gate.by.form] ?? gate.by.form} ${gate.by.text}`.trim(), origin: gate.by.origin };
  }
  if (gate.gated) return { status: 'gated' };
  const open = server ? 'server-side' : 'not-gated';
  // A check for another purpose (a statistics check around an ad pixel) is what a reader must see first.
  const wrong = gate.seen.length > 0 ? `checked for another purpose only: ${gate.seen.map((s) => s.text).join(', ')}` : undefined;
  if (gate.exportNames) {
    const across = project.gateAcrossFiles(facts.file, gate.exportNames, category);
    if (across.gated) return { status: 'gated', how: `every use of ${gate.exportNames.join(', ')} in other files (${across.uses}) is behind a consent check` };
    const callers = across.uses === 0
      ? `inside the exported ${gate.exportNames.join(', ')}; no caller among the analysed files`
      : `${across.ungated.length} of the ${across.uses} use(s) of ${gate.exportNames.join(', ')} run without a consent check`;
    return { status: open, how: wrong ? `${wrong}; ${callers}` : callers };
  }
  const shape = queue ? queueOf(queue.vendorId, queue.label) : undefined;
  if (shape) {
    const loaders = project.queueLoaders(shape.loaderVendors, category);
    if (loaders.length > 0 && loaders.every((l) => l.gated)) return { status: 'gated', how: 'a queued command: every loader of the tag waits for consent' };
  }
  if (wrong) return { status: open, how: wrong };
  return server ? { status: 'server-side', how: 'sent from the server without a check of the visitor\'s consent' } : { status: 'not-gated' };
}

function overall(statuses: InventoryConsent['status'][]): 'gated' | 'partly' | 'not-gated' | 'not-needed' {
  if (statuses.length > 0 && statuses.every((s) => s === 'not-needed')) return 'not-needed';
  const gated = statuses.filter((s) => s === 'gated').length;
  return gated === statuses.length ? 'gated' : gated === 0 ? 'not-gated' : 'partly';
}

function dataItem(facts: FileFacts, item: PiiItem): InventoryDataItem {
  return { kind: item.kind, category: item.category, hashed: item.hashed, text: item.text, at: locate(facts, item.span.start) };
}

/**
 * Forms that submit to a processor's host (a Mailchimp sign-up form posting to list-manage.com):
 * the processor receives what the visitor types, so it is a recipient like an SDK or API call.
 */
function formActionUses(facts: FileFacts, knowledge: Knowledge): { processorId: string; processorName: string; span: Span; label: string }[] {
  const out: { processorId: string; processorName: string; span: Span; label: string }[] = [];
  for (const form of facts.forms ?? []) {
    if (!form.action || !/^(https?:)?\/\//i.test(form.action)) continue;
    const url = form.action.startsWith('//') ? `https:${form.action}` : form.action;
    // A catalogued processor's host, or a newsletter provider's form endpoint (knowledge/newsletter-endpoints.json).
    const processor = knowledge.processorByUrl(url);
    const provider = processor ? undefined : newsletterProvider(url);
    const id = processor?.id ?? provider?.id;
    if (!id) continue;
    const name = processor?.name ?? knowledge.processorById(id)?.name ?? provider!.name;
    out.push({ processorId: id, processorName: name, span: form.span, label: `<form action="${form.action.length > 60 ? `${form.action.slice(0, 57)}…` : form.action}">` });
  }
  return out;
}

/** Builds the inventory. Deterministic: every list is sorted. */
export function buildInventory(input: InventoryInput): Inventory {
  const findingAt = new Map<string, Finding>();
  for (const finding of input.findings) {
    const key = `${finding.ruleId}\0${finding.file}\0${finding.range.startOffset}`;
    if (!findingAt.has(key)) findingAt.set(key, finding);
  }
  // A finding moved to the ungated call of the helper that holds the sink (issue 14 item 7): the
  // sink is its related location, and its site carries that finding.
  for (const finding of input.findings) {
    if (finding.ruleId !== 'tracking-without-consent' || finding.messageId !== 'notGatedHere') continue;
    for (const related of finding.related) {
      const key = `${finding.ruleId}\0${related.file}\0${related.range.startOffset}`;
      if (!findingAt.has(key)) findingAt.set(key, finding);
    }
  }
  const findingFor = (ruleId: string, file: string, span: Span) => {
    const f = findingAt.get(`${ruleId}\0${file}\0${span.start}`);
    return f ? { ruleId: f.ruleId, severity: f.severity } : undefined;
  };
  const files = [...input.facts].sort((a, b) => compareText(a.file, b.file));

  // --- vendors (tracker sinks) and the personal data sent to them
  const vendors = new Map<string, InventoryVendor>();
  const vendorOf = (id: string, name: string, kind: string, category: ConsentCategory, dataset?: { entity: string; host: string; company?: string; version: string }): InventoryVendor => {
    let vendor = vendors.get(id);
    if (!vendor) {
      vendor = {
        id, name: displayName(name), kind, consentCategory: category, consent: 'not-gated',
        company: companyFor(id, dataset),
        ...(dataset ? { fromDataset: { entity: dataset.entity, host: dataset.host } } : {}),
        sites: [], personalData: [],
      };
      vendors.set(id, vendor);
    }
    return vendor;
  };
  // Personal data per recipient id (a tracker vendor or a processor), attached once both are known.
  const sentTo = new Map<string, InventoryDataItem[]>();
  const sent = (id: string, item: InventoryDataItem) => sentTo.set(id, [...(sentTo.get(id) ?? []), item]);
  for (const facts of files) {
    const knowledge = input.knowledge(facts.file);
    const project = input.project(facts.file);
    // plugin entries and head scripts a framework configuration takes from this file (framework-config.ts)
    const resolved = facts.configExports?.length || facts.configImports?.length ? input.config(facts.file) : undefined;
    const split = resolved ? configAcrossFiles(facts, project, knowledge, (v) => effectiveCategory(v, resolved)) : undefined;
    for (const listed of [...facts.sinks, ...(split?.extra ?? [])]) {
      const regated = split?.gated.get(listed);
      const sink = regated ? { ...listed, gate: regated } : listed;
      const entry = knowledge.vendorById(sink.vendorId);
      const vendor = vendorOf(sink.vendorId, sink.vendorName, entry?.kind ?? sink.thirdParty?.category ?? 'unknown', sink.category,
        sink.thirdParty ? { entity: sink.thirdParty.entity, host: sink.thirdParty.host, company: sink.thirdParty.company, version: sink.thirdParty.version } : undefined);
      // where the finding sits: a tag's URL attribute
      const at = locate(facts, (sink.anchor ?? sink.span).start);
      if (vendor.sites.some((s) => s.file === at.file && s.line === at.line && s.column === at.column && s.label === sink.label)) continue;
      const finding = findingFor('tracking-without-consent', facts.file, sink.anchor ?? sink.span) ?? findingFor('tracking-without-consent', facts.file, sink.span);
      vendor.sites.push({
        ...at, form: sink.form, label: sink.label,
        consent: consentOf(facts, sink.gate, sink.category, project, { vendorId: sink.vendorId, label: sink.label }, sink.form === 'server-request'),
        ...(finding ? { finding } : {}),
      });
    }
    // The consent tool's own loader: a third party too (it receives the visitor's IP address), needed to ask.
    for (const tool of facts.consentTools ?? []) {
      const id = tool.apiId ?? `cmp-${tool.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
      const vendor = vendorOf(id, tool.name, 'consent-tool', 'necessary');
      const at = locate(facts, tool.span.start);
      if (!vendor.sites.some((s) => compareLocation(s, at) === 0)) vendor.sites.push({ ...at, form: 'script-tag', label: tool.name, consent: { status: 'not-needed', how: 'the consent tool asks for consent; it loads before the choice' } });
    }
    // items that wait for a model in another file (needsModel) are judged by pii-to-third-party, not listed here
    for (const flow of facts.piiFlows) for (const item of flow.items) if (!item.needsModel) sent(flow.sink.vendorId, dataItem(facts, item));
  }
  // Personal data handed to the project's own helpers that send it on (cross-file), once every sink is known.
  for (const facts of files) {
    const project = input.project(facts.file);
    for (const call of facts.piiCalls) {
      const target = project.exportedFrom(call.specifier, call.exportName, facts.file);
      const summary = target?.facts.piiSummaries.find((s) => s.exportName === target.name);
      if (!summary) continue;
      for (const arg of call.args) {
        for (const param of summary.params.filter((p) => p.index === arg.index)) {
          for (const item of arg.items) if (!item.needsModel) sent(param.sink.vendorId, dataItem(facts, item));
        }
      }
    }
  }
  for (const vendor of vendors.values()) {
    vendor.sites.sort((a, b) => compareLocation(a, b) || compareText(a.label, b.label));
    vendor.consent = overall(vendor.sites.map((s) => s.consent.status));
  }

  // --- embeds
  const embeds = new Map<string, InventoryEmbed>();
  for (const facts of files) {
    const project = input.project(facts.file);
    for (const embed of facts.embeds) {
      let entry = embeds.get(embed.embedId);
      if (!entry) {
        entry = { id: embed.embedId, name: displayName(embed.embedName), consentCategory: embed.category, consent: 'not-gated', company: companyFor(embed.embedId), sites: [] };
        embeds.set(embed.embedId, entry);
      }
      const finding = findingFor('third-party-embed-without-consent', facts.file, embed.anchor ?? embed.span);
      entry.sites.push({ ...locate(facts, (embed.anchor ?? embed.span).start), form: embed.form, url: embed.url, consent: consentOf(facts, embed.gate, embed.category, project), ...(finding ? { finding } : {}) });
    }
  }
  for (const embed of embeds.values()) {
    embed.sites.sort((a, b) => compareLocation(a, b) || compareText(a.url, b.url));
    embed.consent = overall(embed.sites.map((s) => s.consent.status));
  }

  // --- forms (the forms model, with config declarations and cross-file schemas applied)
  const forms: InventoryForm[] = [];
  for (const facts of files) {
    for (const form of resolveForms(facts, input.config(facts.file), input.project(facts.file))) {
      const fields = form.fields
        .filter((f) => !f.hidden)
        .map((f) => ({
          name: f.name,
          ...(f.label ? { label: f.label } : {}),
          required: f.required,
          ...(f.classification ? { kind: f.classification.kind, category: f.classification.category } : {}),
        }));
      forms.push({
        ...locate(facts, form.span.start),
        id: form.id,
        ...(form.name ? { name: form.name } : {}),
        ...(form.component ? { component: form.component } : {}),
        kind: form.kind,
        ...(form.action ? { action: form.action } : {}),
        ...(form.purpose ? { purpose: { id: form.purpose.id, source: form.purpose.source, evidence: form.purpose.evidence, confidence: form.purpose.confidence } } : {}),
        categories: [...new Set(fields.flatMap((f) => (f.category ? [f.category] : [])))].sort(),
        fields,
      });
    }
  }
  forms.sort((a, b) => compareLocation(a, b) || compareText(a.id, b.id));

  // --- processors, and whether the deletion paths reach their erasure
  const processors = new Map<string, InventoryProcessor>();
  for (const facts of files) {
    const knowledge = input.knowledge(facts.file);
    const uses = [
      ...(facts.dataHandling?.processorUses ?? []).map((u) => ({ ...u, form: u.form as string })),
      ...formActionUses(facts, knowledge).map((u) => ({ ...u, form: 'form-action' })),
    ];
    for (const use of uses) {
      let entry = processors.get(use.processorId);
      if (!entry) {
        const catalogued = knowledge.processorById(use.processorId);
        entry = {
          id: use.processorId, name: use.processorName, roles: [...(catalogued?.roles ?? [])], company: companyFor(use.processorId), uses: [], personalData: [],
          erasure: { ...(catalogued?.erasure ? { api: { call: catalogued.erasure.call, source: catalogued.erasure.source } } : {}), reachedBy: [], missedBy: [] },
        };
        processors.set(use.processorId, entry);
      }
      entry.uses.push({ ...locate(facts, use.span.start), form: use.form, label: use.label });
    }
  }
  for (const facts of files) {
    const data = facts.dataHandling;
    const erasure = input.project(facts.file).erasure;
    if (!data || data.deletions.length === 0 || !erasure) continue;
    const knowledge = input.knowledge(facts.file);
    const inPackage = new Set(erasure.processorUses().map((u) => u.processorId));
    for (const deletion of data.deletions) {
      const fn = data.functions.find((f) => f.body.start === deletion.body.start);
      // A path that another deletion path calls is part of that one (as in erasure-not-propagated).
      if (fn && erasure.calledByDeletion(facts.file, deletion.body, fn.exportNames, fn.name)) continue;
      const reach = erasure.reach(facts.file, deletion.body, (id) => knowledge.processorById(id));
      if (reach.deletes === 0 && reach.calls.length === 0 && !deletion.soft) continue;
      const erased = new Set(reach.calls.filter((c) => c.erases).map((c) => c.processorId));
      const where = { ...locate(facts, deletion.span.start), name: deletion.name };
      for (const processor of processors.values()) {
        if (!inPackage.has(processor.id)) continue;
        (erased.has(processor.id) ? processor.erasure.reachedBy : processor.erasure.missedBy).push(where);
      }
    }
  }
  // Personal data goes to the tracker vendor of that id, else to the processor of that id.
  const sortedData = (items: InventoryDataItem[]) => {
    const seen = new Set<string>();
    return items
      .sort((a, b) => compareLocation(a.at, b.at) || compareText(a.kind, b.kind) || compareText(a.text, b.text))
      .filter((d) => {
        const key = `${d.kind}\0${d.at.file}\0${d.at.line}\0${d.at.column}\0${d.text}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  };
  for (const [id, items] of sentTo) {
    const vendor = vendors.get(id);
    const processor = processors.get(id);
    if (vendor) vendor.personalData = sortedData([...vendor.personalData, ...items]);
    else if (processor) processor.personalData = sortedData([...processor.personalData, ...items]);
  }
  for (const processor of processors.values()) {
    processor.uses.sort((a, b) => compareLocation(a, b) || compareText(a.label, b.label));
    processor.erasure.reachedBy.sort(compareLocation);
    processor.erasure.missedBy.sort(compareLocation);
  }

  // --- third-party data sources
  const dataSources = files.flatMap((facts) =>
    (facts.dataHandling?.dataSources ?? []).map((s) => ({ ...locate(facts, s.span.start), id: s.sourceId, name: s.sourceName, kind: s.kind, form: s.form, label: s.label })),
  ).sort((a, b) => compareLocation(a, b) || compareText(a.id, b.id));

  const byName = <T extends { name: string; id: string }>(list: Iterable<T>) => [...list].sort((a, b) => compareText(a.name.toLowerCase(), b.name.toLowerCase()) || compareText(a.id, b.id));
  const inventory: Inventory = {
    version: INVENTORY_VERSION,
    vendors: byName(vendors.values()),
    embeds: byName(embeds.values()),
    forms,
    processors: byName(processors.values()),
    dataSources,
  };
  if (input.notice) inventory.notice = noticeDrift(inventory, input.notice, files[0] ? input.knowledge(files[0].file) : undefined);
  return inventory;
}

/** Everything the code hands data to, by id, with its first location: trackers, embeds, processors. */
export function recipientsOf(inventory: Pick<Inventory, 'vendors' | 'embeds' | 'processors'>): { id: string; name: string; kind: string; at: InventoryLocation }[] {
  const out = new Map<string, { id: string; name: string; kind: string; at: InventoryLocation }>();
  const add = (id: string, name: string, kind: string, at: InventoryLocation | undefined) => {
    if (!at) return;
    const known = out.get(id);
    if (!known || compareLocation(at, known.at) < 0) out.set(id, { id, name: known?.name ?? name, kind: known?.kind ?? kind, at: { file: at.file, line: at.line, column: at.column } });
  };
  for (const v of inventory.vendors) add(v.id, v.name, v.kind === 'consent-tool' ? 'consent tool' : 'tracker', v.sites[0]);
  for (const e of inventory.embeds) add(e.id, e.name, 'embed', e.sites[0]);
  for (const p of inventory.processors) add(p.id, p.name, 'processor', p.uses[0]);
  return [...out.values()].sort((a, b) => compareText(a.name.toLowerCase(), b.name.toLowerCase()) || compareText(a.id, b.id));
}

/** Compares the code's recipients with the vendors a notice names. */
export function noticeDrift(inventory: Pick<Inventory, 'vendors' | 'embeds' | 'processors'>, notice: { file: string; label?: string; text?: string; error?: string }, knowledge?: Knowledge): NoticeDrift {
  const drift: NoticeDrift = { file: notice.file, ...(notice.label ? { label: notice.label } : {}), missing: [], named: [], unused: [] };
  if (notice.text === undefined) {
    drift.error = notice.error ?? 'cannot read the notice';
    return drift;
  }
  const text = noticeText(notice.file, notice.text);
  const recipients = recipientsOf(inventory);
  drift.recipients = recipients.length;
  const usedNames = new Set<string>();
  for (const r of recipients) {
    const names = namesOf(r.id, r.name);
    for (const n of [...names.strict, ...names.ambiguous]) usedNames.add(n.toLowerCase());
    const found = findName(text, names);
    if (found) drift.named.push({ id: r.id, name: r.name, matched: found.word });
    else drift.missing.push({ id: r.id, name: r.name, at: r.at, kind: r.kind, names: [...names.strict, ...names.ambiguous] });
  }
  // Catalogue vendors the notice names but the code does not use: strict names only, one entry per name.
  const used = new Set(recipients.map((r) => r.id));
  const candidates: { id: string; name: string }[] = [
    ...(knowledge?.vendors ?? []).map((v) => ({ id: v.id, name: v.name })),
    ...(knowledge?.catalogues ?? BUILTIN_CATALOGUES).embeds.embeds.map((e) => ({ id: e.id, name: e.name })),
    ...(knowledge?.processors ?? []).map((p) => ({ id: p.id, name: p.name })),
  ];
  const byWord = new Map<string, NoticeEntry>();
  for (const c of candidates.sort((a, b) => compareText(a.id, b.id))) {
    if (used.has(c.id)) continue;
    const names = namesOf(c.id, c.name);
    const found = findName(text, { strict: names.strict.filter((n) => !usedNames.has(n.toLowerCase())), ambiguous: [] });
    if (!found) continue;
    const key = found.word.toLowerCase();
    if (!byWord.has(key)) byWord.set(key, { id: c.id, name: displayName(c.name), matched: found.word });
  }
  // A word that is part of a used vendor's name as the notice writes it (`Google Tag Manager` vs `Tag Manager`) is not a second vendor.
  drift.unused = [...byWord.values()].filter((u) => !drift.named.some((n) => n.matched && n.matched.toLowerCase().includes(u.matched!.toLowerCase())));
  // A tag manager or customer-data platform loads vendors the code never mentions (found on a
  // Next.js shop whose notice names the eight tags its GTM container fires): no "unused" claim then.
  const loader = inventory.vendors.find((v) => v.kind === 'tag-manager' || v.kind === 'customer-data-platform');
  if (loader) for (const u of drift.unused) u.possiblyVia = loader.name;
  const sortEntries = (list: NoticeEntry[]) => list.sort((a, b) => compareText(a.name.toLowerCase(), b.name.toLowerCase()) || compareText(a.id, b.id));
  sortEntries(drift.missing);
  sortEntries(drift.named);
  sortEntries(drift.unused);
  return drift;
}

/**
 * The recipients of a set of files without the rest of the inventory (for the notice rule,
 * which runs on every analysis): tracker vendors, embeds and processors with their sites.
 */
export function codeRecipients(facts: readonly FileFacts[], knowledgeOf: (file: string) => Knowledge): Pick<Inventory, 'vendors' | 'embeds' | 'processors'> {
  const site = (f: FileFacts, span: Span) => ({ ...locate(f, span.start), form: '', label: '', consent: { status: 'not-gated' as const } });
  const vendors = new Map<string, InventoryVendor>();
  const embeds = new Map<string, InventoryEmbed>();
  const processors = new Map<string, InventoryProcessor>();
  for (const f of [...facts].sort((a, b) => compareText(a.file, b.file))) {
    const knowledge = knowledgeOf(f.file);
    for (const sink of f.sinks) {
      let v = vendors.get(sink.vendorId);
      if (!v) {
        v = { id: sink.vendorId, name: displayName(sink.vendorName), kind: knowledge.vendorById(sink.vendorId)?.kind ?? 'unknown', consentCategory: sink.category, consent: 'not-gated', company: UNKNOWN_COMPANY, sites: [], personalData: [] };
        vendors.set(sink.vendorId, v);
      }
      v.sites.push(site(f, sink.span));
    }
    for (const embed of f.embeds) {
      let e = embeds.get(embed.embedId);
      if (!e) {
        e = { id: embed.embedId, name: displayName(embed.embedName), consentCategory: embed.category, consent: 'not-gated', company: UNKNOWN_COMPANY, sites: [] };
        embeds.set(embed.embedId, e);
      }
      e.sites.push({ ...site(f, embed.span), url: embed.url });
    }
    const uses = [
      ...(f.dataHandling?.processorUses ?? []).map((u) => ({ ...u, form: u.form as string })),
      ...formActionUses(f, knowledge).map((u) => ({ ...u, form: 'form-action' })),
    ];
    for (const use of uses) {
      let p = processors.get(use.processorId);
      if (!p) {
        p = { id: use.processorId, name: use.processorName, roles: [], company: UNKNOWN_COMPANY, uses: [], personalData: [], erasure: { reachedBy: [], missedBy: [] } };
        processors.set(use.processorId, p);
      }
      p.uses.push({ ...locate(f, use.span.start), form: use.form, label: use.label });
    }
    for (const tool of f.consentTools ?? []) {
      const id = tool.apiId ?? `cmp-${tool.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
      let v = vendors.get(id);
      if (!v) {
        v = { id, name: displayName(tool.name), kind: 'consent-tool', consentCategory: 'necessary', consent: 'not-needed', company: UNKNOWN_COMPANY, sites: [], personalData: [] };
        vendors.set(id, v);
      }
      v.sites.push(site(f, tool.span));
    }
  }
  for (const v of vendors.values()) v.sites.sort(compareLocation);
  for (const e of embeds.values()) e.sites.sort(compareLocation);
  for (const p of processors.values()) p.uses.sort(compareLocation);
  return { vendors: [...vendors.values()], embeds: [...embeds.values()], processors: [...processors.values()] };
}
