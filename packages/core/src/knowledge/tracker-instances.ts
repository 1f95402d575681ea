/**
 * Tracker instances (`tracker-instances.json`): SDK factories whose return value sends
 * (`AnalyticsBrowser.load`, `posthog.init`, `new Analytics(…)`, `Mixpanel.init`). A module
 * that exports such an instance makes its methods tracker calls wherever it is imported.
 */
import { activeCatalogues, BUILTIN_CATALOGUES } from './catalogues';
import type { VendorEntry } from './types';

export interface TrackerFactory {
  vendor: string;
  module: string;
  /** The export the instance is made from: a name, `default`, or `*`. */
  export: string;
  /** `new` (constructor), `call` (the export called), or the static method that creates it. */
  create: string;
  methods: readonly string[];
  server?: boolean;
  source: string;
}

/** The shipped factories; the analysis reads the active catalogues (with `knowledge.trackerInstances`). */
export const TRACKER_FACTORIES: readonly TrackerFactory[] = BUILTIN_CATALOGUES.trackerInstances.factories;

function factories(): readonly TrackerFactory[] {
  return activeCatalogues().trackerInstances.factories;
}

const DEFAULTISH = new Set(['default', '*']);

/**
 * The factory behind a creation written as `path` on an import of `module` bound as `exportName`
 * (`AnalyticsBrowser.load` → export `AnalyticsBrowser`, method `load`; `posthog.init` on the
 * default export; `new Analytics` → `new`; `createInstance()` → `call`).
 */
export function factoryOf(module: string, exportName: string, rest: readonly string[], isNew: boolean): TrackerFactory | undefined {
  // `import * as amplitude` + `amplitude.createInstance()`: the namespace member is the export
  const readings: [string, readonly string[]][] = [[exportName, rest]];
  if (exportName === '*' && rest.length > 0) readings.push([rest[0], rest.slice(1)]);
  for (const [name, tail] of readings) {
    for (const f of factories()) {
      if (f.module !== module) continue;
      if (f.export !== name && !(DEFAULTISH.has(f.export) && DEFAULTISH.has(name))) continue;
      if (f.create === 'new' ? isNew && tail.length === 0 : f.create === 'call' ? !isNew && tail.length === 0 : !isNew && tail.length === 1 && tail[0] === f.create) return f;
    }
  }
  return undefined;
}

/**
 * The catalogued vendor a name speaks of (`posthog`, `mixpanel`, `segment`: an import binding or the
 * last segment of an unresolved module specifier), by its id or its name as one word; undefined for
 * generic names (`analytics`, `tracker`), which no vendor is called.
 */
export function vendorNamed(name: string, vendors: readonly VendorEntry[]): VendorEntry | undefined {
  const word = name.replace(/\.[cm]?[jt]sx?$/, '').toLowerCase().replace(/[^a-z0-9]/g, '');
  if (word.length < 4) return undefined;
  return vendorWords(vendors).get(word);
}

/** Each vendor's id and name as one word (`googleanalytics4`), first vendor in the list first; once per vendor list. */
const vendorWordIndex = new WeakMap<readonly VendorEntry[], Map<string, VendorEntry>>();

function vendorWords(vendors: readonly VendorEntry[]): Map<string, VendorEntry> {
  let index = vendorWordIndex.get(vendors);
  if (!index) {
    index = new Map();
    // the first vendor whose id or name matches wins, as a scan of the list in order would give
    for (const v of vendors) {
      for (const w of [v.id.replace(/[^a-z0-9]/g, ''), v.name.toLowerCase().replace(/[^a-z0-9]/g, '')]) {
        if (!index.has(w)) index.set(w, v);
      }
    }
    vendorWordIndex.set(vendors, index);
  }
  return index;
}

/** Methods that send data on a vendor's SDK objects and instances (its factories', its imports', its global's). */
export function vendorMethods(vendor: VendorEntry): Set<string> {
  const methods = new Set<string>();
  for (const f of factories()) if (f.vendor === vendor.id) f.methods.forEach((m) => methods.add(m));
  for (const shape of vendor.imports ?? []) {
    if (shape.as !== 'object' && shape.as !== 'class') continue;
    shape.methods?.forEach((m) => methods.add(m));
    shape.instanceMethods?.forEach((m) => methods.add(m));
  }
  for (const g of vendor.globals ?? []) {
    const dot = g.callee.indexOf('.');
    if (dot > 0) methods.add(g.callee.slice(dot + 1));
  }
  return methods;
}
