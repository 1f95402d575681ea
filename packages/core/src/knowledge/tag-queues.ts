/**
 * Tracker queues (`tag-queues.json`): global functions that only store commands until the
 * vendor's loader script runs (gtag, dataLayer.push, fbq, _paq.push). A queued command sends
 * nothing by itself, so it inherits the gating of the loader.
 */
import catalogue from './tag-queues.json';

export interface TagQueue {
  id: string;
  callees: readonly string[];
  vendors: readonly string[];
  loaderVendors: readonly string[];
  source: string;
}

export const TAG_QUEUES: readonly TagQueue[] = catalogue.queues;

const GLOBAL_PREFIX = /^(?:window|globalThis|self)\s*\.\s*/;

/** The queue a global call of `vendorId` written as `label` goes through, if any. */
export function queueOf(vendorId: string, label: string): TagQueue | undefined {
  const callee = label.replace(GLOBAL_PREFIX, '').replace(/\s+/g, '');
  return TAG_QUEUES.find((q) => q.vendors.includes(vendorId) && q.callees.includes(callee));
}
