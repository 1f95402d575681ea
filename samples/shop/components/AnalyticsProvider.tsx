'use client';
/**
 * Wires tracking into the app: Consent Mode defaults first, then the Google tag (for
 * Google Ads, see lib/ads.ts), then whatever the visitor agreed to in Cookiebot.
 */
import Script from 'next/script';
import { usePathname } from 'next/navigation';
import posthog from 'posthog-js';
import { useEffect, type ReactNode } from 'react';
import { initAnalytics } from '@/lib/analytics';
import { applyConsentDefaults, syncConsentMode } from '@/lib/consent-mode';

const GOOGLE_TAG_ID = 'AW-11104953721';
const POSTHOG_KEY = process.env.NEXT_PUBLIC_POSTHOG_KEY ?? '';

export default function AnalyticsProvider({ children }: { children: ReactNode }) {
  const pathname = usePathname();

  useEffect(() => {
    applyConsentDefaults();

    const onConsent = () => {
      syncConsentMode();
      initAnalytics();
      if (Cookiebot.consent.statistics) {
        posthog.init(POSTHOG_KEY, {
          api_host: 'https://eu.i.posthog.com',
          person_profiles: 'identified_only',
          capture_pageview: false,
        });
      }
    };
    window.addEventListener('CookiebotOnAccept', onConsent);
    return () => window.removeEventListener('CookiebotOnAccept', onConsent);
  }, []);

  // One page view per client-side navigation.
  useEffect(() => {
    if (!Cookiebot.consent.statistics) return;
    posthog.capture('$pageview', { $current_url: window.location.origin + pathname });
  }, [pathname]);

  return (
    <>
      <Script
        id="google-tag"
        src={`https://www.googletagmanager.com/gtag/js?id=${GOOGLE_TAG_ID}`}
        strategy="lazyOnload"
      />
      {children}
    </>
  );
}
