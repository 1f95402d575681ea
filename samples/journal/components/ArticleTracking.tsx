'use client';
/** Reading analytics for an article page, plus the Pinterest "engaged readers" audience. */
import { useConsentManager } from '@c15t/nextjs';
import posthog from 'posthog-js';
import { useEffect } from 'react';

export function ArticleTracking({ slug, topic }: { slug: string; topic: string }) {
  const { has } = useConsentManager();

  useEffect(() => {
    if (!has('measurement')) return;
    posthog.capture('article_viewed', { slug, topic });

    // Readers who stay 45 seconds join the Pinterest audience for the autumn brew-guide pins.
    const engaged = window.setTimeout(() => {
      pintrk('track', 'pagevisit', { line_items: [{ product_category: topic }] });
    }, 45_000);
    return () => window.clearTimeout(engaged);
  }, [has, slug, topic]);

  return null;
}
