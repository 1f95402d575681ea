/**
 * tracking-without-consent and a site's own consent events (issue 14 item 2; DESIGN Decisions):
 * a listener of a custom event whose name speaks of consent gates only when every dispatch of
 * the event sits in an accept path. Each case written for this table.
 */
import { runRuleTests } from '../testing/rule-tester';
import { rule } from './tracking-without-consent';

/** The tracker side: GA loaded in a listener of the banner's event. */
const listener = "window.addEventListener('cookie-consent-accepted', () => {\n  const s = document.createElement('script');\n  s.src = 'https://www.googletagmanager.com/gtag/js?id=G-1';\n  document.head.appendChild(s);\n});\n";

runRuleTests(rule, {
  valid: [
    {
      name: 'dispatched by a click on an accept button (another file, plain DOM)',
      code: listener,
      files: { 'banner.js': "const accept = document.getElementById('cookie-accept');\naccept.addEventListener('click', () => {\n  localStorage.setItem('cookie-consent', 'accepted');\n  window.dispatchEvent(new CustomEvent('cookie-consent-accepted'));\n});\n" },
    },
    {
      name: 'dispatched by a React accept button and behind a stored granted choice on load',
      code: listener,
      files: {
        'Banner.tsx': "const EVENT = new Event('cookie-consent-accepted');\nexport function Banner() {\n  const acceptAll = () => {\n    localStorage.setItem('cookie-consent', 'granted');\n    window.dispatchEvent(EVENT);\n  };\n  return <div><p>We use cookies.</p><button onClick={acceptAll}>Accept all</button></div>;\n}\n",
        'boot.js': "if (localStorage.getItem('cookie-consent') === 'granted') {\n  window.dispatchEvent(new CustomEvent('cookie-consent-accepted'));\n}\n",
      },
    },
    {
      name: 'a named listener, unsubscribed elsewhere (removeEventListener is not a call)',
      code: "function startAnalytics() {\n  gtag('event', 'page_view');\n}\nwindow.addEventListener('consent:granted', startAnalytics);\nexport function teardown() {\n  window.removeEventListener('consent:granted', startAnalytics);\n}\n",
      files: {
        'banner.js': "document.querySelector('#accept-cookies').addEventListener('click', function onAccept() {\n  document.dispatchEvent(new Event('consent:granted'));\n});\n",
        'tag.html': '<script>window.addEventListener("consent:granted", function () { var s = document.createElement("script"); s.src = "https://www.googletagmanager.com/gtag/js?id=G-1"; document.head.appendChild(s); });</script>\n',
      },
    },
    {
      name: 'stored choice read with includes, and a shared SDK instance called in the listener',
      code: "import { posthog } from './posthog.js';\nwindow.addEventListener('site-consent-granted', () => posthog.capture('consented'));\n",
      filename: 'tracking.js',
      files: {
        'posthog.js': "import posthogJs from 'posthog-js';\nif (localStorage.getItem('site-consent')?.includes('\"granted\"')) var unused = 1;\nexport const posthog = posthogJs.init('phc_x', {}, 'site');\n",
        'boot.js': "if (localStorage.getItem('site-consent')?.includes('\"granted\"')) {\n  window.dispatchEvent(new CustomEvent('site-consent-granted'));\n}\nif (document.cookie.includes('cookie_consent=accepted')) window.dispatchEvent(new Event('site-consent-granted'));\n",
      },
    },
    // hand-written banners without an event (issue 14 item 11, patterns from the false-positive hunt)
    {
      name: 'tracker loaded in the click handler of an accept button',
      code: "const grantButton = document.getElementById('grant-consent');\ngrantButton.addEventListener('click', function () {\n  localStorage.setItem('consentGranted', 'true');\n  const s = document.createElement('script');\n  s.src = 'https://www.googletagmanager.com/gtag/js?id=G-1';\n  document.head.appendChild(s);\n});\n",
    },
    {
      name: 'a React accept button and an accept handler called only from the markup',
      code: "export function Banner() {\n  return <button onClick={() => mixpanel.track('consented')}>Accept all cookies</button>;\n}\nfunction acceptCookies() {\n  localStorage.setItem('cookiesAccepted', 'true');\n  fbq('track', 'PageView');\n}\n",
      filename: 'Banner.tsx',
    },
    "if (document.cookie.includes('cookieAccepted=true')) mixpanel.track('x');\n",
    "import { Cookies } from 'react-cookie-consent';\nconst consentCookieName = 'CookieConsent';\nif (Cookies.get(consentCookieName) === `true`) mixpanel.track('x');\n",
    "gtag('set', 'ads_data_redaction', true);\ngtag('set', { allow_google_signals: false, allow_ad_personalization_signals: false });\n",
    "window.dataLayer.push({ event: 'consent_update', analytics_storage: 'granted', ad_storage: 'denied' });\n",
  ],
  invalid: [
    {
      name: 'reject and neutral controls, a non-consent accept handler, a cookie not about consent, tracking set commands and pushes',
      code: "document.getElementById('cookie-reject').addEventListener('click', () => mixpanel.track('a'));\ndocument.getElementById('menu').addEventListener('click', () => mixpanel.track('b'));\nfunction acceptInvite() { mixpanel.track('c'); }\nif (document.cookie.includes('theme=true')) mixpanel.track('d');\ngtag('set', 'url_passthrough', true);\ndataLayer.push({ event: 'consent_update', value: 10 });\n",
      errors: [
        { messageId: 'notGated', line: 1 },
        { messageId: 'notGated', line: 2 },
        { messageId: 'notGated', line: 3 },
        { messageId: 'notGated', line: 4 },
        { messageId: 'notGated', line: 5 },
        { messageId: 'notGated', line: 6 },
      ],
    },
    {
      name: 'a shared SDK instance in the listener of an event dispatched at page load without a stored choice',
      code: "import { posthog } from './posthog.js';\nwindow.addEventListener('site-consent-granted', () => posthog.capture('consented'));\n",
      filename: 'tracking.js',
      files: {
        'posthog.js': "import posthogJs from 'posthog-js';\nexport const posthog = posthogJs.init('phc_x', {}, 'site');\n",
        'boot.js': "if (localStorage.getItem('site-language') === 'en') window.dispatchEvent(new CustomEvent('site-consent-granted'));\n",
      },
      errors: [{ messageId: 'notGated', line: 2, message: 'posthog.capture' }],
    },
    {
      name: 'no dispatch of the event in the analysed files',
      code: listener,
      errors: [{ messageId: 'notGated', line: 3, message: 'Google' }],
    },
    {
      name: 'dispatched on scroll as well as on accept',
      code: listener,
      files: {
        'banner.js': "document.getElementById('accept').addEventListener('click', () => window.dispatchEvent(new Event('cookie-consent-accepted')));\nwindow.addEventListener('scroll', () => {\n  if (window.scrollY > 400) window.dispatchEvent(new Event('cookie-consent-accepted'));\n}, { once: true });\n",
      },
      errors: [{ messageId: 'notGated', line: 3 }],
    },
    {
      name: 'dispatched from a timer and on page load',
      code: listener,
      files: {
        'a.js': "setTimeout(() => window.dispatchEvent(new Event('cookie-consent-accepted')), 5000);\n",
        'b.js': "document.addEventListener('DOMContentLoaded', () => document.dispatchEvent(new Event('cookie-consent-accepted')));\n",
      },
      errors: [{ messageId: 'notGated', line: 3 }],
    },
    {
      name: 'dispatched by a click on a close button and by the reject button',
      code: listener,
      files: {
        'Banner.tsx': "export function Banner() {\n  const close = () => window.dispatchEvent(new Event('cookie-consent-accepted'));\n  return <div><button onClick={close}>Reject all</button><button aria-label=\"Close\" onClick={() => window.dispatchEvent(new Event('cookie-consent-accepted'))}>×</button></div>;\n}\n",
      },
      errors: [{ messageId: 'notGated', line: 3 }],
    },
    {
      name: 'a named tracker function called at load as well as from the listener',
      code: "function startAnalytics() {\n  gtag('event', 'page_view');\n}\nwindow.addEventListener('consent:granted', startAnalytics);\nstartAnalytics();\n",
      files: {
        'banner.js': "document.querySelector('#accept-cookies').addEventListener('click', () => document.dispatchEvent(new Event('consent:granted')));\n",
        'tag.js': "const s = document.createElement('script');\ns.src = 'https://www.googletagmanager.com/gtag/js?id=G-1';\ndocument.head.appendChild(s);\n",
      },
      errors: [{ messageId: 'notGated', line: 2 }],
    },
  ],
});
