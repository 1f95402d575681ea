'use client';
/**
 * Segment, feeding the data warehouse (customer analytics). Set up by the data team from
 * Segment's Next.js quick start.
 */
import { AnalyticsBrowser } from '@segment/analytics-next';
import { hasConsent } from './consent';

const SEGMENT_WRITE_KEY = process.env.NEXT_PUBLIC_SEGMENT_WRITE_KEY ?? '';

export const analytics = AnalyticsBrowser.load({ writeKey: SEGMENT_WRITE_KEY });

/** Links the browser to the customer record after login, for cohort reports. */
export function identifyCustomer(customerId: string, traits: { email: string; firstName: string }): void {
  if (!hasConsent('statistics')) return;
  analytics.identify(customerId, traits);
}

export function trackOrderCompleted(order: { id: string; totalCents: number; skus: string[] }): void {
  if (hasConsent('statistics')) {
    analytics.track('Order Completed', {
      order_id: order.id,
      revenue: order.totalCents / 100,
      currency: 'EUR',
      products: order.skus.map((sku) => ({ sku })),
    });
  }
}
