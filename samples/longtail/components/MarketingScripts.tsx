'use client';

import Script from 'next/script';
import { useEffect, useState } from 'react';

declare global {
  interface Window {
    Cookiebot?: { consent: { marketing: boolean; statistics: boolean } };
  }
}

/** Scripts that wait for Cookiebot: the giveaway widget only runs after marketing consent. */
export function MarketingScripts() {
  const [marketing, setMarketing] = useState(false);
  useEffect(() => {
    const update = () => setMarketing(window.Cookiebot?.consent.marketing === true);
    window.addEventListener('CookiebotOnConsentReady', update);
    return () => window.removeEventListener('CookiebotOnConsentReady', update);
  }, []);

  return <>{window.Cookiebot?.consent.marketing && <Script src="https://js.gleam.io/e.js" strategy="lazyOnload" />}</>;
}
