/**
 * The processors catalogue (services the team hands personal data to, with their erasure
 * calls) and the third-party data-sources catalogue (enrichment and broker APIs, ad-platform
 * customer-list uploads, bought-list vocabulary): validation, config merging, and lookups by
 * npm module, host and URL. Built by `buildKnowledge()`; rules read them from `Knowledge`.
 */
import type {
  DataSourceEntry,
  DataSourceHost,
  DataSourceKind,
  EndpointShape,
  ErasureShape,
  ProcessorEntry,
  ProcessorRole,
  PurchasedListVocabulary,
} from './types';
import builtinProcessors from './processors.json';
import builtinDataSources from './data-sources.json';

export const PROCESSOR_ROLES: readonly ProcessorRole[] = [
  'payment', 'transactional-email', 'newsletter', 'crm', 'analytics', 'support', 'shipping', 'ads', 'enrichment', 'storage',
];
/**
 * Roles of processors the data must reach to perform the contract (DESIGN Decisions): handing a
 * customer's data to them is not `pii-to-third-party`. A newsletter service is a contract
 * processor only for the newsletter the person subscribed to; callers decide that case.
 */
export const CONTRACT_ROLES: readonly ProcessorRole[] = ['payment', 'transactional-email', 'shipping'];
export const DATA_SOURCE_KINDS: readonly DataSourceKind[] = ['person-enrichment', 'company-enrichment', 'email-finder', 'data-broker', 'audience-upload'];

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CONFIG_SOURCE = 'workspace configuration (creepyline.json)';
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Config extensions: `processors` and `dataSources` in creepyline.json. */
export interface ProcessorExtensions {
  processors?: Partial<ProcessorEntry>[];
  dataSources?: Partial<DataSourceEntry>[];
}

/** A matched data-source endpoint. */
export interface DataSourceMatch {
  source: DataSourceEntry;
  kind: DataSourceKind;
  host: DataSourceHost;
}

/** The lookups rules and facts need. */
export interface ProcessorKnowledge {
  processors: readonly ProcessorEntry[];
  /** The processor whose SDK this module specifier is (`stripe`, `@sendgrid/mail`, `@hubspot/api-client/lib/x`). */
  processorByModule(specifier: string): ProcessorEntry | undefined;
  /** The processor whose API host this is (`api.stripe.com`, `us6.api.mailchimp.com`). */
  processorByHost(hostname: string): ProcessorEntry | undefined;
  /** The processor whose API this URL addresses (host and path patterns). */
  processorByUrl(url: string): ProcessorEntry | undefined;
  processorById(id: string): ProcessorEntry | undefined;
  dataSources: readonly DataSourceEntry[];
  dataSourceByModule(specifier: string): DataSourceEntry | undefined;
  /** The data-source endpoint this URL addresses, unless it is one of the vendor's `notHosts`. */
  matchDataSource(url: string): DataSourceMatch | undefined;
  purchasedLists: PurchasedListVocabulary;
}

type Fail = (field: string, detail: string) => never;

const BUILTIN_PROCESSORS = builtinProcessors as unknown as ProcessorEntry[];
const BUILTIN_DATA_SOURCES = (builtinDataSources as unknown as { sources: DataSourceEntry[] }).sources;
const PURCHASED = (builtinDataSources as unknown as { purchasedLists: PurchasedListVocabulary }).purchasedLists;

/** Merges config extensions into the catalogues, validates every entry and indexes them. */
export function buildProcessorKnowledge(extra: ProcessorExtensions | undefined, fail: Fail): ProcessorKnowledge {
  const processors = merge(BUILTIN_PROCESSORS, extra?.processors ?? [], 'processors', fail, (e) => ({ packages: [], hosts: [], roles: [], source: [CONFIG_SOURCE], ...e }) as ProcessorEntry, validateProcessor);
  const dataSources = merge(BUILTIN_DATA_SOURCES, extra?.dataSources ?? [], 'dataSources', fail, (e) => ({ packages: [], hosts: [], source: [CONFIG_SOURCE], ...e }) as DataSourceEntry, validateDataSource);
  uniqueIds(processors, 'processors', fail);
  uniqueIds(dataSources, 'dataSources', fail);

  const byModule = new Map<string, ProcessorEntry>();
  const byId = new Map<string, ProcessorEntry>();
  const hostPatterns: { entry: ProcessorEntry; pattern: ParsedPattern }[] = [];
  for (const p of processors) {
    byId.set(p.id, p);
    for (const pkg of p.packages) if (!byModule.has(pkg)) byModule.set(pkg, p);
    for (const h of p.hosts) hostPatterns.push({ entry: p, pattern: parsePattern(h) });
  }
  const sourceByModule = new Map<string, DataSourceEntry>();
  const sourcePatterns: { entry: DataSourceEntry; host: DataSourceHost; pattern: ParsedPattern }[] = [];
  const notPatterns: ParsedPattern[] = [];
  for (const d of dataSources) {
    for (const pkg of d.packages) if (!sourceByModule.has(pkg)) sourceByModule.set(pkg, d);
    for (const h of d.hosts) sourcePatterns.push({ entry: d, host: h, pattern: parsePattern(h.url) });
    for (const n of d.notHosts ?? []) notPatterns.push(parsePattern(n));
  }

  const bestProcessor = (host: string, segments: string[] | undefined): ProcessorEntry | undefined => {
    let best: ProcessorEntry | undefined;
    let score = -1;
    for (const { entry, pattern } of hostPatterns) {
      if (!hostMatches(pattern.host, host)) continue;
      if (pattern.segments.length > 0 && (segments === undefined || !pathMatches(pattern, segments, true))) continue;
      const s = pattern.host.length + pattern.segments.length * 100;
      if (s > score) {
        best = entry;
        score = s;
      }
    }
    return best;
  };

  return {
    processors,
    processorByModule: (specifier) => byModule.get(specifier) ?? byModule.get(packageOf(specifier)),
    processorByHost: (hostname) => bestProcessor(normaliseHost(hostname), undefined),
    processorByUrl(url) {
      const parsed = parseUrl(url);
      return parsed && bestProcessor(parsed.host, parsed.segments);
    },
    processorById: (id) => byId.get(id),
    dataSources,
    dataSourceByModule: (specifier) => sourceByModule.get(specifier) ?? sourceByModule.get(packageOf(specifier)),
    matchDataSource(url) {
      const parsed = parseUrl(url);
      if (!parsed) return undefined;
      if (notPatterns.some((p) => hostMatches(p.host, parsed.host) && (p.segments.length === 0 || pathMatches(p, parsed.segments, true)))) return undefined;
      let best: DataSourceMatch | undefined;
      let score = -1;
      for (const { entry, host, pattern } of sourcePatterns) {
        if (!hostMatches(pattern.host, parsed.host) || !pathMatches(pattern, parsed.segments, false)) continue;
        const s = pattern.segments.length * 100 + pattern.host.length;
        if (s > score) {
          best = { source: entry, kind: host.kind ?? entry.kind, host };
          score = s;
        }
      }
      return best;
    },
    purchasedLists: PURCHASED,
  };
}

/** Does `url` (as far as statically known) address this endpoint? The HTTP method is checked by the caller. */
export function endpointMatches(endpoint: EndpointShape, url: string): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  const pattern = parsePattern(endpoint.url);
  return hostMatches(pattern.host, parsed.host) && pathMatches(pattern, parsed.segments, false);
}

/** `@scope/pkg/sub/path` → `@scope/pkg`; `pkg/sub` → `pkg`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

// ---------------------------------------------------------------------------------------------
// Patterns: `host[/seg/seg]`; `*` inside a segment matches any characters of that segment; a
// trailing `/` means "this folder or anything below"; otherwise the segment count must agree.

interface ParsedPattern {
  host: string;
  segments: string[];
  /** Pattern ended in `/`. */
  below: boolean;
}

function parsePattern(pattern: string): ParsedPattern {
  const slash = pattern.indexOf('/');
  const host = normaliseHost(slash < 0 ? pattern : pattern.slice(0, slash));
  const path = slash < 0 ? '' : pattern.slice(slash + 1);
  const below = path.endsWith('/') || path === '';
  return { host, segments: path.split('/').filter((s) => s !== ''), below };
}

function normaliseHost(host: string): string {
  const h = host.toLowerCase();
  return h.startsWith('www.') ? h.slice(4) : h;
}

function hostMatches(pattern: string, host: string): boolean {
  return host === pattern || host.endsWith(`.${pattern}`);
}

/** `prefixOnly`: the URL may continue below the pattern's path (host lookups). */
function pathMatches(pattern: ParsedPattern, segments: string[], prefixOnly: boolean): boolean {
  const n = pattern.segments.length;
  if (segments.length < n) return false;
  if (segments.length > n && !pattern.below && !prefixOnly) return false;
  for (let i = 0; i < n; i++) if (!globSegment(pattern.segments[i]!, segments[i]!)) return false;
  return true;
}

function globSegment(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*')) return pattern === value;
  const parts = pattern.split('*');
  if (!value.startsWith(parts[0]!) || !value.endsWith(parts[parts.length - 1]!)) return false;
  let at = parts[0]!.length;
  for (const middle of parts.slice(1, -1)) {
    const found = value.indexOf(middle, at);
    if (found < 0) return false;
    at = found + middle.length;
  }
  return at <= value.length - parts[parts.length - 1]!.length;
}

/** Host and path segments of an `http(s)://`, protocol-relative or scheme-less URL. */
function parseUrl(url: string): { host: string; segments: string[] } | undefined {
  let rest = url.trim();
  const lower = rest.slice(0, 8).toLowerCase();
  if (lower.startsWith('https://')) rest = rest.slice(8);
  else if (lower.startsWith('http://')) rest = rest.slice(7);
  else if (rest.startsWith('//')) rest = rest.slice(2);
  else if (/^[a-z][a-z0-9+.-]*:/i.test(rest)) return undefined;
  const cut = rest.search(/[?#]/);
  if (cut >= 0) rest = rest.slice(0, cut);
  const slash = rest.indexOf('/');
  let authority = slash < 0 ? rest : rest.slice(0, slash);
  authority = authority.slice(authority.lastIndexOf('@') + 1);
  const colon = authority.indexOf(':');
  if (colon >= 0) authority = authority.slice(0, colon);
  const labels = authority.toLowerCase().split('.');
  if (labels.length < 2 || !labels.every((l) => /^[a-z0-9-]+$/.test(l))) return undefined;
  return { host: normaliseHost(authority), segments: (slash < 0 ? '' : rest.slice(slash + 1)).split('/').filter((s) => s !== '') };
}

// ---------------------------------------------------------------------------------------------
// Merging and validation: every message names the key path.

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Built-ins validated under their own index, each extension under its config key path. */
function merge<T extends { id: string }>(
  builtins: T[],
  extensions: Partial<T>[],
  section: string,
  fail: Fail,
  complete: (e: Partial<T>) => T,
  validate: (entry: T, field: string, fail: Fail) => void,
): T[] {
  builtins.forEach((b, i) => validate(b, `${section}[${i}]`, fail));
  const merged = [...builtins];
  const index = new Map(merged.map((e, i) => [e.id, i]));
  if (!Array.isArray(extensions)) fail(section, `must be an array, got ${JSON.stringify(extensions)}`);
  extensions.forEach((ext, i) => {
    const field = `${section}[${i}]`;
    if (!isObject(ext)) fail(field, `must be an object, got ${JSON.stringify(ext)}`);
    if (typeof ext.id !== 'string' || !KEBAB.test(ext.id)) fail(`${field}.id`, `must be a kebab-case id (e.g. "acme-crm"), got ${JSON.stringify(ext.id)}`);
    const defined = Object.fromEntries(Object.entries(ext).filter(([, v]) => v !== undefined)) as Partial<T>;
    const at = index.get(ext.id!);
    const entry = at !== undefined ? { ...merged[at]!, ...defined } : complete(defined);
    validate(entry, field, fail);
    if (at !== undefined) merged[at] = entry;
    else {
      index.set(ext.id!, merged.length);
      merged.push(entry);
    }
  });
  return merged;
}

function got(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
}

function str(v: unknown, field: string, fail: Fail): string {
  if (typeof v !== 'string' || v.trim() === '') fail(field, `must be a non-empty string, got ${got(v)}`);
  return v as string;
}

function strArray(v: unknown, field: string, fail: Fail, each?: (s: string, f: string) => void): string[] {
  if (!Array.isArray(v)) fail(field, `must be an array of strings, got ${got(v)}`);
  (v as unknown[]).forEach((s, i) => {
    str(s, `${field}[${i}]`, fail);
    each?.(s as string, `${field}[${i}]`);
  });
  return v as string[];
}

function hostPattern(s: string, field: string, fail: Fail): void {
  if (/[\s?#@\\]/.test(s) || s.startsWith('/') || /^[a-z]+:\/\//i.test(s)) fail(field, `must be host[/path] without protocol or query (e.g. "api.acme.example/v1/customers/*"), got ${got(s)}`);
  const labels = s.split('/')[0]!.split('.');
  if (labels.length < 2 || !labels.every((l) => /^[a-z0-9-]+$/i.test(l))) fail(field, `must start with a host name such as "api.acme.example", got ${got(s)}`);
}

function modulePattern(s: string, field: string, fail: Fail): void {
  if (/\s/.test(s) || s.startsWith('.') || s.startsWith('/')) fail(field, `must be a bare npm package name, got ${got(s)}`);
}

function methodPath(s: string, field: string, fail: Fail): void {
  if (!s.split('.').every((seg) => /^[A-Za-z_$][\w$]*$/.test(seg))) fail(field, `must be a dotted method path such as "customers.del", got ${got(s)}`);
}

function endpoints(v: unknown, field: string, fail: Fail): void {
  if (!Array.isArray(v)) fail(field, `must be an array of { "url", "method" }, got ${got(v)}`);
  (v as unknown[]).forEach((e, i) => {
    const f = `${field}[${i}]`;
    if (!isObject(e)) fail(f, `must be an object with "url" and optional "method", got ${got(e)}`);
    hostPattern(str(e.url, `${f}.url`, fail), `${f}.url`, fail);
    if (e.method !== undefined && !HTTP_METHODS.includes(e.method as string)) fail(`${f}.method`, `must be one of ${HTTP_METHODS.join(', ')}, got ${got(e.method)}`);
  });
}

function erasureShape(v: unknown, field: string, fail: Fail, needsCall: boolean): void {
  if (!isObject(v)) fail(field, `must be an object with "call", "methods" or "endpoints", and "source", got ${got(v)}`);
  const e = v as Partial<ErasureShape>;
  if (needsCall) str(e.call, `${field}.call`, fail);
  if (e.methods !== undefined) strArray(e.methods, `${field}.methods`, fail, (s, f) => methodPath(s, f, fail));
  if (e.endpoints !== undefined) endpoints(e.endpoints, `${field}.endpoints`, fail);
  if (e.note !== undefined) str(e.note, `${field}.note`, fail);
  if (e.source !== undefined || needsCall) str(e.source, `${field}.source`, fail);
}

function sources(v: unknown, field: string, fail: Fail): void {
  strArray(v, field, fail);
  if ((v as string[]).length === 0) fail(field, 'must name at least one source');
}

function validateProcessor(p: ProcessorEntry, field: string, fail: Fail): void {
  const at = `${field} (id "${p.id}")`;
  str(p.name, `${at}.name`, fail);
  if (!Array.isArray(p.roles) || p.roles.length === 0) fail(`${at}.roles`, `must be a non-empty array of ${PROCESSOR_ROLES.join(', ')}, got ${got(p.roles)}`);
  p.roles.forEach((r, i) => {
    if (!PROCESSOR_ROLES.includes(r)) fail(`${at}.roles[${i}]`, `must be one of ${PROCESSOR_ROLES.join(', ')}, got ${got(r)}`);
  });
  strArray(p.packages, `${at}.packages`, fail, (s, f) => modulePattern(s, f, fail));
  strArray(p.hosts, `${at}.hosts`, fail, (s, f) => hostPattern(s, f, fail));
  if (p.erasure !== undefined) erasureShape(p.erasure, `${at}.erasure`, fail, true);
  if (p.notErasure !== undefined) {
    if (!Array.isArray(p.notErasure)) fail(`${at}.notErasure`, `must be an array, got ${got(p.notErasure)}`);
    p.notErasure.forEach((n, i) => {
      erasureShape(n, `${at}.notErasure[${i}]`, fail, false);
      str(n.note, `${at}.notErasure[${i}].note`, fail);
    });
  }
  sources(p.source, `${at}.source`, fail);
}

function validateDataSource(d: DataSourceEntry, field: string, fail: Fail): void {
  const at = `${field} (id "${d.id}")`;
  str(d.name, `${at}.name`, fail);
  if (!DATA_SOURCE_KINDS.includes(d.kind)) fail(`${at}.kind`, `must be one of ${DATA_SOURCE_KINDS.join(', ')}, got ${got(d.kind)}`);
  strArray(d.packages, `${at}.packages`, fail, (s, f) => modulePattern(s, f, fail));
  if (!Array.isArray(d.hosts)) fail(`${at}.hosts`, `must be an array of { "url" }, got ${got(d.hosts)}`);
  d.hosts.forEach((h, i) => {
    const f = `${at}.hosts[${i}]`;
    if (!isObject(h)) fail(f, `must be an object with "url", got ${got(h)}`);
    hostPattern(str(h.url, `${f}.url`, fail), `${f}.url`, fail);
    if (h.kind !== undefined && !DATA_SOURCE_KINDS.includes(h.kind)) fail(`${f}.kind`, `must be one of ${DATA_SOURCE_KINDS.join(', ')}, got ${got(h.kind)}`);
    if (h.requiresBodyKey !== undefined) strArray(h.requiresBodyKey, `${f}.requiresBodyKey`, fail);
  });
  if (d.notHosts !== undefined) strArray(d.notHosts, `${at}.notHosts`, fail, (s, f) => hostPattern(s, f, fail));
  if (d.methods !== undefined) {
    if (!Array.isArray(d.methods)) fail(`${at}.methods`, `must be an array of { "path" }, got ${got(d.methods)}`);
    d.methods.forEach((m, i) => {
      const f = `${at}.methods[${i}]`;
      if (!isObject(m)) fail(f, `must be an object with "path", got ${got(m)}`);
      methodPath(str(m.path, `${f}.path`, fail), `${f}.path`, fail);
      if (m.kind !== undefined && !DATA_SOURCE_KINDS.includes(m.kind)) fail(`${f}.kind`, `must be one of ${DATA_SOURCE_KINDS.join(', ')}, got ${got(m.kind)}`);
    });
  }
  if (d.packages.length === 0 && d.hosts.length === 0) fail(at, 'must list at least one package or host');
  sources(d.source, `${at}.source`, fail);
}

function uniqueIds(list: { id: string }[], section: string, fail: Fail): void {
  const seen = new Set<string>();
  list.forEach((e, i) => {
    if (seen.has(e.id)) fail(`${section}[${i}].id`, `duplicate id "${e.id}"`);
    seen.add(e.id);
  });
}
