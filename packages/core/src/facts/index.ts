/**
 * The per-file syntax pass: parse once, find sinks, search each sink's gate, and return
 * plain Facts that rules read. HTML files are handled by `html.ts`, which feeds inline
 * scripts through the same pass.
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import type { Knowledge } from '../knowledge';
import type { ConsentCategory, VendorEntry } from '../knowledge/types';
import type { ResolvedConfig } from '../config/types';
import { computeLineStarts } from '../text';
import { categoryFromName, ConsentMatcher, evidenceOf } from './consent';
import { GateFinder } from './gating';
import { ScopeResolver } from './scope';
import type { ConfigExport, ConfigImport } from './framework-config';
import { findSinks, type RawSink } from './trackers';
import { collectModuleFacts } from './modules';
import { exportedTrackerInstances } from './instances';
import { classifyDispatches } from './consent-events';
import { findInlineScripts } from './inline';
import { scriptEmbeds } from './embeds';
import { findCmpDefaults } from './cmp-defaults';
import { consentFormFacts } from './consent-forms';
import { createFormNodes, scriptForms } from './forms';
import { consentRecordFacts } from './consent-records';
import { DataHandlingCollector } from './data-handling';
import type { FileFacts, FileLanguage, GateResult, TrackerSink } from './types';
import { findPiiFlows, type FlowSink } from './flows';

export type { TrackerInstance, ConsentEventDispatch } from './types';
export type { FileFacts, ConsentRequirement, ConsentRecordFacts, ConsentWrite, SingleOptIn, ConsentFormFacts, PrecheckedValue, CheckboxComponent, ComponentUse, EmbedFact, CheckedBox, CmpDefaultOn, TrackerSink, GateResult, GuardEvidence, FileLanguage, Span, ImportedUse, Reexport } from './types';
export type { FormFact, FieldFact, SchemaFact, FormPurpose, FieldClassification, FieldOrigin } from './types';

/** What the syntax pass needs besides the text. */
export interface FactsContext {
  knowledge: Knowledge;
  config: ResolvedConfig;
  matcher: ConsentMatcher;
}

/** Builds the consent matcher for a configuration (cache it with the configuration). */
export function createConsentMatcher(knowledge: Knowledge, config: ResolvedConfig): ConsentMatcher {
  return new ConsentMatcher(knowledge.consentApis, config.consent);
}

/** The language of a file by extension, or undefined when the core does not analyse it. */
export function languageOf(file: string): FileLanguage | undefined {
  const match = /\.([a-z]+)$/i.exec(file);
  switch (match?.[1].toLowerCase()) {
    case 'ts': case 'mts': case 'cts': return 'ts';
    case 'tsx': return 'tsx';
    case 'js': case 'mjs': case 'cjs': return 'js';
    case 'jsx': return 'jsx';
    case 'html': case 'htm': return 'html';
    case 'css': return 'css';
    case 'vue': return 'vue';
    case 'svelte': return 'svelte';
    case 'astro': return 'astro';
    default: return undefined;
  }
}

/** Script kind for a language (JS files may contain JSX, as in most React projects). */
export function scriptKindOf(language: FileLanguage): ts.ScriptKind {
  switch (language) {
    case 'ts': return ts.ScriptKind.TS;
    case 'tsx': return ts.ScriptKind.TSX;
    case 'jsx': case 'js': return ts.ScriptKind.JSX;
    default: return ts.ScriptKind.Unknown;
  }
}

/** Runs the syntax pass over a parsed JS/TS source file. */
export function scriptFacts(file: string, language: FileLanguage, sourceFile: ts.SourceFile, hash: string, context: FactsContext): FileFacts {
  const text = sourceFile.text;
  const lineStarts = computeLineStarts(text);
  const consentDefaults: FileFacts['consentDefaults'] = [];
  const { sinks, imports, reexports, dependencies, embeds, checkedBoxes, cmpDefaults, consentForms, consentRecords, forms, schemas, dataHandling, piiFlows, piiSummaries, piiCalls, marketingTexts, consentTools, trackerInstances, consentEvents, configImports, configExports } = analyseModule(sourceFile, lineStarts, context, consentDefaults);
  const parseErrors = ((sourceFile as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? []).map((d) => ({
    span: { start: d.start, end: d.start + d.length },
    message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
  }));
  return { file, language, text, lineStarts, hash, sinks, consentDefaults, embeds, checkedBoxes, cmpDefaults, consentForms, consentRecords, imports, reexports, dependencies, parseErrors, forms, schemas, dataHandling, piiFlows, piiSummaries, piiCalls, marketingTexts, consentTools, trackerInstances, consentEvents, ...(configImports ? { configImports } : {}), ...(configExports ? { configExports } : {}) };
}

/** Sinks of one script with their gates; `lineStarts` of the text the offsets refer to. */
export function analyseScript(sourceFile: ts.SourceFile, lineStarts: number[], context: FactsContext, consentDefaults?: FileFacts['consentDefaults'], acceptHandlers?: ReadonlyMap<number, string>): TrackerSink[] {
  return analyseModule(sourceFile, lineStarts, context, consentDefaults, false, acceptHandlers).sinks;
}

/** Sinks with their gates, plus (for modules) imported uses and re-exports for the project pass. */
export function analyseModule(
  sourceFile: ts.SourceFile,
  lineStarts: number[],
  context: FactsContext,
  consentDefaults?: FileFacts['consentDefaults'],
  withModules = true,
  /** HTML inline handlers on accept controls, by the start of their masked `()=>{…}` (see html.ts). */
  acceptHandlers?: ReadonlyMap<number, string>,
): Pick<FileFacts, 'sinks' | 'imports' | 'reexports' | 'dependencies' | 'embeds' | 'checkedBoxes' | 'cmpDefaults' | 'consentForms' | 'consentRecords' | 'forms' | 'schemas' | 'dataHandling' | 'piiFlows' | 'piiSummaries' | 'piiCalls' | 'marketingTexts' | 'consentTools' | 'trackerInstances' | 'consentEvents' | 'configImports' | 'configExports'> {
  const scope = new ScopeResolver();
  const identifiers = new Map<string, ts.Identifier[]>();
  const embedElements: (ts.JsxSelfClosingElement | ts.JsxOpeningElement)[] = [];
  const optInVendors = new Set<string>();
  const strings: ts.Node[] = [];
  // One set of collected nodes feeds the form passes (consent in forms, consent records, the form model).
  const formNodes = withModules ? createFormNodes() : undefined;
  const collector = withModules ? new DataHandlingCollector(sourceFile, context.knowledge, scope) : undefined;
  const consentTools: NonNullable<FileFacts['consentTools']> = [];
  const dispatches: ts.CallExpression[] = [];
  const config = withModules ? { imports: [] as ConfigImport[], exports: [] as ConfigExport[] } : undefined;
  const raw = findSinks(sourceFile, context.knowledge, scope, (vendor) => effectiveCategory(vendor, context.config), consentDefaults, identifiers, embedElements, optInVendors, formNodes, collector, strings, consentTools, dispatches, config);
  let finder: GateFinder | undefined;
  const gates = () => (finder ??= new GateFinder(sourceFile, lineStarts, context.matcher, scope, context.knowledge, identifiers, acceptHandlers));
  const sinks = raw.map((sink) =>
    finish(sink, sink.configGate ?? (optInVendors.has(sink.vendorId) ? optInGate(sink) : sink.markupCategory !== undefined ? markupGate(sink, context.knowledge) : (sink.gateCondition && optionGate(sink, sink.gateCondition, context, scope, sourceFile)) || gates().find(sink.node, sink.category))),
  );
  // <Script id="ga">{`gtag('config', …)`}</Script>: the code inside, gated by its own checks or the element's.
  if (withModules) {
    for (const inline of findInlineScripts(sourceFile, context.knowledge, scope)) {
      const inner = ts.createSourceFile('inline.js', inline.masked, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
      for (const sink of analyseScript(inner, lineStarts, context, consentDefaults)) {
        if (sink.gate.gated) sinks.push(sink);
        else if (inline.markupCategory !== undefined) sinks.push({ ...sink, gate: markupGate({ ...sink, markupCategory: inline.markupCategory }, context.knowledge) });
        else {
          const outer = gates().find(inline.element, sink.category);
          sinks.push({ ...sink, statement: undefined, gate: { ...outer, seen: [...sink.gate.seen, ...outer.seen], trace: ['Inside an inline <Script> whose code has no consent check of its own.', ...outer.trace] } });
        }
      }
    }
    sinks.sort((a, b) => a.span.start - b.span.start);
  }
  const importedCalls: { call: ts.CallExpression; specifier: string; exportName: string }[] = [];
  const modules = withModules ? collectModuleFacts(sourceFile, scope, gates, (call, specifier, exportName) => importedCalls.push({ call, specifier, exportName }), identifiers) : { imports: [], reexports: [], dependencies: [] };
  // personal data in the arguments of the sinks found above (no walk of its own)
  const flowSinks: FlowSink[] = [];
  for (const sink of raw) {
    const vendor = context.knowledge.vendorById(sink.vendorId);
    if (vendor && (ts.isCallExpression(sink.node) || ts.isBinaryExpression(sink.node))) flowSinks.push({ node: sink.node, vendor, form: sink.form, label: sink.label, span: sink.span, host: sink.thirdParty?.host });
  }
  if (collector) flowSinks.push(...collector.flowSinks());
  // the form model first: its validation schemas own the values they parse (`Lead.parse(req.body).name`)
  const { forms, schemas } = formNodes ? scriptForms(sourceFile.fileName, sourceFile, formNodes, scope, context.knowledge) : { forms: [], schemas: [] };
  const { flows: piiFlows, summaries: piiSummaries, calls: piiCalls, marketingTexts } = withModules ? findPiiFlows(flowSinks, importedCalls, sourceFile, scope, context.knowledge, strings, collector?.writes, collector?.models, schemas, collector?.argUses) : { flows: [], summaries: [], calls: [], marketingTexts: [] };
  const { embeds, checked } = withModules ? scriptEmbeds(sourceFile, scope, gates, embedElements) : { embeds: [], checked: [] };
  const cmpDefaults = withModules ? findCmpDefaults(sourceFile, scope) : [];
  const consentForms = formNodes ? consentFormFacts(sourceFile, scope, formNodes, checked) : emptyConsentForms();
  const consentRecords = formNodes ? consentRecordFacts(sourceFile, scope, formNodes.writes, formNodes.cookieWrites) : { writes: [], singleOptIns: [] };
  const trackerInstances = withModules ? exportedTrackerInstances(sourceFile, scope) : [];
  const consentEvents = dispatches.length > 0 ? classifyDispatches(dispatches, sourceFile, scope, context.matcher, identifiers) : [];
  return { sinks, ...modules, trackerInstances, consentEvents, embeds, checkedBoxes: checked, cmpDefaults, consentForms, consentRecords, forms, schemas, dataHandling: collector?.finish(), piiFlows, piiSummaries, piiCalls, marketingTexts, consentTools, ...(config?.imports.length ? { configImports: config.imports } : {}), ...(config?.exports.length ? { configExports: config.exports } : {}) };
}

/** Form-consent facts of a file without forms (HTML, CSS). */
export function emptyConsentForms(): FileFacts['consentForms'] {
  return { prechecked: [], checkboxComponents: [], componentUses: [], requirements: [] };
}

/** Gate verdict for a call of a tracker the file switched into opt-in mode. */
function optInGate(sink: RawSink): GateResult {
  const evidence = { span: sink.span, text: 'opt-in mode (requireConsent)', grants: ['any' as const], form: 'callback' as const, confidence: 'high' as const, origin: sink.vendorId };
  return { gated: true, by: evidence, seen: [], trace: [`${sink.vendorName} runs in opt-in mode in this file: it holds every call until consent is given.`] };
}

/** `app.use(VueGtag, { enabled: hasConsent('analytics') })`: the option's consent check gates the install. */
function optionGate(sink: RawSink, condition: ts.Expression, context: FactsContext, scope: ScopeResolver, sourceFile: ts.SourceFile): GateResult | undefined {
  const proof = context.matcher.prove(condition, true, scope);
  if (proof.hits.length === 0) return undefined;
  const evidence = evidenceOf({ ...proof.hits[0], grants: [...proof.grants] }, 'option', sourceFile.text);
  if (proof.grants.has('any') || proof.grants.has(sink.category)) {
    return { gated: true, by: evidence, seen: [], trace: [`Started only when its option \`${evidence.text}\` is true (an install option, a consent check).`] };
  }
  return undefined;
}

function finish(sink: RawSink, gate: GateResult): TrackerSink {
  const { node: _node, markupCategory: _markup, gateCondition: _condition, configGate: _config, ...rest } = sink;
  return { ...rest, gate };
}

/** The vendor's category after `vendorCategories` remaps from config. */
export function effectiveCategory(vendor: VendorEntry, config: ResolvedConfig): ConsentCategory {
  return config.vendorCategories[vendor.id] ?? vendor.category;
}

/** Gate verdict for an element blocked by CMP markup (`type="text/plain" data-cookieconsent="…"`). */
export function markupGate(sink: { category: ConsentCategory; span: { start: number; end: number }; markupCategory?: string }, knowledge: Knowledge): GateResult {
  const value = sink.markupCategory ?? 'any';
  let granted: ConsentCategory | 'any' | undefined = value === 'any' ? 'any' : undefined;
  if (!granted) {
    for (const api of knowledge.consentApis) {
      granted = categoryFromName(value, api.categoryMap);
      if (granted) break;
    }
    granted ??= categoryFromName(value);
  }
  const evidence = { span: sink.span, text: value === 'any' ? 'CMP blocking markup' : `CMP blocking markup for "${value}"`, grants: [granted ?? 'any'], form: 'markup' as const, confidence: 'high' as const, origin: 'markup' };
  if (!granted || granted === 'any' || granted === sink.category) {
    return { gated: true, by: evidence, seen: [], trace: [`Blocked by the consent tool until consent (${evidence.text}).`] };
  }
  return {
    gated: false,
    seen: [evidence],
    trace: [`The element is blocked by the consent tool for "${value}" (${granted}) consent, but this tracker needs ${sink.category} consent.`],
  };
}
