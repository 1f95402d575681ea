/**
 * The specialist catalogues (opt-in and consent vocabularies, consent records, tracker
 * instances and queues, framework configuration, form components, newsletter endpoints, vendor
 * companies, consent-tool defaults, embeds, HTTP clients, tracker data parameters, the
 * special-category lexicon, SDK data sinks), extendable from `creepyline.json` under `knowledge`.
 *
 * An extension has the shape of the shipped JSON file, in part: objects merge key by key, word
 * lists gain the new words, and a list of entries gains new entries or patches the entry with
 * the same identity (its `id`, `name`, `package`, … as listed in {@link identityKeys}). The
 * accepted shape is inferred from the shipped data itself (so the schema can never drift from
 * the files), published in the config schema, and checked again here with errors that name the
 * key path. New entries without a `source` are attributed to the workspace configuration.
 *
 * The syntax pass reads catalogues through {@link activeCatalogues}: the analysis of one file is
 * synchronous, and the workspace runs it inside {@link withCatalogues} with the catalogues of the
 * file's configuration (they are part of the facts' cache key). Indexes built from a catalogue
 * are memoised per catalogue set with {@link derived}.
 */
import optinVocabulary from './optin-vocabulary.json';
import consentVocabulary from './consent-vocabulary.json';
import consentStorage from './consent-storage.json';
import consentRecords from './consent-records.json';
import trackerInstances from './tracker-instances.json';
import tagQueues from './tag-queues.json';
import frameworkConfig from './framework-config.json';
import formComponents from './form-components.json';
import newsletterEndpoints from './newsletter-endpoints.json';
import vendorCompanies from './vendor-companies.json';
import cmpDefaults from './cmp-defaults.json';
import embeds from './embeds.json';
import httpClients from './http-clients.json';
import trackerDataParams from './tracker-data-params.json';
import specialCategories from './special-categories.json';
import sdkDataSinks from './sdk-data-sinks.json';

/** The shipped catalogues, by config key (the file name in camelCase). */
const SHIPPED = {
  optinVocabulary,
  consentVocabulary,
  consentStorage,
  consentRecords,
  trackerInstances,
  tagQueues,
  frameworkConfig,
  formComponents,
  newsletterEndpoints,
  vendorCompanies,
  cmpDefaults,
  embeds,
  httpClients,
  trackerDataParams,
  specialCategories,
  sdkDataSinks,
};

/** Every specialist catalogue, merged with the team's extensions. */
export type Catalogues = { readonly [K in keyof typeof SHIPPED]: (typeof SHIPPED)[K] };
export type CatalogueName = keyof Catalogues;

/** The shipped catalogues without extensions. */
export const BUILTIN_CATALOGUES: Catalogues = SHIPPED;

/** Config key → shipped file name. */
export const CATALOGUE_FILES: Readonly<Record<CatalogueName, string>> = Object.fromEntries(
  Object.keys(SHIPPED).map((key) => [key, `${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.json`]),
) as Record<CatalogueName, string>;

/**
 * Objects whose keys are open (a map), by path with `*` for any key: their values share one
 * shape. Every other object has the fixed keys the shipped file uses.
 */
const MAPS = new Set(['consentVocabulary.categoryWords', 'trackerDataParams.vendors', 'trackerDataParams.vendors.*.keys', 'cmpDefaults.configs.imports', 'sdkDataSinks.sinks.classes.setters']);

/** Keys that identify an entry of a list, tried in this order; the first present and unique in every shipped entry wins. */
const IDENTITY_CANDIDATES = ['id', 'package', 'api', 'name', 'stem', 'callee', 'method', 'firstArg', 'option', 'path', 'index'];

/** Written by the workspace; the shipped set outside of an analysis (tests, tools). */
let active: Catalogues = BUILTIN_CATALOGUES;

/** The catalogues of the analysis running now. */
export function activeCatalogues(): Catalogues {
  return active;
}

/** Runs `fn` (synchronous) with `catalogues` active. */
export function withCatalogues<T>(catalogues: Catalogues, fn: () => T): T {
  if (catalogues === active) return fn();
  const previous = active;
  active = catalogues;
  try {
    return fn();
  } finally {
    active = previous;
  }
}

/**
 * An index built from the active catalogues, rebuilt only when another catalogue set becomes
 * active (once per configuration, not per call).
 */
export function derived<T>(build: (catalogues: Catalogues) => T): () => T {
  const cache = new WeakMap<Catalogues, T>();
  let lastKey: Catalogues | undefined;
  let lastValue: T | undefined;
  return () => {
    if (active === lastKey) return lastValue as T;
    let value = cache.get(active);
    if (value === undefined && !cache.has(active)) {
      value = build(active);
      cache.set(active, value);
    }
    lastKey = active;
    lastValue = value;
    return value as T;
  };
}

// ---------------------------------------------------------------------------------------------
// Shape inferred from the shipped data

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type JsonObject = { [key: string]: JsonValue };

/** The inferred shape of one place in a catalogue. */
interface Shape {
  primitives: Set<'string' | 'number' | 'boolean' | 'null'>;
  /** Fixed-key object: per key its shape. */
  object?: Map<string, Shape>;
  /** Map object: the shape of every value. */
  map?: Shape;
  array?: Shape;
  /** For lists of objects: the key that identifies an entry, and the keys every shipped entry has. */
  identity?: string;
  required?: string[];
}

function emptyShape(): Shape {
  return { primitives: new Set() };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Adds one shipped value at `path` to `shape`. */
function learn(shape: Shape, value: JsonValue, path: string): void {
  if (Array.isArray(value)) {
    shape.array ??= emptyShape();
    for (const item of value) learn(shape.array, item, path);
    const entries = value.filter(isObject);
    if (entries.length > 0 && entries.length === value.length) {
      const keys = entries.map((e) => new Set(Object.keys(e)));
      const required = [...keys[0]!].filter((k) => !k.startsWith('$') && keys.every((s) => s.has(k)));
      shape.array.required = shape.array.required ? shape.array.required.filter((k) => required.includes(k)) : required;
      const identity = IDENTITY_CANDIDATES.find((k) => {
        if (!entries.every((e) => typeof e[k] === 'string' || typeof e[k] === 'number')) return false;
        return new Set(entries.map((e) => e[k])).size === entries.length;
      });
      if (shape.array.identity === undefined || shape.array.identity === identity) shape.array.identity = identity;
      else shape.array.identity = undefined;
    }
  } else if (isObject(value)) {
    if (MAPS.has(path)) {
      shape.map ??= emptyShape();
      for (const item of Object.values(value)) learn(shape.map, item, `${path}.*`);
      return;
    }
    shape.object ??= new Map();
    for (const [key, item] of Object.entries(value)) {
      if (key.startsWith('$')) continue;
      let child = shape.object.get(key);
      if (!child) shape.object.set(key, (child = emptyShape()));
      learn(child, item, `${path}.${key}`);
    }
  } else {
    shape.primitives.add(value === null ? 'null' : (typeof value as 'string' | 'number' | 'boolean'));
  }
}

let shapes: Map<CatalogueName, Shape> | undefined;

function shapesOf(): Map<CatalogueName, Shape> {
  if (!shapes) {
    shapes = new Map();
    for (const [name, data] of Object.entries(SHIPPED) as [CatalogueName, JsonValue][]) {
      const shape = emptyShape();
      learn(shape, data, name);
      shapes.set(name, shape);
    }
  }
  return shapes;
}

/** A JSON schema of one inferred shape (no `required`: an extension may patch part of an entry). */
function schemaOf(shape: Shape): JsonObject {
  const alternatives: JsonObject[] = [];
  const primitives = [...shape.primitives].sort();
  // A value that is a string in one entry and a boolean in another (`gatedWhen[].equals`) accepts both.
  for (const type of primitives) alternatives.push({ type });
  if (shape.object) {
    const properties: JsonObject = {};
    for (const [key, child] of [...shape.object].sort(([a], [b]) => a.localeCompare(b))) properties[key] = schemaOf(child);
    // `source`/`sources` are always allowed: an extension names where it comes from.
    if (!('source' in properties) && !('sources' in properties)) properties.source = { type: 'string' };
    alternatives.push({ type: 'object', additionalProperties: false, properties });
  }
  if (shape.map) alternatives.push({ type: 'object', additionalProperties: schemaOf(shape.map) });
  if (shape.array) {
    const items = schemaOf(shape.array);
    const schema: JsonObject = { type: 'array', items };
    if (shape.array.identity) schema.description = `Entries with the \`${shape.array.identity}\` of a shipped entry patch it; others are added.`;
    alternatives.push(schema);
  }
  if (alternatives.length === 0) return {};
  return alternatives.length === 1 ? alternatives[0]! : { anyOf: alternatives };
}

/**
 * The JSON schema of the `knowledge` key of `creepyline.json`, inferred from the shipped
 * catalogues (published with the config schema by `npm run docs`).
 */
export function cataloguesSchema(): JsonObject {
  const properties: JsonObject = {};
  for (const [name, shape] of shapesOf()) {
    const schema = schemaOf(shape);
    const comment = (SHIPPED[name] as { $comment?: string }).$comment;
    schema.description = `Extends knowledge/${CATALOGUE_FILES[name]} (same shape, in part).${comment ? ` ${comment}` : ''}`;
    properties[name] = schema;
  }
  return {
    type: 'object',
    additionalProperties: false,
    description:
      'Extensions of the specialist catalogues (knowledge/*.json), one key per file in camelCase, each with the shape of the shipped file, in part: objects merge key by key, word lists gain new words, entries with the id (or name, package, …) of a shipped entry patch it and others are added. Example: {"optinVocabulary": {"optIn": [{"stem": "vorteilsclub", "lang": "de", "source": "our loyalty programme"}]}}.',
    markdownDescription:
      'Extensions of the specialist catalogues (`packages/core/src/knowledge/*.json`), one key per file in camelCase, each with the shape of the shipped file, in part: objects merge key by key, word lists gain new words, entries with the `id` (or `name`, `package`, …) of a shipped entry patch it and others are added; new entries without a `source` are attributed to this file.\n\nExample:\n```json\n"knowledge": {\n  "optinVocabulary": { "optIn": [{ "stem": "vorteilsclub", "lang": "de", "source": "our loyalty programme" }] },\n  "consentStorage": { "keys": [{ "name": "site_privacy", "tool": "our banner", "category": "any", "granted": ["all"], "source": "src/banner.ts" }] },\n  "tagQueues": { "queues": [{ "id": "gtag", "callees": ["gtag", "myGtag"] }] }\n}\n```',
    properties,
  };
}

// ---------------------------------------------------------------------------------------------
// Merging

/** A malformed extension: `field` is its key path in `creepyline.json` (`knowledge.tagQueues.queues[0].id`). */
export class CatalogueError extends Error {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'CatalogueError';
  }
}

/** Extensions without a source are attributed to the workspace configuration. */
const CONFIG_SOURCE = 'workspace configuration (creepyline.json)';

function describe(shape: Shape): string {
  const kinds: string[] = [...shape.primitives];
  if (shape.object || shape.map) kinds.push('object');
  if (shape.array) kinds.push('array');
  return kinds.join(' or ');
}

function fits(shape: Shape, value: unknown): boolean {
  if (Array.isArray(value)) return shape.array !== undefined;
  if (isObject(value)) return shape.object !== undefined || shape.map !== undefined;
  const kind = value === null ? 'null' : typeof value;
  return shape.primitives.has(kind as 'string');
}

/** `base` with `extension` merged in, checked against `shape`; never modifies its inputs. */
function merge(base: JsonValue | undefined, extension: unknown, shape: Shape, at: string): JsonValue {
  if (!fits(shape, extension)) throw new CatalogueError(at, `expected ${describe(shape)}`);
  if (Array.isArray(extension)) {
    const items = shape.array!;
    const result = Array.isArray(base) ? [...base] : [];
    extension.forEach((item, i) => {
      const itemAt = `${at}[${i}]`;
      if (!fits(items, item)) throw new CatalogueError(itemAt, `expected ${describe(items)}`);
      if (!isObject(item)) {
        if (!result.some((existing) => existing === item)) result.push(item as JsonValue);
        return;
      }
      const id = items.identity;
      const index = id !== undefined && item[id] !== undefined ? result.findIndex((e) => isObject(e) && e[id] === item[id]) : -1;
      if (index >= 0) {
        result[index] = merge(result[index], item, items, itemAt);
        return;
      }
      const missing = (items.required ?? []).filter((k) => k !== 'source' && k !== 'sources' && !(k in item));
      if (missing.length > 0) {
        const patch = id ? ` (or the ${id} of a shipped entry, to patch it)` : '';
        throw new CatalogueError(itemAt, `a new entry needs ${missing.map((k) => `"${k}"`).join(', ')}${patch}`);
      }
      const added = merge(undefined, item, items, itemAt) as JsonObject;
      if (items.object?.has('source') && added.source === undefined) added.source = CONFIG_SOURCE;
      if (items.object?.has('sources') && added.sources === undefined) added.sources = [CONFIG_SOURCE];
      result.push(added);
    });
    return result;
  }
  if (isObject(extension)) {
    const result: JsonObject = isObject(base) ? { ...base } : {};
    for (const [key, value] of Object.entries(extension)) {
      const keyAt = `${at}.${key}`;
      let child: Shape | undefined;
      if (shape.map) child = shape.map;
      else child = shape.object!.get(key) ?? (key === 'source' ? { primitives: new Set(['string']) } : undefined);
      if (!child) {
        const known = [...shape.object!.keys()].sort().join(', ');
        throw new CatalogueError(keyAt, `unknown key; known keys: ${known}`);
      }
      result[key] = merge(result[key], value, child, keyAt);
    }
    return result;
  }
  return extension as JsonValue;
}

/** Catalogue-specific checks run on the merged result (entry ids, enums the shape cannot infer). */
const checks: Partial<Record<CatalogueName, (merged: unknown) => void>> = {
  consentVocabulary: (merged) => {
    for (const key of Object.keys((merged as { categoryWords: object }).categoryWords)) {
      if (!CONSENT_CATEGORIES.includes(key)) throw new Error(`categoryWords.${key}: expected one of ${CONSENT_CATEGORIES.join(', ')}`);
    }
  },
  consentStorage: (merged) => {
    (merged as { keys: { category: string }[] }).keys.forEach((k, i) => {
      if (!CONSENT_CATEGORIES.includes(k.category) && k.category !== 'any') throw new Error(`keys[${i}].category: expected one of ${CONSENT_CATEGORIES.join(', ')}, any`);
    });
  },
};

/** The consent purposes (as in `types.ts`). */
const CONSENT_CATEGORIES = ['necessary', 'functionality', 'experience', 'measurement', 'marketing'];

/** Registers a check of a merged catalogue (it throws `Error` with `field: detail`). */
export function registerCatalogueCheck(name: CatalogueName, check: (merged: unknown) => void): void {
  checks[name] = check;
}

const mergedCache = new Map<string, Catalogues>();

/**
 * The shipped catalogues with the `knowledge` keys of `creepyline.json` merged in, layer by layer
 * (the configuration files from the root down to the file).
 * Throws {@link CatalogueError} naming the key path of the first malformed part. Equal extensions
 * give the same (shared) object, so indexes built from it are built once.
 */
export function mergeCatalogues(layers: readonly Record<string, unknown>[] | undefined): Catalogues {
  if (!layers || layers.every((l) => Object.keys(l).length === 0)) return BUILTIN_CATALOGUES;
  const key = JSON.stringify(layers);
  const cached = mergedCache.get(key);
  if (cached) return cached;
  const result: Record<string, unknown> = { ...SHIPPED };
  for (const [name, extension] of layers.flatMap((l) => Object.entries(l))) {
    const shape = shapesOf().get(name as CatalogueName);
    if (!shape) throw new CatalogueError(`knowledge.${name}`, `unknown catalogue; known: ${Object.keys(SHIPPED).join(', ')}`);
    if (!isObject(extension)) throw new CatalogueError(`knowledge.${name}`, 'expected an object with the shape of the shipped file');
    const merged = merge(result[name] as JsonValue, extension, shape, `knowledge.${name}`);
    try {
      checks[name as CatalogueName]?.(merged);
    } catch (error) {
      throw new CatalogueError(`knowledge.${name}`, (error as Error).message);
    }
    result[name] = merged;
  }
  const catalogues = result as Catalogues;
  if (mergedCache.size > 32) mergedCache.clear();
  mergedCache.set(key, catalogues);
  return catalogues;
}

/** For tests: the identity key and required keys inferred for a list, by catalogue and key path. */
export function inferredList(name: CatalogueName, ...path: string[]): { identity?: string; required?: string[] } | undefined {
  let shape: Shape | undefined = shapesOf().get(name);
  for (const key of path) shape = shape?.object?.get(key) ?? shape?.map;
  const items = shape?.array;
  return items ? { identity: items.identity, required: items.required } : undefined;
}
