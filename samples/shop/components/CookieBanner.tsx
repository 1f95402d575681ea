/**
 * Cookiebot: loads the consent banner before the app hydrates. Blocking is manual: our own
 * code asks `hasConsent()` (lib/consent.ts) before it tracks or embeds anything.
 */
import Script from 'next/script';

const COOKIEBOT_ID = process.env.NEXT_PUBLIC_COOKIEBOT_ID ?? '';

export default function CookieBanner() {
  return (
    <Script
      id="Cookiebot"
      src="https://consent.cookiebot.com/uc.js"
      data-cbid={COOKIEBOT_ID}
      data-culture="en"
      data-blockingmode="manual"
      strategy="beforeInteractive"
    />
  );
}
