import { runRuleTests } from '../testing/rule-tester';
import { rule } from './tracking-without-consent';

const teamConsent = { consent: { functions: ['hasConsent'] } };

/** An exported tracking wrapper; the cross-file cases vary its callers. */
const POSTHOG_WRAPPER = "import posthog from 'posthog-js';\nexport function track(event: string) {\n  posthog.capture(event);\n}\n";

runRuleTests(rule, {
  valid: [
    {
      // names are not identities: `posthog.identify` inside a local `identify` is not a recursive call of it
      code: "import { hasAnalyticsConsent } from './consent';\nexport async function identifyUser(id: string) {\n  if (!hasAnalyticsConsent()) return;\n  await identify();\n  async function identify() {\n    const posthog = (await import('posthog-js')).default;\n    posthog.identify(id);\n  }\n}\n",
      filename: 'lib/identify.ts',
      config: { consent: { functions: ['hasAnalyticsConsent'] } },
    },
    {
      // an object key or a class member sharing the function's name is not a call of it
      code: "function track(name) {\n  window.analytics.track(name);\n}\nconst api = { track: () => {} };\nclass Queue { track() {} }\nif (Cookiebot.consent.statistics) track('view');\n",
      filename: 'widget.js',
    },
    {
      // Decision: queued gtag commands send nothing until gtag.js loads; the loader waits for consent (in the layout)
      code: "gtag('event', 'sign_up', { method: 'newsletter' });\n",
      filename: 'app/signup/page.js',
      files: { 'app/layout.js': "if (Cookiebot.consent.statistics) {\n  const s = document.createElement('script');\n  s.src = 'https://www.googletagmanager.com/gtag/js?id=G-XXXX';\n  document.head.appendChild(s);\n}\n" },
    },
    {
      // the Meta Pixel stub queues fbq calls until fbevents.js loads, which a CMP blocks until marketing consent
      code: "fbq('init', '123');\nfbq('track', 'PageView');\n",
      filename: 'pixel.js',
      files: { 'index.html': '<script type="text/plain" data-cookieconsent="marketing" src="https://connect.facebook.net/en_US/fbevents.js"></script>\n' },
    },
    {
      // Decision: no advanced-mode finding on queue commands in a file that loads nothing
      code: "import './defaults';\ngtag('config', 'G-XXXX');\n",
      filename: 'app/tag.js',
      files: { 'app/defaults.js': "gtag('consent', 'default', { ad_storage: 'denied', analytics_storage: 'denied' });\n" },
    },
    // gtag('consent', …) configures Consent Mode; it is not a tracking call
    "gtag('consent', 'default', { ad_storage: 'denied', analytics_storage: 'denied' });",
    // if on a CMP check of the right category
    "if (Cookiebot.consent.statistics) {\n  gtag('event', 'page_view');\n}",
    // window-prefixed and optional chaining
    "if (window.Cookiebot?.consent?.marketing) window.fbq('track', 'Lead');",
    // early return
    "function trackLead() {\n  if (!Cookiebot.consent.marketing) return;\n  fbq('track', 'Lead');\n}\ntrackLead();",
    // && guard
    "Cookiebot.consent.statistics && _paq.push(['trackPageView']);",
    // || guard with negation
    "!Cookiebot.consent.statistics || gtag('event', 'scroll');",
    // ternary
    "const sent = Cookiebot.consent.marketing ? fbq('track', 'ViewContent') : null;",
    // else branch of a negated check
    "if (!Cookiebot.consent.statistics) {\n  console.log('no consent');\n} else {\n  gtag('event', 'page_view');\n}",
    // OneTrust active groups (C0002 = performance)
    "if (window.OnetrustActiveGroups.includes('C0002')) { gtag('event', 'page_view'); }",
    // OneTrust with indexOf
    "if (OnetrustActiveGroups.indexOf('C0004') > -1) { fbq('track', 'Purchase'); }",
    // orestbida cookieconsent, global and imported
    "if (CookieConsent.acceptedCategory('analytics')) { gtag('event', 'page_view'); }",
    { code: "import { acceptedCategory } from 'vanilla-cookieconsent';\nif (acceptedCategory('analytics')) { gtag('event', 'page_view'); }" },
    // OptanonWrapper with its own check inside
    "function OptanonWrapper() {\n  if (OnetrustActiveGroups.includes('C0004')) fbq('track', 'PageView');\n}",
    // team's own consent function from config
    { code: "import { hasConsent } from './consent';\nif (hasConsent('marketing')) fbq('track', 'Purchase');", config: teamConsent },
    // team function with a category map
    {
      code: "if (consentManager.allows('ads')) fbq('track', 'Purchase');",
      config: { consent: { functions: [{ name: 'consentManager.allows', categoryMap: { ads: 'marketing' } }] } },
    },
    // switch on consent state
    "switch (consentStatus) {\n  case 'granted':\n    gtag('event', 'page_view');\n    break;\n}",
    // const alias of a CMP check
    "const ok = Cookiebot.consent.statistics;\nif (ok) gtag('event', 'page_view');",
    // imported SDK behind a check
    { code: "import mixpanel from 'mixpanel-browser';\nexport function onClick() {\n  if (!Cookiebot.consent.statistics) return;\n  mixpanel.track('click');\n}" },
    // a local function named like a vendor method is not the vendor
    "function track(name) { console.log(name); }\ntrack('x');",
    // a parameter that shadows the Segment global
    "export function send(analytics) { analytics.track('x'); }",
    // a local object called mixpanel that is not the SDK
    "const mixpanel = { track: (e) => console.log(e) };\nmixpanel.track('x');",
    // every call site of a local helper is gated
    "const trackSignup = () => fbq('track', 'CompleteRegistration');\nif (Cookiebot.consent.marketing) trackSignup();",
    // React: effect with an early return on a hook's consent flag
    {
      code: "import { useEffect } from 'react';\nimport posthog from 'posthog-js';\nimport { useConsent } from './consent';\nexport function Analytics() {\n  const { analytics } = useConsent();\n  useEffect(() => {\n    if (!analytics) return;\n    posthog.init('phc_key');\n  }, [analytics]);\n  return null;\n}",
      filename: 'Analytics.tsx',
      config: { consent: { hooks: ['useConsent'] } },
    },
    // c15t hook with has()
    {
      code: "import { useConsentManager } from '@c15t/react';\nimport posthog from 'posthog-js';\nexport function Track() {\n  const { has } = useConsentManager();\n  if (has('measurement')) posthog.capture('view');\n  return null;\n}",
      filename: 'Track.tsx',
    },
    // JSX component rendered only with consent
    {
      code: "import { GoogleAnalytics } from '@next/third-parties/google';\nexport default function Layout({ consent }: { consent: { analytics: boolean } }) {\n  return <html><body>{consent.analytics && <GoogleAnalytics gaId=\"G-XYZ\" />}</body></html>;\n}",
      filename: 'layout.tsx',
    },
    // the team's consent component wraps the tracker
    {
      code: "import { GoogleAnalytics } from '@next/third-parties/google';\nimport { ConsentGate } from './consent';\nexport const Tags = () => <ConsentGate category=\"analytics\"><GoogleAnalytics gaId=\"G-XYZ\" /></ConsentGate>;",
      filename: 'tags.tsx',
      config: { consent: { components: ['ConsentGate'] } },
    },
    // react-cookie-consent onAccept callback
    {
      code: "import CookieConsent from 'react-cookie-consent';\nexport const Banner = () => <CookieConsent onAccept={() => { gtag('event', 'consent_given'); }}>We use cookies</CookieConsent>;",
      filename: 'Banner.tsx',
    },
    // react-cookie-consent value check
    "import { getCookieConsentValue } from 'react-cookie-consent';\nif (getCookieConsentValue() === 'true') gtag('event', 'page_view');",
    // HTML: script blocked by Cookiebot markup
    { code: '<script type="text/plain" data-cookieconsent="marketing" src="https://connect.facebook.net/en_US/fbevents.js"></script>', filename: 'index.html' },
    // HTML: inline snippet blocked by markup
    { code: "<script type=\"text/plain\" data-cookieconsent=\"statistics\">\n  gtag('config', 'G-XXXX');\n</script>", filename: 'index.html' },
    // HTML: inline script gated by a check
    { code: "<script>\n  if (window.Cookiebot && Cookiebot.consent.statistics) { gtag('config', 'G-XXXX'); }\n</script>", filename: 'page.html' },
    // heuristic flag named like consent (medium confidence: trusted, never reported)
    "if (userHasGivenConsent) { gtag('event', 'page_view'); }",
    // cross-file: the exported wrapper is only called behind consent checks
    {
      code: POSTHOG_WRAPPER,
      filename: 'lib/analytics.ts',
      files: {
        'app/page.ts': "import { track } from '../lib/analytics';\nif (Cookiebot.consent.statistics) track('view');\n",
        'app/cart.ts': "import * as analytics from '../lib/analytics';\nexport function add() {\n  if (!Cookiebot.consent.statistics) return;\n  analytics.track('add');\n}\n",
      },
    },
    // cross-file through a barrel re-export and a chain of wrappers
    {
      code: POSTHOG_WRAPPER,
      filename: 'lib/analytics.ts',
      files: {
        'lib/index.ts': "export { track } from './analytics';\n",
        'lib/checkout.ts': "import { track } from '.';\nexport const trackPurchase = () => track('purchase');\n",
        'app/done.tsx': "import { trackPurchase } from '../lib/checkout';\nexport function Done() {\n  if (Cookiebot.consent.statistics) trackPurchase();\n  return null;\n}\n",
      },
    },
    // an exported React component rendered only with consent elsewhere
    {
      code: "import { GoogleAnalytics } from '@next/third-parties/google';\nexport default function Tags() {\n  return <GoogleAnalytics gaId=\"G-1\" />;\n}\n",
      filename: 'components/Tags.tsx',
      files: { 'app/layout.tsx': "import Tags from '../components/Tags';\nexport default function Layout({ children }) {\n  return <body>{Cookiebot.consent.statistics && <Tags />}{children}</body>;\n}\n" },
    },
    // next/script inline snippet rendered only with consent
    {
      code: "import Script from 'next/script';\nexport function GA({ id }: { id: string }) {\n  if (!Cookiebot.consent.statistics) return null;\n  return <Script id=\"ga\">{`\n    window.dataLayer = window.dataLayer || [];\n    function gtag(){dataLayer.push(arguments);}\n    gtag('config', '${id}');\n  `}</Script>;\n}\n",
      filename: 'ga.tsx',
    },
    // a suppression comment above a multi-line tag still covers the finding anchored on its src (issue 14 item 7)
    {
      name: 'disable-next-line above a multi-line script tag suppresses the finding on its src',
      code: '<!doctype html>\n<!-- creepyline-disable-next-line tracking-without-consent -- loaded through the consent tool -->\n<script\n  async\n  src="https://www.googletagmanager.com/gtag/js?id=G-XXXX"\n></script>\n',
      filename: 'index.html',
      config: { requireJustification: true },
    },
    {
      name: 'disable-next-line above a multi-line JSX pixel suppresses the finding on its src',
      code: 'export const P = () => (\n  <div>\n    {/* creepyline-disable-next-line tracking-without-consent -- rendered only after consent by the parent */}\n    <img\n      width={1}\n      src="https://www.facebook.com/tr?id=1&ev=PageView&noscript=1"\n    />\n  </div>\n);\n',
      filename: 'p.tsx',
    },
    // a suppression comment of its own line inside an inline snippet (found by the suppression property test)
    {
      code: "export const Pixel = () => <script dangerouslySetInnerHTML={{ __html: `\n  // creepyline-disable-next-line tracking-without-consent -- loaded only after the CMP callback\n  fbq('init', '123');\n` }} />;\n",
      filename: 'pixel.tsx',
      config: { requireJustification: true },
    },
    // inline snippet blocked by CMP markup
    {
      code: "export const Pixel = () => <script type=\"text/plain\" data-cookieconsent=\"marketing\" dangerouslySetInnerHTML={{ __html: \"fbq('init', '123'); fbq('track', 'PageView');\" }} />;\n",
      filename: 'pixel.tsx',
    },
    // IAB TCF listener with its own purpose check (purpose 1: device access)
    "window.__tcfapi('addEventListener', 2, (tcData, success) => {\n  if (success && tcData.eventStatus === 'useractioncomplete' && tcData.purpose.consents[1]) {\n    fbq('track', 'PageView');\n  }\n});",
    // TCF purpose 7 (measure ad performance) gates a marketing pixel, whatever the parameter is called
    "__tcfapi('addEventListener', 2, (data) => {\n  if (data.purpose.consents[7]) ttq.track('ViewContent');\n});",
    // server-side: GA4 Measurement Protocol with the visitor's consent passed along
    {
      code: "export async function sendPurchase(clientId: string, consent: { ads: boolean }) {\n  await fetch('https://www.google-analytics.com/mp/collect?measurement_id=G-1&api_secret=s', {\n    method: 'POST',\n    body: JSON.stringify({ client_id: clientId, consent: { ad_user_data: consent.ads ? 'GRANTED' : 'DENIED' }, events: [{ name: 'purchase' }] }),\n  });\n}\n",
      filename: 'server/ga.ts',
    },
    // server-side: Meta Conversions API behind the team's consent check
    {
      code: "import { hasConsent } from './consent';\nconst PIXEL = '123';\nexport async function capi(user: { id: string }) {\n  if (!hasConsent(user.id, 'marketing')) return;\n  await fetch(`https://graph.facebook.com/v19.0/${PIXEL}/events`, { method: 'POST' });\n}\n",
      filename: 'server/capi.ts',
      config: { consent: { functions: [{ name: 'hasConsent', category: 'marketing' }] } },
    },
    // a request to an unrelated API is not tracking
    "fetch('https://api.example.com/orders', { method: 'POST' });",
    // creating a server-side client sends nothing
    { code: "import { Analytics } from '@segment/analytics-node';\nexport const analytics = new Analytics({ writeKey: process.env.SEGMENT_KEY! });\n", filename: 'server/segment.ts' },
    // Matomo setup commands send nothing
    "_paq.push(['setTrackerUrl', 'https://stats.example.com/matomo.php']);\n_paq.push(['setSiteId', '1']);",
    // CommonJS: a wrapper exported with module.exports, required and called behind a check elsewhere
    {
      code: "const axios = require('axios');\nfunction track(name) {\n  return axios.post('https://www.google-analytics.com/mp/collect?measurement_id=G-1&api_secret=s', { events: [{ name }] });\n}\nmodule.exports = { track };\n",
      filename: 'lib/track.js',
      files: {
        'routes/signup.js': "const { track } = require('../lib/track');\nfunction signup(req) {\n  if (req.body.consent === true) track('signup');\n}\nmodule.exports = { signup };\n",
      },
    },
    // Consent Mode "advanced" accepted by the team's authority (config switch)
    {
      code: "import './defaults';\ngtag('config', 'G-XXXX');\n",
      filename: 'app/tag.js',
      files: { 'app/defaults.js': "gtag('consent', 'default', { ad_storage: 'denied', analytics_storage: 'denied' });\n" },
      config: { consent: { consentModeAdvanced: 'accept' } },
    },
    // consent passed down as a prop: judged by the value at the component's uses
    { code: "import { useEffect } from 'react';\nfunction MetaPixel({ allowed }: { allowed: boolean }) {\n  useEffect(() => {\n    if (!allowed) return;\n    fbq('track', 'PageView');\n  }, [allowed]);\n  return null;\n}\nexport default function Layout() {\n  return <MetaPixel allowed={Cookiebot.consent.marketing} />;\n}\n", filename: 'layout.tsx' },
    // the same through props.x
    { code: "function Pixel(props: { ok: boolean }) {\n  if (!props.ok) return null;\n  fbq('track', 'PageView');\n  return null;\n}\nexport const Page = () => <Pixel ok={window.Cookiebot?.consent?.marketing ?? false} />;\n", filename: 'page.tsx' },
    // a named function handed to the consent tool's callback
    {
      code: "import CookieConsent from 'react-cookie-consent';\nimport ReactGA from 'react-ga4';\nexport default function Banner() {\n  const start = () => {\n    ReactGA.initialize('G-1');\n  };\n  return <CookieConsent onAccept={start}>We use cookies</CookieConsent>;\n}\n",
      filename: 'Banner.tsx',
    },
    // a function assigned to a global and only called behind a check
    "startAnalytics = () => {\n  gtag('config', 'G-1');\n};\nif (Cookiebot.consent.statistics) startAnalytics();",
    "window.loadPixel = function () {\n  fbq('init', '1');\n};\nif (Cookiebot.consent.marketing) window.loadPixel();",
    // Matomo in opt-in mode holds every call until consent
    "var _paq = window._paq = window._paq || [];\n_paq.push(['requireConsent']);\n_paq.push(['trackPageView']);\n_paq.push(['enableLinkTracking']);",
    // reading the consent tool's own cookie
    "import Cookies from 'js-cookie';\nif (Cookies.get('CookieConsent') === 'true') gtag('config', 'G-1');",
    "function loadGA() {\n  gtag('config', 'G-1');\n}\nif (document.cookie.indexOf('cookieconsent_status=allow') !== -1) loadGA();",
    "if (getCookie('cookieyes-advertisement') === 'yes') fbq('init', '1');",
    // a storage key named like consent (medium confidence, trusted)
    "const accepted = localStorage.getItem('cookies_accepted');\nif (accepted) gtag('config', 'G-1');",
    // a Klaro service callback comparing its boolean with false
    "var klaroConfig = { services: [{ name: 'ga', purposes: ['analytics'], callback: function (consent) {\n  if (consent !== false) { gtag('config', 'G-1'); }\n} }] };",
    // the tool's cookie spelled out inside a more complex condition
    "function loadGA() {\n  gtag('config', 'G-1');\n}\nif (document.cookie.split(';').filter((c) => c.indexOf('cookieconsent_status=allow') >= 0).length) loadGA();",
    // ignoreVendors option
    { code: "_paq.push(['trackPageView']);", config: { rules: { 'tracking-without-consent': ['error', { ignoreVendors: ['matomo'] }] } } },
  ],
  invalid: [
    {
      // top-level global call, with the fix wrapping it in the team's check
      code: "gtag('event', 'purchase', { value: 42 });\n",
      config: teamConsent,
      errors: [{ messageId: 'notGated', line: 1, column: 1, endLine: 1, endColumn: 41, severity: 'error', confidence: 'high' }],
      output: "if (hasConsent('analytics')) {\n  gtag('event', 'purchase', { value: 42 });\n}\n",
    },
    {
      // window-prefixed call inside a function, indentation kept
      code: "export function onPurchase() {\n  window.fbq('track', 'Purchase');\n}\n",
      config: teamConsent,
      errors: [{ messageId: 'notGated', line: 2, column: 3, message: 'Meta Pixel' }],
      output: "export function onPurchase() {\n  if (hasConsent('marketing')) {\n    window.fbq('track', 'Purchase');\n  }\n}\n",
    },
    {
      // wrong category: marketing pixel behind a statistics check
      code: "if (Cookiebot.consent.statistics) {\n  fbq('track', 'Purchase');\n}\n",
      errors: [{ messageId: 'wrongCategory', line: 2, column: 3, message: 'analytics consent' }],
    },
    {
      // default import of an SDK
      code: "import mixpanel from 'mixpanel-browser';\nmixpanel.init('token');\nmixpanel.track('signup');\n",
      errors: [{ messageId: 'notGated', line: 2 }, { messageId: 'notGated', line: 3 }],
    },
    {
      // namespace import
      code: "import * as amplitude from '@amplitude/analytics-browser';\namplitude.track('Button Clicked');\n",
      errors: [{ messageId: 'notGated', line: 2 }],
    },
    {
      // require()
      code: "const ReactGA = require('react-ga4');\nReactGA.event({ category: 'shop', action: 'buy' });\n",
      filename: 'ga.js',
      errors: [{ messageId: 'notGated', line: 2 }],
    },
    {
      // exported wrapper with no caller in any analysed file, not an entry point: warning, medium
      code: POSTHOG_WRAPPER,
      filename: 'lib/analytics.ts',
      errors: [{ messageId: 'notGated', line: 3, severity: 'warning', confidence: 'medium', message: 'runs before the visitor consents' }],
    },
    {
      // the same in a Next.js page: the framework runs it, so no caller means no caller's check
      code: "import posthog from 'posthog-js';\nexport default function Page() {\n  posthog.capture('view');\n  return null;\n}\n",
      filename: 'app/pricing/page.tsx',
      errors: [{ messageId: 'notGated', line: 3, severity: 'error', confidence: 'high' }],
    },
    {
      // Pages Router, Remix and SvelteKit conventions are entry points too
      code: "import posthog from 'posthog-js';\nexport default function Home() {\n  posthog.capture('view');\n}\n",
      filename: 'src/pages/index.tsx',
      errors: [{ messageId: 'notGated', line: 3, severity: 'error', confidence: 'high' }],
    },
    {
      code: "import posthog from 'posthog-js';\nexport function load() {\n  posthog.capture('view');\n}\n",
      filename: 'src/routes/blog/+page.ts',
      errors: [{ messageId: 'notGated', line: 3, severity: 'error', confidence: 'high' }],
    },
    {
      // the team's own entry points (creepyline.json entryPoints, relative to the config)
      code: POSTHOG_WRAPPER,
      filename: 'src/entries/widget.ts',
      config: { entryPoints: ['src/entries/**'] },
      errors: [{ messageId: 'notGated', line: 3, severity: 'error', confidence: 'high' }],
    },
    {
      // an alias that does not resolve: the callers cannot be followed, so warning/medium, and the trace says why
      code: POSTHOG_WRAPPER,
      filename: 'lib/analytics.ts',
      files: { 'app/page.ts': "import { track } from '@/lib/analytics';\nif (Cookiebot.consent.statistics) track('view');\n" },
      errors: [{ messageId: 'notGated', line: 3, severity: 'warning', confidence: 'medium' }],
    },
    {
      // cross-file: one caller gates, another does not; reported once, at the ungated call (issue 14 item 7), the sink related
      code: "import { track } from '../lib/analytics';\nexport function done() {}\ntrack('purchase');\n",
      filename: 'app/checkout.ts',
      files: {
        'app/page.ts': "import { track } from '../lib/analytics';\nif (Cookiebot.consent.statistics) track('view');\n",
        'lib/analytics.ts': POSTHOG_WRAPPER,
      },
      errors: [{ messageId: 'notGatedHere', line: 3, column: 1 }],
    },
    {
      // cross-file chain: the outer wrapper's caller is not gated
      code: POSTHOG_WRAPPER,
      filename: 'lib/analytics.ts',
      files: {
        'lib/checkout.ts': "import { track } from './analytics';\nexport const trackPurchase = () => track('purchase');\n",
        'app/done.ts': "import { trackPurchase } from '../lib/checkout';\ntrackPurchase();\n",
      },
      errors: [{ messageId: 'notGated', line: 3 }],
    },
    {
      // next/script inline snippet rendered unconditionally (template with a substitution)
      code: "import Script from 'next/script';\nexport function GA({ id }: { id: string }) {\n  return (\n    <Script id=\"ga\" strategy=\"afterInteractive\">{`\n      window.dataLayer = window.dataLayer || [];\n      function gtag(){dataLayer.push(arguments);}\n      gtag('js', new Date());\n      gtag('config', '${id}');\n    `}</Script>\n  );\n}\n",
      filename: 'ga.tsx',
      errors: [{ messageId: 'notGated', line: 8, column: 7 }],
      output: null,
    },
    {
      // dangerouslySetInnerHTML on a plain <script>
      code: "export const Pixel = () => <script dangerouslySetInnerHTML={{ __html: `fbq('init', '123');` }} />;\n",
      filename: 'pixel.tsx',
      errors: [{ messageId: 'notGated', line: 1, column: 72 }],
    },
    {
      // TCF listener without a purpose check: it also runs before the visitor decides
      code: "__tcfapi('addEventListener', 2, (tcData, success) => {\n  if (success) fbq('track', 'PageView');\n});\n",
      errors: [{ messageId: 'notGated', line: 2 }],
    },
    {
      // server-side: Meta Conversions API without consent (URL built from a template)
      code: "const PIXEL_ID = process.env.PIXEL_ID;\nexport async function sendLead(email: string) {\n  await axios.post(`https://graph.facebook.com/v19.0/${PIXEL_ID}/events`, { data: [{ event_name: 'Lead' }] });\n}\n",
      filename: 'server/capi.ts',
      errors: [{ messageId: 'serverNotGated', line: 3, column: 9, message: 'Meta Pixel' }],
    },
    {
      // server-side: GA4 Measurement Protocol without a consent field
      code: "const MP = 'https://www.google-analytics.com/mp/collect?measurement_id=G-1&api_secret=s';\nfetch(MP, { method: 'POST', body: JSON.stringify({ client_id: 'c', events: [{ name: 'sign_up' }] }) });\n",
      filename: 'server/ga.js',
      errors: [{ messageId: 'serverNotGated', line: 2, column: 1 }],
    },
    {
      // Meta's Node SDK
      code: "import { EventRequest } from 'facebook-nodejs-business-sdk';\nexport function send(token: string, events: unknown[]) {\n  return new EventRequest(token, '123').setEvents(events).execute();\n}\n",
      filename: 'server/sdk.ts',
      errors: [{ messageId: 'serverNotGated', line: 3, column: 10 }],
    },
    {
      // a tracker loader injected with createElement + setAttribute
      code: "const s = document.createElement('script');\ns.async = true;\ns.setAttribute('src', 'https://static.hotjar.com/c/hotjar-' + HJID + '.js?sv=6');\ndocument.head.appendChild(s);\n",
      filename: 'hotjar.js',
      errors: [{ messageId: 'notGated', line: 3, column: 1 }],
    },
    {
      // a tracking pixel fired with new Image()
      code: "new Image().src = 'https://www.facebook.com/tr?id=123&ev=PageView&noscript=1';\n",
      filename: 'pixel.js',
      errors: [{ messageId: 'notGated', line: 1, column: 1, message: 'Meta Pixel' }],
    },
    {
      // the CNIL exemption is French: a site also serving Germany gets the full finding
      code: "_paq.push(['trackPageView']);\n",
      config: { rules: { 'tracking-without-consent': ['error', { jurisdictions: ['FR', 'DE'] }] } },
      errors: [{ messageId: 'notGated', severity: 'error' }],
    },
    {
      // a French-only site keeps the exemption at info
      code: "_paq.push(['trackPageView']);\n",
      config: { rules: { 'tracking-without-consent': ['error', { jurisdictions: ['FR'] }] } },
      errors: [{ messageId: 'exemptVendor', severity: 'info' }],
    },
    {
      // Matomo's own snippet declares `var _paq = window._paq = …`: still the global queue
      code: "var _paq = window._paq = window._paq || [];\n_paq.push(['trackPageView']);\n",
      filename: 'matomo.js',
      errors: [{ messageId: 'exemptVendor', line: 2, severity: 'info' }],
    },
    {
      // a server-side Segment client's track() call
      code: "import { Analytics } from '@segment/analytics-node';\nconst analytics = new Analytics({ writeKey: 'k' });\nexport function signedUp(userId: string) {\n  analytics.track({ userId, event: 'Signed Up' });\n}\n",
      filename: 'server/segment.ts',
      errors: [{ messageId: 'serverNotGated', line: 4, column: 3 }],
    },
    {
      // Pinterest's image pixel (path is the folder itself)
      code: "new Image().src = 'https://ct.pinterest.com/v3/?tid=2612345678901&event=checkout&noscript=1';\n",
      filename: 'pin.js',
      errors: [{ messageId: 'notGated', line: 1 }],
    },
    {
      // server-side GA4 is not Consent Mode "advanced", even where browser defaults are denied
      code: "gtag('consent', 'default', { analytics_storage: 'denied' });\nexport async function hit() {\n  await fetch('https://www.google-analytics.com/mp/collect?measurement_id=G-1&api_secret=s', { method: 'POST', body: '{}' });\n}\n",
      filename: 'mixed.ts',
      errors: [{ messageId: 'serverNotGated', line: 3 }],
    },
    {
      // no team function configured, but the file uses Cookiebot: the fix uses Cookiebot's API
      code: "if (Cookiebot.consent.statistics) {\n  gtag('event', 'view_item');\n}\nfbq('track', 'ViewContent');\n",
      errors: [{ messageId: 'notGated', line: 4 }],
      output: "if (Cookiebot.consent.statistics) {\n  gtag('event', 'view_item');\n}\nif (window.Cookiebot?.consent?.marketing) {\n  fbq('track', 'ViewContent');\n}\n",
    },
    {
      // CommonJS wrapper required and called without consent: reported in the wrapper
      code: "const axios = require('axios');\nfunction track(name) {\n  return axios.post('https://www.google-analytics.com/mp/collect?measurement_id=G-1&api_secret=s', { events: [{ name }] });\n}\nmodule.exports = { track };\n",
      filename: 'lib/track.js',
      files: { 'routes/signup.js': "const { track } = require('../lib/track');\nmodule.exports = (req, res) => { track('signup'); res.end(); };\n" },
      errors: [{ messageId: 'serverNotGated', line: 3 }],
    },
    {
      // Consent Mode "advanced": denied defaults in another file, the tag still loads → warning, medium
      code: "import './defaults';\nconst s = document.createElement('script');\ns.src = 'https://www.googletagmanager.com/gtag/js?id=G-XXXX';\ndocument.head.appendChild(s);\ngtag('config', 'G-XXXX');\n",
      filename: 'app/tag.js',
      files: { 'app/defaults.js': "gtag('consent', 'default', { ad_storage: 'denied', analytics_storage: 'denied' });\n" },
      errors: [
        { messageId: 'consentModeAdvanced', line: 3, severity: 'warning', confidence: 'medium', message: 'defaults.js, line 1' },
        { messageId: 'consentModeAdvanced', line: 5, severity: 'warning', confidence: 'medium' },
      ],
    },
    {
      // queued commands inherit the loader's gating: here the loader runs unchecked, so the queue is reported too
      code: "gtag('event', 'sign_up');\n",
      filename: 'app/signup/page.js',
      files: { 'app/layout.js': "const s = document.createElement('script');\ns.src = 'https://www.googletagmanager.com/gtag/js?id=G-XXXX';\ndocument.head.appendChild(s);\n" },
      errors: [{ messageId: 'notGated', line: 1, severity: 'error' }],
    },
    {
      // the loader waits for statistics consent, but an Ads conversion needs marketing consent
      code: "gtag('event', 'conversion', { send_to: 'AW-1/abc' });\n",
      filename: 'app/thanks/page.js',
      files: { 'app/layout.js': "if (Cookiebot.consent.statistics) {\n  const s = document.createElement('script');\n  s.src = 'https://www.googletagmanager.com/gtag/js?id=G-XXXX';\n  document.head.appendChild(s);\n}\n" },
      errors: [{ messageId: 'notGated', line: 1 }],
    },
    {
      // denied defaults in an unrelated part of the project do not make this tag "advanced mode"
      code: "gtag('config', 'G-XXXX');\n",
      filename: 'blog/analytics.js',
      files: { 'shop/defaults.js': "gtag('consent', 'default', { ad_storage: 'denied', analytics_storage: 'denied' });\n" },
      config: { consent: { consentModeAdvanced: 'accept' } },
      errors: [{ messageId: 'notGated', line: 1, severity: 'error' }],
    },
    {
      // granting security_storage is normal and does not stop the advanced-mode verdict
      code: "gtag('consent', 'default', { ad_storage: 'denied', analytics_storage: 'denied', security_storage: 'granted' });\nconst s = document.createElement('script');\ns.src = 'https://www.googletagmanager.com/gtag/js?id=G-XXXX';\ndocument.head.appendChild(s);\ngtag('config', 'G-XXXX');\n",
      filename: 'tag.js',
      errors: [
        { messageId: 'consentModeAdvanced', line: 3, severity: 'warning' },
        { messageId: 'consentModeAdvanced', line: 5, severity: 'warning' },
      ],
    },
    {
      // a prop that is not consent (viewport) does not gate
      code: "import { useEffect } from 'react';\nfunction MetaPixel({ allowed }: { allowed: boolean }) {\n  useEffect(() => {\n    if (!allowed) return;\n    fbq('track', 'PageView');\n  }, [allowed]);\n  return null;\n}\nexport default function Layout() {\n  return <MetaPixel allowed={isInView} />;\n}\n",
      filename: 'layout.tsx',
      errors: [{ messageId: 'notGated', line: 5 }],
    },
    {
      // a prop carrying the wrong purpose
      code: "import { useEffect } from 'react';\nfunction MetaPixel({ allowed }: { allowed: boolean }) {\n  useEffect(() => {\n    if (!allowed) return;\n    fbq('track', 'PageView');\n  }, [allowed]);\n  return null;\n}\nexport default function Layout() {\n  return <MetaPixel allowed={Cookiebot.consent.statistics} />;\n}\n",
      filename: 'layout.tsx',
      errors: [{ messageId: 'wrongCategory', line: 5 }],
    },
    {
      // handed to a callback that also runs without consent (needs its own check)
      code: "function start() {\n  fbq('track', 'PageView');\n}\nwindow.addEventListener('CookiebotOnAccept', start);\n",
      errors: [{ messageId: 'notGated', line: 2 }],
    },
    {
      // the same global function also called without a check
      code: "startAnalytics = () => {\n  gtag('config', 'G-1');\n};\nif (Cookiebot.consent.statistics) startAnalytics();\nstartAnalytics();\n",
      errors: [{ messageId: 'notGatedHere', line: 5, column: 1 }],
    },
    {
      // the tool's cookie for the wrong purpose
      code: "if (getCookie('cookieyes-analytics') === 'yes') fbq('init', '1');\n",
      errors: [{ messageId: 'wrongCategory', line: 1 }],
    },
    {
      // a denied value is not consent
      code: "if (document.cookie.includes('cookieconsent_status=deny')) gtag('config', 'G-1');\n",
      errors: [{ messageId: 'notGated', line: 1 }],
    },
    {
      // a local helper called once with and once without consent: on the call without (issue 14 item 7)
      code: "const trackSignup = () => fbq('track', 'CompleteRegistration');\nif (Cookiebot.consent.marketing) trackSignup();\ntrackSignup();\n",
      errors: [{ messageId: 'notGatedHere', line: 3, column: 1, endColumn: 14 }],
    },
    {
      // OptanonWrapper runs before consent too; without its own check it does not gate
      code: "function OptanonWrapper() {\n  fbq('track', 'PageView');\n}\n",
      errors: [{ messageId: 'notGated', line: 2 }],
    },
    {
      // a viewport check is not consent
      code: "if (isInView) {\n  gtag('event', 'view_item');\n}\n",
      errors: [{ messageId: 'notGated', line: 2 }],
    },
    {
      // heuristic check of the wrong category: medium confidence, capped at warning
      code: "if (analyticsConsent) {\n  fbq('track', 'Lead');\n}\n",
      errors: [{ messageId: 'wrongCategory', line: 2, severity: 'warning', confidence: 'medium' }],
    },
    {
      // JSX component rendered unconditionally; fix wraps it as a JSX child
      code: "import { GoogleAnalytics } from '@next/third-parties/google';\nexport default function Layout() {\n  return (\n    <body>\n      <GoogleAnalytics gaId=\"G-XYZ\" />\n    </body>\n  );\n}\n",
      filename: 'layout.tsx',
      config: teamConsent,
      errors: [{ messageId: 'notGated', line: 5, column: 7 }],
      output: "import { GoogleAnalytics } from '@next/third-parties/google';\nexport default function Layout() {\n  return (\n    <body>\n      {hasConsent('analytics') && <GoogleAnalytics gaId=\"G-XYZ\" />}\n    </body>\n  );\n}\n",
    },
    {
      // next/script loading gtag.js
      code: "import Script from 'next/script';\nexport const Tag = () => <Script src=\"https://www.googletagmanager.com/gtag/js?id=G-XYZ\" strategy=\"afterInteractive\" />;\n",
      filename: 'tag.tsx',
      errors: [{ messageId: 'notGated', line: 2 }],
    },
    {
      // HTML: loader script and inline snippet, both unblocked
      code: "<!doctype html>\n<html><head>\n<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-XXXX\"></script>\n<script>\n  window.dataLayer = window.dataLayer || [];\n  function gtag(){dataLayer.push(arguments);}\n  gtag('js', new Date());\n  gtag('config', 'G-XXXX');\n</script>\n</head></html>\n",
      filename: 'index.html',
      errors: [{ messageId: 'notGated', line: 3 }, { messageId: 'notGated', line: 8, column: 3 }],
    },
    {
      name: 'a multi-line HTML script tag: the finding sits on the src attribute (issue 14 item 7)',
      code: '<!doctype html>\n<script\n  async\n  src="https://www.googletagmanager.com/gtag/js?id=G-XXXX"\n></script>\n<img height="1" width="1"\n     src="https://www.facebook.com/tr?id=1&ev=PageView&noscript=1">\n',
      filename: 'index.html',
      errors: [
        { messageId: 'notGated', line: 4, column: 3, endLine: 4, endColumn: 59 },
        { messageId: 'notGated', line: 7, column: 6, endLine: 7, endColumn: 67 },
      ],
    },
    {
      name: 'JSX tags: on the src attribute, not on the element',
      code: "import Script from 'next/script';\nexport const T = () => (\n  <>\n    <Script\n      strategy=\"afterInteractive\"\n      src=\"https://www.googletagmanager.com/gtag/js?id=G-XYZ\"\n    />\n    <img alt=\"\" src=\"https://www.facebook.com/tr?id=1&ev=PageView\" />\n  </>\n);\n",
      filename: 't.tsx',
      errors: [
        { messageId: 'notGated', line: 6, column: 7, endLine: 6, endColumn: 62 },
        { messageId: 'notGated', line: 8, column: 17, endLine: 8, endColumn: 67 },
      ],
    },
    {
      name: 'a disable-next-line comment above the attribute line is inside the tag: it is no HTML comment there and does not suppress',
      code: '<script\n  async\n  src="https://www.googletagmanager.com/gtag/js?id=G-XXXX"></script>\n<!-- creepyline-disable-next-line tracking-without-consent -->\n<p>unrelated</p>\n',
      filename: 'index.html',
      errors: [{ messageId: 'notGated', line: 3, column: 3 }],
    },
    {
      // HTML: blocked for statistics, but the pixel needs marketing consent
      code: '<script type="text/plain" data-cookieconsent="statistics" src="https://connect.facebook.net/en_US/fbevents.js"></script>\n',
      filename: 'index.html',
      errors: [{ messageId: 'wrongCategory', line: 1 }],
    },
    {
      // no team consent function configured: a suggestion only, never applied as a safe fix
      code: "ttq.track('ViewContent');\n",
      errors: [{ messageId: 'notGated', line: 1 }],
    },
    {
      // exempt vendor (cookieless measurement) is reported at info
      code: "_paq.push(['trackPageView']);\n",
      errors: [{ messageId: 'exemptVendor', severity: 'info' }],
    },
  ],
});
