/**
 * Tracker queues (`tag-queues.json`): global functions that only store commands until the
 * vendor's loader script runs (gtag, dataLayer.push, fbq, _paq.push). A queued command sends
 * nothing by itself, so it inherits the gating of the loader.
 */
import { activeCatalogues, BUILTIN_CATALOGUES } from './catalogues';

export interface TagQueue {
  id: string;
  callees: readonly string[];
  vendors: readonly string[];
  loaderVendors: readonly string[];
  source: string;
}

/** The shipped queues; the analysis reads the active catalogues (with `knowledge.tagQueues`). */
export const TAG_QUEUES: readonly TagQueue[] = BUILTIN_CATALOGUES.tagQueues.queues;

const GLOBAL_PREFIX = /^(?:window|globalThis|self)\s*\.\s*/;

/** The queue a global call of `vendorId` written as `label` goes through, if any. */
export function queueOf(vendorId: string, label: string): TagQueue | undefined {
  const callee = label.replace(GLOBAL_PREFIX, '').replace(/\s+/g, '');
  return activeCatalogues().tagQueues.queues.find((q) => q.vendors.includes(vendorId) && q.callees.includes(callee));
}
