'use client';
/**
 * Google Consent Mode v2. Every Google storage type starts as `denied`; `syncConsentMode`
 * mirrors the visitor's Cookiebot choice once they made one. Must run before the Google
 * tag loader (components/AnalyticsProvider.tsx calls it first).
 */
import { hasConsent } from './consent';

/** Creates the dataLayer queue and the gtag() function that feeds it (Google's snippet). */
export function ensureGtagQueue(): void {
  window.dataLayer = window.dataLayer || [];
  window.gtag =
    window.gtag ||
    function gtag() {
      // eslint-disable-next-line prefer-rest-params
      window.dataLayer.push(arguments);
    };
}

/** Records the "nothing granted yet" defaults before any Google tag runs. */
export function applyConsentDefaults(): void {
  ensureGtagQueue();
  window.gtag('consent', 'default', {
    ad_storage: 'denied',
    ad_user_data: 'denied',
    ad_personalization: 'denied',
    analytics_storage: 'denied',
    wait_for_update: 500,
  });
}

/** Passes the visitor's current Cookiebot choice on to Google's tags. */
export function syncConsentMode(): void {
  const marketing = hasConsent('marketing') ? 'granted' : 'denied';
  window.gtag('consent', 'update', {
    ad_storage: marketing,
    ad_user_data: marketing,
    ad_personalization: marketing,
    analytics_storage: hasConsent('statistics') ? 'granted' : 'denied',
  });
}
