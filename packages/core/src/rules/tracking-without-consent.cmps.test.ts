/**
 * tracking-without-consent with the consent tools of the web-scale catalogue: each tool's check API
 * and blocking markup gate a tracker, a check for the wrong purpose does not, and a page that loads a
 * consent tool gets that tool's API in the fix.
 */
import { runRuleTests } from '../testing/rule-tester';
import { rule } from './tracking-without-consent';

runRuleTests(rule, {
  valid: [
    // HubSpot privacy commands send nothing
    "_hsq.push(['doNotTrack', { track: false }]);\n_hsq.push(['revokeCookieConsent']);\n",
    // tarteaucitron: a custom service's js function runs when the visitor allows the service
    "tarteaucitron.services.mixpanel = {\n  key: 'mixpanel', type: 'analytic', needConsent: true,\n  js: function () {\n    tarteaucitron.addScript('https://cdn.mxpnl.com/libs/mixpanel-2-latest.min.js', '', function () { mixpanel.track('x'); });\n  },\n};\n",
    // per-purpose callbacks: the callback's category parameter compared with a category word (issue 14 item 4)
    "window.cookiehub.load({ onAllow: function (category) { if (category === 'analytics') mixpanel.track('x'); } });\n",
    "window.cookiehub.load({ onAllow: (category) => { if (category != 'marketing') return; fbq('track', 'Lead'); } });\n",
    "window.cookiehub.load({ onAllow: (category) => { switch (category) { case 'analytics': mixpanel.track('x'); break; } } });\n",
    "window.cookiehub.load({ onAllow: (category) => { if (['analytics', 'statistics'].includes(category)) mixpanel.track('x'); } });\n",
    "window.cookiehub.load({ onAllow: (category) => { if (category.indexOf('analytics') > -1) mixpanel.track('x'); } });\n",
    "CookieConsent.run({ onConsent: ({ cookie }) => { if (cookie.categories.includes('analytics')) mixpanel.track('x'); } });\n",
    "Osano.cm.addEventListener('osano-cm-consent-saved', (change) => { if (change.ANALYTICS === 'ACCEPT') mixpanel.track('x'); });\n",
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
      name: 'tarteaucitron: a service that needs no consent, and a fallback that runs on refusal',
      code: "tarteaucitron.services.a = { key: 'a', needConsent: false, js: function () { mixpanel.track('a'); } };\ntarteaucitron.services.b = { key: 'b', needConsent: true, fallback: function () { mixpanel.track('b'); } };\n",
      errors: [
        { messageId: 'notGated', line: 1 },
        { messageId: 'notGated', line: 2 },
      ],
    },
    {
      name: 'per-purpose callback: no test of the category, the wrong category, a mixed list, or another variable',
      code: "window.cookiehub.load({ onAllow: (category) => { mixpanel.track('a'); } });\nwindow.cookiehub.load({ onAllow: (category) => { if (category == 'marketing') mixpanel.track('b'); } });\nwindow.cookiehub.load({ onAllow: (category) => { if (['analytics', 'marketing'].includes(category)) mixpanel.track('c'); } });\nwindow.cookiehub.load({ onAllow: (category) => { const other = 'x'; if (other === 'analytics') mixpanel.track('d'); } });\n",
      errors: [
        { messageId: 'notGated', line: 1 },
        { messageId: 'wrongCategory', line: 2, message: 'marketing' },
        { messageId: 'notGated', line: 3 },
        { messageId: 'notGated', line: 4 },
      ],
    },
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
