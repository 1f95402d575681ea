/**
 * tracking-without-consent with the consent tools of the web-scale catalogue: each tool's check API
 * and blocking markup gate a tracker, a check for the wrong purpose does not, and a page that loads a
 * consent tool gets that tool's API in the fix.
 */
import { runRuleTests } from '../testing/rule-tester';
import { rule } from './tracking-without-consent';

runRuleTests(rule, {
  valid: [
    // CookieYes: a category read on getCkyConsent()'s result
    "if (window.getCkyConsent?.().categories?.analytics) gtag('event', 'page_view');\n",
    "const consent = getCkyConsent();\nif (getCkyConsent().categories.advertisement) fbq('track', 'Lead');\n",
    { code: '<script type="text/plain" data-cookieyes="cookieyes-analytics" src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>\n', filename: 'index.html' },
    // iubenda: general consent, and its purpose markup
    "if (_iub.cs.api.isConsentGiven()) fbq('track', 'PageView');\n",
    { code: '<script type="text/plain" class="_iub_cs_activate" data-iub-purposes="4" src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>\n', filename: 'index.html' },
    // Complianz, CookieHub: a category argument
    "if (cmplz_has_consent('statistics')) _paq.push(['trackPageView']);\n",
    "if (window.cookiehub.hasConsented('marketing')) fbq('track', 'Lead');\n",
    // Borlabs: consent for a named service
    "if (window.BorlabsCookie.Consents.hasConsent('meta-pixel')) fbq('track', 'Lead');\n",
    // Transcend: a purpose on airgap.getConsent()
    "if (airgap.getConsent().purposes.Advertising) fbq('track', 'Lead');\n",
    // consentmanager.net blocking markup on a vendor
    { code: '<script type="text/plain" class="cmplazyload" data-cmp-vendor="s26" src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>\n', filename: 'index.html' },
  ],
  invalid: [
    {
      // a category read for the wrong purpose
      code: "if (getCkyConsent().categories.analytics) fbq('track', 'Lead');\n",
      errors: [{ messageId: 'wrongCategory', line: 1 }],
    },
    {
      code: '<script type="text/plain" class="_iub_cs_activate" data-iub-purposes="4" src="https://connect.facebook.net/en_US/fbevents.js"></script>\n',
      filename: 'index.html',
      errors: [{ messageId: 'wrongCategory', line: 1 }],
    },
    {
      code: "if (cmplz_has_consent('statistics')) fbq('track', 'Lead');\n",
      errors: [{ messageId: 'wrongCategory', line: 1 }],
    },
    {
      // the page loads Cookiebot: the fix uses Cookiebot's API instead of a placeholder
      code: "import Script from 'next/script';\nexport function Layout() {\n  return <Script src=\"https://consent.cookiebot.com/uc.js\" data-cbid=\"x\" />;\n}\nexport function track() {\n  fbq('track', 'Lead');\n}\n",
      filename: 'layout.tsx',
      errors: [{ messageId: 'notGated', line: 6, message: 'Meta Pixel' }],
      output: "import Script from 'next/script';\nexport function Layout() {\n  return <Script src=\"https://consent.cookiebot.com/uc.js\" data-cbid=\"x\" />;\n}\nexport function track() {\n  if (window.Cookiebot?.consent?.marketing) {\n    fbq('track', 'Lead');\n  }\n}\n",
    },
  ],
});
