'use client';
/**
 * Google Ads conversion tracking, set up by our performance agency (Q3 campaign).
 * The Google tag itself is loaded by components/AnalyticsProvider.tsx.
 */
import { hasConsent } from './consent';
import { ensureGtagQueue } from './consent-mode';

const GOOGLE_ADS_ID = 'AW-11104953721';
const PURCHASE_LABEL = 'kH3rCJ-Lx9gYEPn4q6wp';

if (typeof window !== 'undefined') {
  ensureGtagQueue();
  // Agency: "conversion modelling needs ad_storage, so default it to granted".
  window.gtag('consent', 'default', { ad_storage: 'granted' });
  window.gtag('config', GOOGLE_ADS_ID, { allow_enhanced_conversions: false });
}

export interface ConversionOrder {
  id: string;
  totalCents: number;
  currency: 'EUR';
}

/** Reports a completed order to Google Ads. */
export function trackPurchaseConversion(order: ConversionOrder): void {
  if (hasConsent('marketing')) {
    window.gtag('event', 'conversion', {
      send_to: `${GOOGLE_ADS_ID}/${PURCHASE_LABEL}`,
      value: order.totalCents / 100,
      currency: order.currency,
      transaction_id: order.id,
    });
  }
}
