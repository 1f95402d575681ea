/**
 * Server-side analytics: one Segment client for the whole back end. The helpers take what
 * the callers pass and hand it to Segment unchanged.
 */
import { Analytics } from '@segment/analytics-node';

const segment = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY ?? '' });

/** Tells Segment who the customer is; `traits` go to every destination connected in Segment. */
export function identifyCustomer(userId: string, traits: Record<string, unknown>): void {
  segment.identify({ userId, traits });
}

/** A product event without customer data. */
export function trackEvent(userId: string, event: string): void {
  segment.track({ userId, event });
}
