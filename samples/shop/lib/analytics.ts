'use client';
/**
 * Ferncroft's tracking wrapper: product analytics (Mixpanel, GA4 through react-ga4,
 * PostHog) and the Meta pixel. Components call these helpers instead of the SDKs, so
 * every event goes through one consent check.
 */
import mixpanel from 'mixpanel-browser';
import posthog from 'posthog-js';
import ReactPixel from 'react-facebook-pixel';
import ReactGA from 'react-ga4';
import { hasConsent } from './consent';

const MIXPANEL_TOKEN = process.env.NEXT_PUBLIC_MIXPANEL_TOKEN ?? '';
const GA_MEASUREMENT_ID = process.env.NEXT_PUBLIC_GA_ID ?? '';
const META_PIXEL_ID = process.env.NEXT_PUBLIC_META_PIXEL_ID ?? '';

export interface ProductSummary {
  sku: string;
  name: string;
  category: 'beans' | 'equipment' | 'subscription';
  priceCents: number;
}

let initialised = false;

/** Starts the SDKs the visitor agreed to. Called from the Cookiebot callback. */
export function initAnalytics(): void {
  if (initialised) return;
  initialised = true;

  if (hasConsent('statistics')) {
    mixpanel.init(MIXPANEL_TOKEN, {
      api_host: 'https://api-eu.mixpanel.com',
      persistence: 'localStorage',
      ip: false,
    });
    ReactGA.initialize(GA_MEASUREMENT_ID, { gtagOptions: { send_page_view: false } });
  }

  if (!hasConsent('marketing')) return;
  ReactPixel.init(META_PIXEL_ID, undefined, { autoConfig: true, debug: false });
  sendPixelEvent('PageView');
}

/** Meta pixel events; only ever called behind a marketing consent check. */
function sendPixelEvent(event: string, data?: Record<string, unknown>): void {
  ReactPixel.track(event, data);
}

export function trackProductView(product: ProductSummary): void {
  hasConsent('statistics') && mixpanel.track('Product Viewed', {
    sku: product.sku,
    category: product.category,
    price: product.priceCents / 100,
  });
  if (hasConsent('marketing')) {
    sendPixelEvent('ViewContent', { content_ids: [product.sku], content_type: 'product' });
  }
}

export function trackAddToCart(product: ProductSummary, quantity: number): void {
  if (hasConsent('statistics')) {
    ReactGA.event('add_to_cart', {
      currency: 'EUR',
      value: (product.priceCents * quantity) / 100,
      items: [{ item_id: product.sku, item_name: product.name, quantity }],
    });
  }
}

export function trackSearch(resultCount: number): void {
  hasConsent('statistics')
    ? posthog.capture('search_performed', { result_count: resultCount })
    : undefined;
}

/** Newsletter sign-up from the footer form. */
export function trackNewsletterSignup(source: 'footer' | 'checkout'): void {
  if (!hasConsent('statistics')) return;
  mixpanel.track('Newsletter Signup', { source });
  // Lead event for the Meta campaign "Spring Roasts"
  ReactPixel.track('Lead', { content_category: 'newsletter' });
}
