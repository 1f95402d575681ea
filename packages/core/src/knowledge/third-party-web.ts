/**
 * Host-based classification from the third-party-web dataset (npm `third-party-web`, MIT):
 * about 2,100 entities with their domains and one category each. The entities are mapped
 * onto consent purposes by `third-party-web-mapping.json` (data, each decision with its
 * reason). The domain map is built once per process, on first use; a lookup is one `Map.get`
 * per label of the host. No regular expression runs over a URL.
 *
 * The dataset ships as JSON inside the package, so esbuild bundles it and it runs offline.
 */
import entitiesData from 'third-party-web/dist/entities-nostats.json';
import mappingData from './third-party-web-mapping.json';
import { THIRD_PARTY_WEB_VERSION } from './third-party-web-version';
import type { ConsentCategory, VendorEntry } from './types';

/** The pinned dataset version (package-lock.json), printed by `creepyline --version`. */
export { THIRD_PARTY_WEB_VERSION };

/** Where a URL appears: what the browser does with it. */
export type UrlForm = 'script' | 'pixel' | 'iframe' | 'stylesheet' | 'request';

/** One entity of the dataset, as shipped. */
export interface TpwEntity {
  name: string;
  company?: string;
  homepage?: string;
  category: string;
  domains: string[];
}

/** The mapping's decision for one category, entity or domain. */
export interface TpwDecision {
  purpose: ConsentCategory | null;
  kind?: VendorEntry['kind'];
  confidence?: 'high' | 'medium';
  forms?: UrlForm[];
  embed?: boolean;
  consentTool?: boolean;
  /** Catalogue vendor id (vendors.json) this entity stands for. */
  vendor?: string;
  /** `false`: hosts of this entity the catalogue's patterns do not list are not reported under the vendor that links the entity. */
  catalogueFallback?: boolean;
  reason: string;
}

/** What the dataset and the mapping say about one host. */
export interface HostVerdict {
  entity: TpwEntity;
  /** The dataset's domain pattern that matched (`*.tawk.to`). */
  domain: string;
  /** The consent purpose a load needs; null = no tracking finding. */
  purpose: ConsentCategory | null;
  kind: VendorEntry['kind'];
  confidence: 'high' | 'medium';
  forms: readonly UrlForm[];
  /** Video players: an iframe is a third-party embed. */
  embed: boolean;
  /** A consent-management platform's loader. */
  consentTool: boolean;
  vendor?: string;
  /** The mapping's reasons, most specific first. */
  reason: string;
}

interface MappingFile {
  categories: Record<string, TpwDecision>;
  entities: Record<string, Partial<TpwDecision> & { reason: string }>;
  domains: Record<string, Partial<TpwDecision> & { entity: string; reason: string }>;
}

export const TPW_ENTITIES = entitiesData as unknown as readonly TpwEntity[];
export const TPW_MAPPING = mappingData as unknown as MappingFile;

/** The verdict for an entity (category mapping + entity override), without domain overrides. */
export function entityVerdict(entity: TpwEntity, domain = ''): HostVerdict {
  const category = TPW_MAPPING.categories[entity.category] ?? TPW_MAPPING.categories.other!;
  const override = TPW_MAPPING.entities[entity.name];
  const domainOverride = domain ? TPW_MAPPING.domains[domain] : undefined;
  const applies = domainOverride && domainOverride.entity === entity.name ? domainOverride : undefined;
  const pick = <K extends keyof TpwDecision>(key: K): TpwDecision[K] | undefined =>
    (applies && key in applies ? applies[key] : override && key in override ? override[key] : category[key]) as TpwDecision[K] | undefined;
  return {
    entity,
    domain,
    purpose: pick('purpose') ?? null,
    kind: pick('kind') ?? 'analytics',
    confidence: pick('confidence') ?? 'medium',
    forms: pick('forms') ?? [],
    embed: pick('embed') ?? false,
    consentTool: pick('consentTool') ?? false,
    vendor: pick('vendor'),
    reason: [applies?.reason, override?.reason, category.reason].filter(Boolean).join(' '),
  };
}

interface DomainIndex {
  /** Exact host (without `www.`) → verdict. */
  exact: Map<string, HostVerdict>;
  /** `*.example.com` → `example.com` → verdict (the domain and every subdomain). */
  wildcard: Map<string, HostVerdict>;
}

let index: DomainIndex | undefined;

/** Builds the domain map once per process. */
function domainIndex(): DomainIndex {
  if (index) return index;
  const exact = new Map<string, HostVerdict>();
  const wildcard = new Map<string, HostVerdict>();
  for (const entity of TPW_ENTITIES) {
    for (const domain of entity.domains) {
      const verdict = entityVerdict(entity, domain);
      if (domain.startsWith('*.')) wildcard.set(stripWww(domain.slice(2).toLowerCase()), verdict);
      else exact.set(stripWww(domain.toLowerCase()), verdict);
    }
  }
  index = { exact, wildcard };
  return index;
}

function stripWww(host: string): string {
  return host.startsWith('www.') ? host.slice(4) : host;
}

/**
 * What the dataset says about a host (lower case, `www.` stripped, as `splitUrl` returns it):
 * the exact domain first, then the nearest `*.` pattern of the host or a parent domain.
 */
export function classifyHost(host: string): HostVerdict | undefined {
  const { exact, wildcard } = domainIndex();
  const h = stripWww(host);
  const hit = exact.get(h);
  if (hit) return hit;
  let candidate = h;
  for (;;) {
    const found = wildcard.get(candidate);
    if (found) return found;
    const dot = candidate.indexOf('.');
    if (dot < 0 || candidate.indexOf('.', dot + 1) < 0) return undefined;
    candidate = candidate.slice(dot + 1);
  }
}

/** Stable vendor id for an entity without a catalogue entry (`tpw-tawk-to`). */
export function entityVendorId(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `tpw-${slug || 'entity'}`;
}

/**
 * Entity → purpose, as the snapshot test compares it (`marketing/advertising/high`,
 * `none`, `marketing/video/medium/embed`). Domain overrides are listed under `domain:<pattern>`.
 */
export function mappingSnapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  const describe = (v: HostVerdict) =>
    v.purpose === null ? (v.consentTool ? 'none/consent-tool' : 'none') : [v.purpose, v.kind, v.confidence, ...(v.embed ? ['embed'] : []), ...(v.vendor ? [`vendor:${v.vendor}`] : [])].join('/');
  for (const entity of [...TPW_ENTITIES].sort((a, b) => a.name.localeCompare(b.name))) {
    out[entity.name] = describe(entityVerdict(entity));
    for (const domain of entity.domains) {
      if (TPW_MAPPING.domains[domain]?.entity === entity.name) out[`domain:${domain}`] = describe(entityVerdict(entity, domain));
    }
  }
  return out;
}
