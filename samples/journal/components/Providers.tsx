'use client';
/**
 * c15t is the journal's consent manager: it renders the banner and dialog and answers
 * `has(category)` for the rest of the app. PostHog starts once measurement is allowed.
 */
import { ConsentManagerDialog, ConsentManagerProvider, CookieBanner, useConsentManager } from '@c15t/nextjs';
import posthog from 'posthog-js';
import { useEffect, type ReactNode } from 'react';

const POSTHOG_KEY = process.env.NEXT_PUBLIC_POSTHOG_KEY ?? '';

function PostHogStarter() {
  const { has } = useConsentManager();
  const measurementAllowed = has('measurement');

  useEffect(() => {
    if (measurementAllowed) {
      posthog.init(POSTHOG_KEY, {
        api_host: 'https://eu.i.posthog.com',
        capture_pageview: false,
        persistence: 'localStorage+cookie',
      });
    }
  }, [measurementAllowed]);

  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <ConsentManagerProvider
      options={{
        mode: 'offline',
        consentCategories: ['necessary', 'measurement', 'marketing'],
        ignoreGeoLocation: true,
      }}
    >
      <CookieBanner />
      <ConsentManagerDialog />
      <PostHogStarter />
      {children}
    </ConsentManagerProvider>
  );
}
