/**
 * The knowledge catalogues (tracker vendors, consent APIs) merged with a team's config
 * extensions, validated, and indexed for the syntax pass. Build once per configuration;
 * the built-in catalogue without extensions is shared.
 */
import type {
  ConsentApiEntry,
  ConsentCallbackShape,
  ConsentCategory,
  ConsentCheckShape,
  ConsentMarkupShape,
  GlobalShape,
  ImportShape,
  VendorEntry,
} from './types';
import builtinVendors from './vendors.json';
import builtinConsentApis from './consent-apis.json';
import { mergeCatalogues, CatalogueError, type Catalogues } from './catalogues';
// These register the checks their catalogues' extensions must pass (before any merge runs).
import './special-categories';
import './vendor-companies';
import { buildPersonalDataVocabulary, type PersonalDataEntry, type PersonalDataVocabulary } from './personal-data';
import { buildProcessorKnowledge, type ProcessorExtensions, type ProcessorKnowledge } from './processors';
import { classifyHost, entityVendorId, THIRD_PARTY_WEB_VERSION, TPW_MAPPING, type HostVerdict, type UrlForm } from './third-party-web';

const TPW_LINKS = TPW_MAPPING.entities;

export type * from './types';
export type { PersonalDataCategory, PersonalDataEntry, PersonalDataVocabulary } from './personal-data';
export { THIRD_PARTY_WEB_VERSION, classifyHost } from './third-party-web';
export type { UrlForm, HostVerdict } from './third-party-web';
export { CONTRACT_ROLES, PROCESSOR_ROLES, DATA_SOURCE_KINDS, endpointMatches, packageOf, type DataSourceMatch, type ProcessorKnowledge } from './processors';

/** Config extensions, as found in `creepyline.json` (`vendors`, `consentApis`, `vendorCategories`, `processors`, `dataSources`). */
export interface KnowledgeExtensions extends ProcessorExtensions {
  vendors?: Partial<VendorEntry>[];
  consentApis?: Partial<ConsentApiEntry>[];
  vendorCategories?: Record<string, ConsentCategory>;
  /** Extra personal-data vocabulary entries (`personalData` in creepyline.json). */
  personalData?: Partial<PersonalDataEntry>[];
  /** Extensions of the specialist catalogues (`knowledge` in creepyline.json), one per configuration layer. */
  knowledge?: Record<string, unknown>[];
}

/** A malformed catalogue or config entry. `field` is the key path (`vendors[2].scriptHosts[0]`). */
export class KnowledgeError extends Error {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'KnowledgeError';
  }
}

/** One parsed `host[/path]` pattern. */
interface HostPattern<T = VendorEntry> {
  vendor: T;
  /** Path segments; `*` matches one segment; a trailing `''` means "anything below". */
  segments: string[];
}

/** The merged catalogues plus the lookups the analysis needs on the hot path. */
export interface Knowledge extends ProcessorKnowledge {
  vendors: readonly VendorEntry[];
  consentApis: readonly ConsentApiEntry[];
  /** Full dotted callee (`mixpanel.people.set`, `gtag`) → the shapes that use it. */
  globalCallees: ReadonlyMap<string, readonly { vendor: VendorEntry; shape: GlobalShape }[]>;
  /** First segment of every global callee (`gtag`, `mixpanel`, `_paq`): a cheap pre-filter. */
  globalRoots: ReadonlySet<string>;
  /** Exact module specifier → import shapes. */
  importsByModule: ReadonlyMap<string, readonly { vendor: VendorEntry; shape: ImportShape }[]>;
  /** The vendor whose loader script this URL is (`https://www.googletagmanager.com/gtag/js?id=G-1`). */
  matchScriptUrl(url: string): VendorEntry | undefined;
  /** The vendor whose pixel / beacon endpoint this URL is (`https://www.facebook.com/tr?id=1`). */
  matchPixelUrl(url: string): VendorEntry | undefined;
  /** The vendor whose server-side tracking endpoint this URL is (`https://graph.facebook.com/v19.0/123/events`). */
  matchServerEndpoint(url: string): VendorEntry | undefined;
  /** Callee paths of HTTP clients whose first argument is the request URL (`fetch`, `axios.post`). */
  httpClients: ReadonlySet<string>;
  /** Check path (`Cookiebot.consent`, `CookieConsent.acceptedCategory`) → checks. */
  consentChecks: ReadonlyMap<string, readonly { api: ConsentApiEntry; check: ConsentCheckShape }[]>;
  /** `${kind}:${name}` (`function:OptanonWrapper`, `option:CookieConsent.run`) → callbacks. */
  consentCallbacks: ReadonlyMap<string, readonly { api: ConsentApiEntry; callback: ConsentCallbackShape }[]>;
  /** Attribute name (lower case) → markup shapes. */
  consentMarkup: ReadonlyMap<string, readonly { api: ConsentApiEntry; markup: ConsentMarkupShape }[]>;
  /** Lower-case attribute names that CMPs use to block elements (`data-cookieconsent`, `class`, …). */
  consentMarkupAttributes: ReadonlySet<string>;
  /** Hook name (`useConsentManager`) → hooks with their module and check method. */
  consentHooks: ReadonlyMap<string, readonly { api: ConsentApiEntry; hook: NonNullable<ConsentApiEntry['hooks']>[number] }[]>;
  /** A CMP's category name (`statistics`, `C0004`) in our terms; exact match first, then case-insensitive. */
  mapCategory(apiId: string, name: string): ConsentCategory | undefined;
  vendorById(id: string): VendorEntry | undefined;
  consentApiById(id: string): ConsentApiEntry | undefined;
  /**
   * The consent tool whose loader this URL is: a catalogue consent API by its `loaderHosts`, else a
   * consent-provider entity of the third-party-web dataset (name only).
   */
  consentToolByUrl(url: string): { name: string; api?: ConsentApiEntry } | undefined;
  /**
   * A URL the catalogue's own patterns did not claim, classified by the third-party-web dataset:
   * the vendor to report (the catalogue vendor linked to the entity, else one made from the entity),
   * or undefined when the host is unknown, first-party, not tracking (cdn, hosting, utility, …), or
   * not tracking in this form (a social network's image). Video iframes are left to the embed pass.
   */
  matchThirdParty(url: string, form: UrlForm): ThirdPartyMatch | undefined;
  /** The personal-data vocabulary (EN + DE) the classifier in `facts/personal-data.ts` reads. */
  personalData: PersonalDataVocabulary;
  /** The specialist catalogues with the team's `knowledge` extensions; the analysis runs with them active (`withCatalogues`). */
  catalogues: Catalogues;
}

/** A URL classified by the third-party-web dataset. */
export interface ThirdPartyMatch {
  vendor: VendorEntry;
  verdict: HostVerdict;
  /** The URL's host (lower case, without `www.`). */
  host: string;
  /** Medium when the mapping says so, or for HTTP requests whose endpoint may be an API rather than a beacon. */
  confidence: 'high' | 'medium';
}

const CATEGORIES: readonly ConsentCategory[] = ['necessary', 'functionality', 'experience', 'measurement', 'marketing'];
const KINDS: readonly VendorEntry['kind'][] = [
  'analytics', 'advertising', 'tag-manager', 'session-replay', 'chat', 'crm', 'email-marketing', 'ab-testing', 'customer-data-platform', 'attribution', 'social', 'video',
];
const IMPORT_AS: readonly ImportShape['as'][] = ['object', 'call', 'component', 'class', 'plugin'];
const CALLBACK_KINDS: readonly ConsentCallbackShape['kind'][] = ['function', 'event', 'callArg', 'option', 'jsxProp', 'assignedOption'];
const CHECK_CATEGORIES = [...CATEGORIES, 'fromArg', 'fromProperty', 'any'];
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const IDENT = /^[A-Za-z_$][\w$]*$/;
/** Extensions without a source are attributed to the workspace configuration. */
const CONFIG_SOURCE = 'workspace configuration (creepyline.json)';

/** The shipped catalogues; their shape is checked by the same validation as config entries. */
const BUILTIN_VENDORS = builtinVendors as unknown as VendorEntry[];
const BUILTIN_CONSENT_APIS = builtinConsentApis as unknown as ConsentApiEntry[];

let shared: Knowledge | undefined;

/**
 * Merge the built-in catalogues with config extensions, validate, and index them.
 * An extension whose `id` exists patches that entry (given fields replace the built-in ones,
 * arrays included); a new id adds an entry. `vendorCategories` remaps vendor categories.
 * Throws {@link KnowledgeError} naming the entry and field of the first malformed entry.
 * Without extensions the result is memoised and shared.
 */
export function buildKnowledge(extra?: KnowledgeExtensions): Knowledge {
  const empty =
    !extra ||
    ((extra.vendors?.length ?? 0) === 0 &&
      (extra.consentApis?.length ?? 0) === 0 &&
      Object.keys(extra.vendorCategories ?? {}).length === 0 &&
      (extra.processors?.length ?? 0) === 0 &&
      (extra.dataSources?.length ?? 0) === 0 &&
      (extra.personalData?.length ?? 0) === 0 &&
      (extra.knowledge ?? []).every((layer) => Object.keys(layer).length === 0));
  if (empty) {
    shared ??= build(BUILTIN_VENDORS, BUILTIN_CONSENT_APIS, {});
    return shared;
  }
  const vendors = mergeById(BUILTIN_VENDORS, extra.vendors ?? [], 'vendors', completeVendor);
  const apis = mergeById(BUILTIN_CONSENT_APIS, extra.consentApis ?? [], 'consentApis', completeConsentApi);
  return build(vendors, apis, extra.vendorCategories ?? {}, extra);
}

function build(vendors: VendorEntry[], apis: ConsentApiEntry[], remap: Record<string, ConsentCategory>, extra?: ProcessorExtensions & { personalData?: unknown[]; knowledge?: Record<string, unknown>[] }): Knowledge {
  let catalogues: Catalogues;
  try {
    catalogues = mergeCatalogues(extra?.knowledge);
  } catch (error) {
    if (error instanceof CatalogueError) throw new KnowledgeError(error.field, error.message.slice(error.field.length + 2));
    throw error;
  }
  let vocabulary: PersonalDataVocabulary;
  try {
    vocabulary = buildPersonalDataVocabulary(extra?.personalData ?? []);
  } catch (error) {
    const field = (error as { field?: string }).field ?? 'personalData';
    throw new KnowledgeError(field, (error as Error).message.slice(field.length + 2));
  }
  const processorKnowledge = buildProcessorKnowledge(extra, (field, detail) => {
    throw new KnowledgeError(field, detail);
  });
  vendors.forEach((v, i) => validateVendor(v, `vendors[${i}]`));
  apis.forEach((a, i) => validateConsentApi(a, `consentApis[${i}]`));
  checkUniqueIds(vendors, 'vendors');
  checkUniqueIds(apis, 'consentApis');

  const byId = new Map(vendors.map((v) => [v.id, v]));
  for (const [id, category] of Object.entries(remap)) {
    const field = `vendorCategories.${id}`;
    const vendor = byId.get(id);
    if (!vendor) throw new KnowledgeError(field, `unknown vendor id "${id}"`);
    if (!CATEGORIES.includes(category)) throw new KnowledgeError(field, `must be one of ${CATEGORIES.join(', ')}, got ${JSON.stringify(category)}`);
    const patched = { ...vendor, category };
    byId.set(id, patched);
    vendors[vendors.indexOf(vendor)] = patched;
  }

  const globalCallees = new Map<string, { vendor: VendorEntry; shape: GlobalShape }[]>();
  const globalRoots = new Set<string>();
  const importsByModule = new Map<string, { vendor: VendorEntry; shape: ImportShape }[]>();
  const scriptHosts = new Map<string, HostPattern[]>();
  const pixelHosts = new Map<string, HostPattern[]>();
  const serverEndpoints = new Map<string, HostPattern[]>();
  for (const vendor of vendors) {
    for (const shape of vendor.globals) {
      push(globalCallees, shape.callee, { vendor, shape });
      globalRoots.add(shape.callee.split('.')[0]!);
    }
    for (const shape of vendor.imports) push(importsByModule, shape.module, { vendor, shape });
    for (const pattern of vendor.scriptHosts) addHostPattern(scriptHosts, pattern, vendor);
    for (const pattern of vendor.pixelHosts ?? []) addHostPattern(pixelHosts, pattern, vendor);
    for (const pattern of vendor.serverEndpoints ?? []) addHostPattern(serverEndpoints, pattern, vendor);
  }

  const consentChecks = new Map<string, { api: ConsentApiEntry; check: ConsentCheckShape }[]>();
  const consentCallbacks = new Map<string, { api: ConsentApiEntry; callback: ConsentCallbackShape }[]>();
  const consentMarkup = new Map<string, { api: ConsentApiEntry; markup: ConsentMarkupShape }[]>();
  const consentHooks = new Map<string, { api: ConsentApiEntry; hook: NonNullable<ConsentApiEntry['hooks']>[number] }[]>();
  const apiById = new Map<string, ConsentApiEntry>();
  const lowerMaps = new Map<string, Map<string, ConsentCategory>>();
  const loaderHosts = new Map<string, HostPattern<ConsentApiEntry>[]>();
  for (const api of apis) {
    for (const pattern of api.loaderHosts ?? []) addHostPattern(loaderHosts, pattern, api);
    apiById.set(api.id, api);
    lowerMaps.set(api.id, new Map(Object.entries(api.categoryMap).map(([k, v]) => [k.toLowerCase(), v])));
    for (const check of api.checks) push(consentChecks, check.path, { api, check });
    for (const callback of api.callbacks) push(consentCallbacks, `${callback.kind}:${callback.name}`, { api, callback });
    for (const markup of api.markup) push(consentMarkup, markup.attribute.toLowerCase(), { api, markup });
    for (const hook of api.hooks ?? []) push(consentHooks, hook.name, { api, hook });
  }

  // third-party-web entity → the catalogue vendor that speaks for it (mapping first, then vendors.json)
  // An entity several catalogue vendors share (Google/Doubleclick Ads: Google Ads, Publisher Tag, AdSense) or whose
  // hosts serve more than the vendor (Facebook: the pixel and the social plugins) speaks for itself, unless the
  // mapping names the vendor.
  const linked = new Map<string, VendorEntry>();
  const shared = new Set<string>();
  for (const vendor of vendors) {
    if (!vendor.thirdPartyWeb) continue;
    if (linked.has(vendor.thirdPartyWeb)) shared.add(vendor.thirdPartyWeb);
    else linked.set(vendor.thirdPartyWeb, vendor);
  }
  for (const entity of shared) linked.delete(entity);
  for (const [entity, decision] of Object.entries(TPW_LINKS)) {
    const vendor = decision.vendor ? byId.get(decision.vendor) : undefined;
    if (vendor) linked.set(entity, vendor);
    else if (decision.catalogueFallback === false) linked.delete(entity);
  }
  const synthetic = new Map<string, VendorEntry>();

  return {
    ...processorKnowledge,
    vendors,
    consentApis: apis,
    globalCallees,
    globalRoots,
    importsByModule,
    matchScriptUrl: (url) => matchUrl(scriptHosts, url),
    matchPixelUrl: (url) => matchUrl(pixelHosts, url),
    matchServerEndpoint: (url) => matchUrl(serverEndpoints, url),
    httpClients: new Set(catalogues.httpClients.clients),
    consentChecks,
    consentCallbacks,
    consentMarkup,
    consentMarkupAttributes: new Set(consentMarkup.keys()),
    consentHooks,
    mapCategory(apiId, name) {
      const api = apiById.get(apiId);
      if (!api) return undefined;
      return Object.hasOwn(api.categoryMap, name) ? api.categoryMap[name] : lowerMaps.get(apiId)!.get(name.toLowerCase());
    },
    vendorById: (id) => byId.get(id),
    consentApiById: (id) => apiById.get(id),
    consentToolByUrl(url) {
      const api = matchUrl(loaderHosts, url);
      if (api) return { name: api.name, api };
      const parsed = splitUrl(url);
      const verdict = parsed && classifyHost(parsed.host);
      if (!verdict?.consentTool) return undefined;
      const linked = apis.find((a) => a.thirdPartyWeb === verdict.entity.name);
      return { name: linked?.name ?? verdict.entity.name, api: linked };
    },
    matchThirdParty: (url, form) => matchThirdParty(url, form, linked, synthetic),
    personalData: vocabulary,
    catalogues,
  };
}

/** The classification of one URL by the dataset, or undefined (see `Knowledge.matchThirdParty`). */
function matchThirdParty(url: string, form: UrlForm, linked: Map<string, VendorEntry>, synthetic: Map<string, VendorEntry>): ThirdPartyMatch | undefined {
  const parsed = splitUrl(url);
  if (!parsed) return undefined;
  const verdict = classifyHost(parsed.host);
  if (!verdict || verdict.purpose === null || !verdict.forms.includes(form)) return undefined;
  if (verdict.embed && form === 'iframe') return undefined;
  // A request to a catalogued vendor's host that its pixel and server endpoints did not match is an API
  // call (Plausible's Stats API, a CRM's REST API), not a beacon: the catalogue knows where it collects.
  if (form === 'request' && linked.has(verdict.entity.name)) return undefined;
  const vendor = linked.get(verdict.entity.name) ?? syntheticVendor(verdict, synthetic);
  // A script, pixel or frame is loaded to run or to send; a request may as well be an API call.
  const confidence = form === 'request' || verdict.embed ? 'medium' : linked.has(verdict.entity.name) ? 'high' : verdict.confidence;
  return { vendor, verdict, host: parsed.host, confidence };
}

/** A vendor entry for an entity the catalogue does not know, made once per entity and knowledge. */
function syntheticVendor(verdict: HostVerdict, cache: Map<string, VendorEntry>): VendorEntry {
  const name = verdict.entity.name;
  let vendor = cache.get(name);
  if (!vendor) {
    vendor = {
      id: entityVendorId(name),
      name,
      category: verdict.purpose!,
      kind: verdict.kind,
      globals: [],
      imports: [],
      scriptHosts: [],
      company: verdict.entity.company ?? name,
      thirdPartyWeb: name,
      origin: { dataset: 'third-party-web', version: THIRD_PARTY_WEB_VERSION, entity: name, category: verdict.entity.category, confidence: verdict.confidence, reason: verdict.reason },
      source: [`third-party-web ${THIRD_PARTY_WEB_VERSION} (npm, MIT): entity "${name}", category ${verdict.entity.category}; mapping: knowledge/third-party-web-mapping.json`],
    };
    cache.set(name, vendor);
  }
  return vendor;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// ---------------------------------------------------------------------------------------------
// Merging config extensions

function mergeById<T extends { id: string }>(
  builtins: T[],
  extensions: Partial<T>[],
  section: string,
  complete: (entry: Partial<T>, field: string) => T,
): T[] {
  const merged = [...builtins];
  const index = new Map(merged.map((e, i) => [e.id, i]));
  extensions.forEach((ext, i) => {
    const field = `${section}[${i}]`;
    if (!isObject(ext)) throw new KnowledgeError(field, 'must be an object');
    if (typeof ext.id !== 'string' || !KEBAB.test(ext.id)) {
      throw new KnowledgeError(`${field}.id`, `must be a kebab-case id (e.g. "acme-pixel"), got ${JSON.stringify(ext.id)}`);
    }
    const at = index.get(ext.id);
    if (at !== undefined) {
      const patched = { ...merged[at]!, ...stripUndefined(ext) } as T;
      validateAt(patched, section, i);
      merged[at] = patched;
    } else {
      const entry = complete(ext, field);
      index.set(entry.id, merged.length);
      merged.push(entry);
    }
  });
  return merged;
}

/** Re-validate a patched entry under the extension's own key path, so errors name the config entry. */
function validateAt(entry: unknown, section: string, i: number): void {
  if (section === 'vendors') validateVendor(entry as VendorEntry, `${section}[${i}]`);
  else validateConsentApi(entry as ConsentApiEntry, `${section}[${i}]`);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function completeVendor(ext: Partial<VendorEntry>, field: string): VendorEntry {
  const entry = {
    globals: [],
    imports: [],
    scriptHosts: [],
    kind: ext.category === 'marketing' ? 'advertising' : 'analytics',
    source: [CONFIG_SOURCE],
    ...stripUndefined(ext),
  } as VendorEntry;
  validateVendor(entry, field);
  return entry;
}

function completeConsentApi(ext: Partial<ConsentApiEntry>, field: string): ConsentApiEntry {
  const entry = {
    packages: [],
    checks: [],
    callbacks: [],
    markup: [],
    categoryMap: {},
    source: [CONFIG_SOURCE],
    ...stripUndefined(ext),
  } as ConsentApiEntry;
  validateConsentApi(entry, field);
  return entry;
}

// ---------------------------------------------------------------------------------------------
// Validation: every message names the key path and what was expected.

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(field: string, expected: string, got: unknown): never {
  throw new KnowledgeError(field, `${expected}, got ${JSON.stringify(got) ?? String(got)}`);
}

function str(v: unknown, field: string): string {
  if (typeof v !== 'string' || v.trim() === '') fail(field, 'must be a non-empty string', v);
  return v;
}

function strArray(v: unknown, field: string, each?: (s: string, f: string) => void): string[] {
  if (!Array.isArray(v)) fail(field, 'must be an array of strings', v);
  v.forEach((s, i) => {
    str(s, `${field}[${i}]`);
    each?.(s, `${field}[${i}]`);
  });
  return v;
}

function oneOf<T>(v: unknown, allowed: readonly T[], field: string): T {
  if (!allowed.includes(v as T)) fail(field, `must be one of ${allowed.join(', ')}`, v);
  return v as T;
}

function optionalBool(v: unknown, field: string): void {
  if (v !== undefined && typeof v !== 'boolean') fail(field, 'must be true or false', v);
}

function dottedPath(s: string, field: string, allowCalls: boolean): void {
  const ok = s.split('.').every((seg) => IDENT.test(allowCalls && seg.endsWith('()') ? seg.slice(0, -2) : seg));
  if (!ok) fail(field, `must be a dotted identifier path${allowCalls ? ' (segments may end in "()")' : ''} such as "mixpanel.track"`, s);
}

/** `host[/path]`, no protocol, no query: `www.googletagmanager.com/gtag/js`, `connect.facebook.net/*\/fbevents.js`. */
export function isHostPattern(s: string): boolean {
  if (/[\s?#:@\\]/.test(s) || s.startsWith('/')) return false;
  const host = s.split('/')[0]!;
  const labels = host.split('.');
  return labels.length >= 2 && labels.every((l) => /^[a-z0-9-]+$/.test(l) && !l.startsWith('-') && !l.endsWith('-'));
}

function validateVendor(v: VendorEntry, field: string): void {
  if (!isObject(v)) fail(field, 'must be an object', v);
  const id = str(v.id, `${field}.id`);
  if (!KEBAB.test(id)) fail(`${field}.id`, 'must be kebab-case', id);
  const at = `${field} (id "${id}")`;
  str(v.name, `${at}.name`);
  oneOf(v.category, CATEGORIES, `${at}.category`);
  oneOf(v.kind, KINDS, `${at}.kind`);
  if (!Array.isArray(v.globals)) fail(`${at}.globals`, 'must be an array', v.globals);
  v.globals.forEach((g, i) => {
    const f = `${at}.globals[${i}]`;
    if (!isObject(g)) fail(f, 'must be an object with "callee"', g);
    dottedPath(str(g.callee, `${f}.callee`), `${f}.callee`, false);
    if (/^(window|globalThis|self)\./.test(g.callee)) fail(`${f}.callee`, 'must not start with window./globalThis./self.', g.callee);
    for (const key of ['firstArgIn', 'firstArgNotIn', 'firstArgHeadNotIn'] as const) {
      if (g[key] !== undefined) strArray(g[key], `${f}.${key}`);
    }
    if (g.argMatch !== undefined) {
      if (!isObject(g.argMatch) || typeof g.argMatch.index !== 'number') fail(`${f}.argMatch`, 'must be an object with a numeric "index"', g.argMatch);
      if (g.argMatch.equals !== undefined) strArray(g.argMatch.equals, `${f}.argMatch.equals`);
      if (g.argMatch.startsWith !== undefined) strArray(g.argMatch.startsWith, `${f}.argMatch.startsWith`);
    }
  });
  if (!Array.isArray(v.imports)) fail(`${at}.imports`, 'must be an array', v.imports);
  v.imports.forEach((s, i) => {
    const f = `${at}.imports[${i}]`;
    if (!isObject(s)) fail(f, 'must be an object with "module", "export", "as"', s);
    const mod = str(s.module, `${f}.module`);
    if (/\s/.test(mod) || mod.startsWith('.') || mod.startsWith('/')) fail(`${f}.module`, 'must be a bare npm module specifier', mod);
    const exp = str(s.export, `${f}.export`);
    if (exp !== 'default' && exp !== '*' && !IDENT.test(exp)) fail(`${f}.export`, 'must be "default", "*" or an identifier', exp);
    oneOf(s.as, IMPORT_AS, `${f}.as`);
    if (s.methods !== undefined) strArray(s.methods, `${f}.methods`, (m, mf) => dottedPath(m, mf, false));
    if (s.instanceMethods !== undefined) strArray(s.instanceMethods, `${f}.instanceMethods`, (m, mf) => dottedPath(m, mf, false));
    if (s.instanceMethods !== undefined && s.as !== 'class') fail(`${f}.instanceMethods`, 'is only meaningful with as "class"', s.instanceMethods);
    if (s.unlessProp !== undefined && (s.as !== 'component' || !IDENT.test(str(s.unlessProp, `${f}.unlessProp`)))) fail(`${f}.unlessProp`, 'must be a prop name, with as "component"', s.unlessProp);
    if (s.methods !== undefined && (s.as === 'call' || s.as === 'component')) fail(`${f}.methods`, `is only meaningful with as "object" or "class"`, s.methods);
    optionalBool(s.server, `${f}.server`);
    if (s.offWhen !== undefined) {
      if (!Array.isArray(s.offWhen)) fail(`${f}.offWhen`, 'must be an array of { "option", "equals" }', s.offWhen);
      s.offWhen.forEach((o, j) => {
        if (!isObject(o)) fail(`${f}.offWhen[${j}]`, 'must be an object with "option" and "equals"', o);
        str(o.option, `${f}.offWhen[${j}].option`);
        if (!Array.isArray(o.equals) || o.equals.some((e) => typeof e !== 'string' && typeof e !== 'boolean')) fail(`${f}.offWhen[${j}].equals`, 'must be an array of strings or booleans', o.equals);
      });
      if (s.as !== 'call' && s.as !== 'plugin') fail(`${f}.offWhen`, 'is only meaningful with as "call" or "plugin"', s.offWhen);
    }
  });
  const hostCheck = (s: string, f: string) => {
    if (!isHostPattern(s)) fail(f, 'must be host[/path] without protocol or query (e.g. "www.googletagmanager.com/gtag/js")', s);
  };
  strArray(v.scriptHosts, `${at}.scriptHosts`, hostCheck);
  if (v.pixelHosts !== undefined) strArray(v.pixelHosts, `${at}.pixelHosts`, hostCheck);
  if (v.serverEndpoints !== undefined) strArray(v.serverEndpoints, `${at}.serverEndpoints`, hostCheck);
  if (v.exemption !== undefined) {
    if (!isObject(v.exemption)) fail(`${at}.exemption`, 'must be an object with "note" and "source"', v.exemption);
    str(v.exemption.note, `${at}.exemption.note`);
    str(v.exemption.source, `${at}.exemption.source`);
    if (v.exemption.jurisdictions !== undefined) strArray(v.exemption.jurisdictions, `${at}.exemption.jurisdictions`);
  }
  optionalBool(v.consentMode, `${at}.consentMode`);
  if (v.optInOption !== undefined) {
    if (!isObject(v.optInOption)) fail(`${at}.optInOption`, 'must be an object with "method", "property", "value" and "source"', v.optInOption);
    str(v.optInOption.method, `${at}.optInOption.method`);
    str(v.optInOption.property, `${at}.optInOption.property`);
    if (typeof v.optInOption.value !== 'boolean' && typeof v.optInOption.value !== 'string') fail(`${at}.optInOption.value`, 'must be a boolean or a string', v.optInOption.value);
    str(v.optInOption.source, `${at}.optInOption.source`);
  }
  if (v.optInMode !== undefined) {
    if (!isObject(v.optInMode)) fail(`${at}.optInMode`, 'must be an object with "callee", "firstArgHeadIn" and "source"', v.optInMode);
    str(v.optInMode.callee, `${at}.optInMode.callee`);
    strArray(v.optInMode.firstArgHeadIn, `${at}.optInMode.firstArgHeadIn`);
    str(v.optInMode.source, `${at}.optInMode.source`);
  }
  strArray(v.source, `${at}.source`);
  if (v.source.length === 0) fail(`${at}.source`, 'must name at least one source', v.source);
  if (v.verified !== undefined) {
    if (!isObject(v.verified)) fail(`${at}.verified`, 'must be an object with "how", "checked" and "note"', v.verified);
    if (v.verified.how !== 'public-code' && v.verified.how !== 'unverified') fail(`${at}.verified.how`, 'must be "public-code" or "unverified"', v.verified.how);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(str(v.verified.checked, `${at}.verified.checked`))) fail(`${at}.verified.checked`, 'must be the date of the check, YYYY-MM-DD', v.verified.checked);
    str(v.verified.note, `${at}.verified.note`);
  }
  if (v.thirdPartyWeb !== undefined) str(v.thirdPartyWeb, `${at}.thirdPartyWeb`);
  if (v.thirdPartyWebNone !== undefined) str(v.thirdPartyWebNone, `${at}.thirdPartyWebNone`);
  if (v.company !== undefined) str(v.company, `${at}.company`);
}

function validateConsentApi(a: ConsentApiEntry, field: string): void {
  if (!isObject(a)) fail(field, 'must be an object', a);
  const id = str(a.id, `${field}.id`);
  if (!KEBAB.test(id)) fail(`${field}.id`, 'must be kebab-case', id);
  const at = `${field} (id "${id}")`;
  str(a.name, `${at}.name`);
  strArray(a.packages, `${at}.packages`);
  if (!Array.isArray(a.checks)) fail(`${at}.checks`, 'must be an array', a.checks);
  a.checks.forEach((c, i) => {
    const f = `${at}.checks[${i}]`;
    if (!isObject(c)) fail(f, 'must be an object with "path" and "category"', c);
    dottedPath(str(c.path, `${f}.path`), `${f}.path`, true);
    optionalBool(c.call, `${f}.call`);
    optionalBool(c.contains, `${f}.contains`);
    oneOf(c.category, CHECK_CATEGORIES, `${f}.category`);
    if (c.category === 'fromArg' && !c.call && !c.contains) fail(`${f}.category`, '"fromArg" needs call or contains', c.category);
    if (c.module !== undefined) str(c.module, `${f}.module`);
  });
  if (a.hooks !== undefined) {
    if (!Array.isArray(a.hooks)) fail(`${at}.hooks`, 'must be an array', a.hooks);
    a.hooks.forEach((h, i) => {
      const f = `${at}.hooks[${i}]`;
      if (!isObject(h)) fail(f, 'must be an object with "name"', h);
      if (!IDENT.test(str(h.name, `${f}.name`))) fail(`${f}.name`, 'must be an identifier', h.name);
      if (h.module !== undefined) str(h.module, `${f}.module`);
      if (h.checkMethod !== undefined && !IDENT.test(str(h.checkMethod, `${f}.checkMethod`))) fail(`${f}.checkMethod`, 'must be an identifier', h.checkMethod);
    });
  }
  if (!Array.isArray(a.callbacks)) fail(`${at}.callbacks`, 'must be an array', a.callbacks);
  a.callbacks.forEach((c, i) => {
    const f = `${at}.callbacks[${i}]`;
    if (!isObject(c)) fail(f, 'must be an object with "kind", "name" and "category"', c);
    const kind = oneOf(c.kind, CALLBACK_KINDS, `${f}.kind`);
    const name = str(c.name, `${f}.name`);
    if (kind !== 'event') dottedPath(name, `${f}.name`, false);
    if ((kind === 'option' || kind === 'jsxProp' || kind === 'assignedOption') && c.property === undefined) fail(`${f}.property`, `is required for kind "${kind}"`, c.property);
    if (c.property !== undefined && !IDENT.test(str(c.property, `${f}.property`))) fail(`${f}.property`, 'must be an identifier', c.property);
    if (kind === 'jsxProp' && c.module === undefined) fail(`${f}.module`, 'is required for kind "jsxProp"', c.module);
    if (c.module !== undefined) str(c.module, `${f}.module`);
    if (c.firstArg !== undefined) str(c.firstArg, `${f}.firstArg`);
    optionalBool(c.needsInnerCheck, `${f}.needsInnerCheck`);
    oneOf(c.category, [...CATEGORIES, 'any'], `${f}.category`);
  });
  if (!Array.isArray(a.markup)) fail(`${at}.markup`, 'must be an array', a.markup);
  a.markup.forEach((m, i) => {
    const f = `${at}.markup[${i}]`;
    if (!isObject(m)) fail(f, 'must be an object with "attribute", "requiresTextPlain", "valueIsCategory"', m);
    if (!/^[a-zA-Z][\w-]*$/.test(str(m.attribute, `${f}.attribute`))) fail(`${f}.attribute`, 'must be an attribute name', m.attribute);
    if (typeof m.requiresTextPlain !== 'boolean') fail(`${f}.requiresTextPlain`, 'must be true or false', m.requiresTextPlain);
    if (typeof m.valueIsCategory !== 'boolean') fail(`${f}.valueIsCategory`, 'must be true or false', m.valueIsCategory);
    if (m.valuePrefix !== undefined) str(m.valuePrefix, `${f}.valuePrefix`);
  });
  if (!isObject(a.categoryMap)) fail(`${at}.categoryMap`, 'must be an object mapping names to categories', a.categoryMap);
  for (const [k, v] of Object.entries(a.categoryMap)) oneOf(v, CATEGORIES, `${at}.categoryMap.${k}`);
  if (a.generalConsentNames !== undefined) strArray(a.generalConsentNames, `${at}.generalConsentNames`);
  if (a.fixTemplate !== undefined && !str(a.fixTemplate, `${at}.fixTemplate`).includes('{{name}}')) fail(`${at}.fixTemplate`, 'must contain {{name}}', a.fixTemplate);
  if (a.note !== undefined) str(a.note, `${at}.note`);
  if (a.loaderHosts !== undefined) strArray(a.loaderHosts, `${at}.loaderHosts`, (s, f) => {
    if (!isHostPattern(s)) fail(f, 'must be host[/path] without protocol or query (e.g. "consent.cookiebot.com/uc.js")', s);
  });
  if (a.thirdPartyWeb !== undefined) str(a.thirdPartyWeb, `${at}.thirdPartyWeb`);
  strArray(a.source, `${at}.source`);
  if (a.source.length === 0) fail(`${at}.source`, 'must name at least one source', a.source);
}

function checkUniqueIds(entries: { id: string }[], section: string): void {
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (seen.has(e.id)) throw new KnowledgeError(`${section}[${i}].id`, `duplicate id "${e.id}"`);
    seen.add(e.id);
  });
}

// ---------------------------------------------------------------------------------------------
// URL matching: split strings, compare segments; no regular expressions over the URL.

function normaliseHost(host: string): string {
  const h = host.toLowerCase();
  return h.startsWith('www.') ? h.slice(4) : h;
}

function addHostPattern<T>(index: Map<string, HostPattern<T>[]>, pattern: string, vendor: T): void {
  const slash = pattern.indexOf('/');
  const host = normaliseHost(slash < 0 ? pattern : pattern.slice(0, slash));
  const path = slash < 0 ? '' : pattern.slice(slash + 1);
  const segments = path === '' ? [] : path.split('/');
  push(index, host, { vendor, segments });
}

/** Host and path segments of an absolute (`https:`, `http:`), protocol-relative or scheme-less URL. */
export function splitUrl(url: string): { host: string; segments: string[] } | undefined {
  let rest = url.trim();
  const lower = rest.slice(0, 8).toLowerCase();
  if (lower.startsWith('https://')) rest = rest.slice(8);
  else if (lower.startsWith('http://')) rest = rest.slice(7);
  else if (rest.startsWith('//')) rest = rest.slice(2);
  else if (/^[a-z][a-z0-9+.-]*:/i.test(rest)) return undefined; // data:, javascript:, mailto: …
  let end = rest.length;
  for (const stop of ['?', '#']) {
    const at = rest.indexOf(stop);
    if (at >= 0 && at < end) end = at;
  }
  rest = rest.slice(0, end);
  const slash = rest.indexOf('/');
  let authority = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash + 1);
  authority = authority.slice(authority.lastIndexOf('@') + 1);
  const colon = authority.indexOf(':');
  if (colon >= 0) authority = authority.slice(0, colon);
  // A DNS name has at most 253 characters (RFC 1035): longer is not a host, and stopping here
  // keeps the parent-domain walk in matchUrl short whatever the input.
  if (authority.length > 253) return undefined;
  const labels = authority.toLowerCase().split('.');
  if (labels.length < 2 || !labels.every((l) => l.length > 0 && /^[a-z0-9-]+$/.test(l))) return undefined;
  return { host: normaliseHost(authority), segments: path.split('/').filter((s) => s !== '') };
}

function segmentsMatch(pattern: string[], url: string[]): boolean {
  const n = pattern.length;
  if (n === 0) return true;
  const last = pattern[n - 1]!;
  if (last === '') {
    // `host/dir/`: the folder itself (`ct.pinterest.com/v3/?tid=…`) or anything below it
    if (url.length < n - 1) return false;
  } else if (url.length < n) return false;
  for (let i = 0; i < n - 1; i++) {
    if (pattern[i] !== '*' && pattern[i] !== url[i]) return false;
  }
  if (last === '' || last === '*') return true;
  // `static.hotjar.com/c/hotjar-`: a trailing `-` or `_` matches a file-name prefix
  if (last.endsWith('-') || last.endsWith('_')) return url[n - 1]!.startsWith(last);
  return url[n - 1] === last;
}

function matchUrl<T>(index: Map<string, HostPattern<T>[]>, url: string): T | undefined {
  const parsed = splitUrl(url);
  if (!parsed) return undefined;
  let best: HostPattern<T> | undefined;
  let bestScore = -1;
  // the host itself, then each parent domain (`a.b.example.com` → `b.example.com` → `example.com`)
  let host = parsed.host;
  for (let depth = 0; ; depth++) {
    for (const candidate of index.get(host) ?? []) {
      // a longer path, then a more specific host, wins
      const score = candidate.segments.length * 100 - depth;
      if (score > bestScore && segmentsMatch(candidate.segments, parsed.segments)) {
        best = candidate;
        bestScore = score;
      }
    }
    const dot = host.indexOf('.');
    if (dot < 0 || host.indexOf('.', dot + 1) < 0) break;
    host = host.slice(dot + 1);
  }
  return best?.vendor;
}
