/**
 * tracking-without-consent on the SDK families of the web-scale catalogue: one case per family
 * (privacy-first analytics, attribution, session replay, chat, A/B testing, CDP, ad and social
 * wrappers), and the shapes that must stay silent (gated calls, local look-alikes, filtered
 * first arguments).
 */
import { runRuleTests } from '../testing/rule-tester';
import { rule } from './tracking-without-consent';

const team = { consent: { functions: ['hasConsent'] } };

runRuleTests(rule, {
  valid: [
    // PostHog's provider handed an instance initialised elsewhere initialises nothing itself
    { code: "import posthog from 'posthog-js';\nimport { PostHogProvider } from 'posthog-js/react';\nexport const P = ({ children }) => <PostHogProvider client={posthog}>{children}</PostHogProvider>;\n", filename: 'P.tsx' },
    // posthog-js started opted out: nothing is captured until the banner opts the visitor in (issue 14 FP hunt)
    "import posthog from 'posthog-js';\nposthog.init('phc_x', { api_host: 'https://eu.i.posthog.com', opt_out_capturing_by_default: true });\nposthog.capture('page');\n",
    // gated through the team's consent function
    { code: "import LogRocket from 'logrocket';\nimport { hasConsent } from './consent';\nif (hasConsent('analytics')) LogRocket.init('org/app');\n", config: team },
    { code: "import Smartlook from 'smartlook-client';\nexport function start(ok: boolean) {\n  if (!window.Cookiebot?.consent?.statistics) return;\n  Smartlook.init('key');\n}\n" },
    // a parameter or local object named like a vendor global is not the vendor
    "export function send(rewardful: (a: string) => void) { rewardful('convert'); }\n",
    "const drift = { track: (e: string) => e };\ndrift.track('x');\n",
    // filtered first arguments: tap/ire/fpr/saq/Beacon only with the vendor's commands
    "tap('something-else');\nire('unrelated');\nfpr('other');\nBeacon('open');\n",
    // a plugin factory imported from elsewhere is not the vendor's
    "import googleTagManager from './my-gtm';\ngoogleTagManager({ containerId: 'GTM-1' });\n",
    // Statsig: creating the client sends nothing until it is initialised
    "import { StatsigClient } from '@statsig/js-client';\nexport const client = new StatsigClient('client-key', { userID: 'u' });\n",
  ],
  invalid: [
    {
      // opted out by default only when the option says so
      code: "import posthog from 'posthog-js';\nposthog.init('phc_x', { opt_out_capturing_by_default: false });\nmixpanel.init('t', { opt_out_capturing_by_default: true });\n",
      errors: [
        { messageId: 'notGated', line: 2, message: 'PostHog' },
        { messageId: 'notGated', line: 3, message: 'Mixpanel' },
      ],
    },
    {
      // next-plausible: the provider injects the Plausible script; cookieless, so info with the exemption condition
      code: "import PlausibleProvider from 'next-plausible';\nexport default function App({ children }) {\n  return <PlausibleProvider domain=\"example.com\">{children}</PlausibleProvider>;\n}\n",
      filename: 'app/layout.tsx',
      errors: [{ messageId: 'exemptVendor', line: 3, message: 'Plausible', severity: 'info' }],
    },
    {
      // Umami and Pirsch globals: info with the condition; Vercel Speed Insights component too
      code: "umami.track('signup');\npirsch('Signup', { meta: { plan: 'pro' } });\n",
      errors: [
        { messageId: 'exemptVendor', line: 1, message: 'Umami', severity: 'info' },
        { messageId: 'exemptVendor', line: 2, message: 'Pirsch', severity: 'info' },
      ],
    },
    {
      code: "import { SpeedInsights } from '@vercel/speed-insights/next';\nexport const Footer = () => <SpeedInsights />;\n",
      filename: 'Footer.tsx',
      errors: [{ messageId: 'exemptVendor', line: 2, severity: 'info' }],
    },
    {
      // attribution: Dub's React component and Rewardful's queue
      code: "import { Analytics as DubAnalytics } from '@dub/analytics/react';\nexport const Root = () => <DubAnalytics />;\nrewardful('convert', { email: 'a@b.example' });\n",
      filename: 'Root.tsx',
      errors: [
        { messageId: 'notGated', line: 2, message: 'Dub' },
        { messageId: 'notGated', line: 3, message: 'Rewardful' },
      ],
    },
    {
      // affiliate queues with their own commands
      code: "tap('create', 'acc-1');\nire('identify', { customerId: '1' });\nfpr('referral', { email: 'a@b.example' });\n",
      errors: [
        { messageId: 'notGated', line: 1, message: 'Tapfiliate' },
        { messageId: 'notGated', line: 2, message: 'impact.com' },
        { messageId: 'notGated', line: 3, message: 'FirstPromoter' },
      ],
    },
    {
      // session replay SDKs
      code: "import LogRocket from 'logrocket';\nimport Smartlook from 'smartlook-client';\nimport { datadogRum } from '@datadog/browser-rum';\nimport { H } from 'highlight.run';\nLogRocket.init('org/app');\nSmartlook.init('key');\ndatadogRum.init({ applicationId: 'a', clientToken: 'b', sessionReplaySampleRate: 100 });\nH.init('project');\n",
      errors: [
        { messageId: 'notGated', line: 5, message: 'LogRocket' },
        { messageId: 'notGated', line: 6, message: 'Smartlook' },
        { messageId: 'notGated', line: 7, message: 'Datadog' },
        { messageId: 'notGated', line: 8, message: 'Highlight' },
      ],
    },
    {
      // OpenReplay: the instance's start() records, creating it does not
      code: "import Tracker from '@openreplay/tracker';\nconst tracker = new Tracker({ projectKey: 'k' });\ntracker.start();\n",
      errors: [{ messageId: 'notGated', line: 3, message: 'OpenReplay' }],
    },
    {
      // chat widgets: tawk.to's React component, Zendesk and Drift globals
      code: "import TawkMessengerReact from '@tawk.to/tawk-messenger-react';\nexport const Chat = () => <TawkMessengerReact propertyId=\"p\" widgetId=\"default\" />;\nzE('messenger', 'open');\ndrift.identify('u1', { email: 'a@b.example' });\n",
      filename: 'Chat.tsx',
      errors: [
        { messageId: 'notGated', line: 2, message: 'tawk.to' },
        { messageId: 'notGated', line: 3, message: 'Zendesk' },
        { messageId: 'notGated', line: 4, message: 'Drift' },
      ],
    },
    {
      // A/B testing and product tours
      code: "import { StatsigClient } from '@statsig/js-client';\nconst client = new StatsigClient('client-key', { userID: 'u' });\nawait client.initializeAsync();\nAppcues.identify('u1');\n",
      errors: [
        { messageId: 'notGated', line: 3, message: 'Statsig' },
        { messageId: 'notGated', line: 4, message: 'Appcues' },
      ],
    },
    {
      // CDPs and push: RudderStack v1 SDK, mParticle, OneSignal
      code: "import * as rudderanalytics from 'rudder-sdk-js';\nimport mParticle from '@mparticle/web-sdk';\nimport OneSignal from 'react-onesignal';\nrudderanalytics.load('key', 'https://dp.example');\nmParticle.init('key', {});\nOneSignal.init({ appId: 'x' });\n",
      errors: [
        { messageId: 'notGated', line: 4, message: 'RudderStack' },
        { messageId: 'notGated', line: 5, message: 'mParticle' },
        { messageId: 'notGated', line: 6, message: 'OneSignal' },
      ],
    },
    {
      // Google wrappers: Firebase Analytics, nextjs-google-analytics, Vue GTM, the analytics plugin
      code: "import { getAnalytics, logEvent } from 'firebase/analytics';\nimport { event } from 'nextjs-google-analytics';\nimport { createGtm } from '@gtm-support/vue-gtm';\nimport googleTagManager from '@analytics/google-tag-manager';\nconst analytics = getAnalytics(app);\nlogEvent(analytics, 'sign_up');\nevent('submit_form', { category: 'Contact' });\napp.use(createGtm({ id: 'GTM-1' }));\ngoogleTagManager({ containerId: 'GTM-1' });\n",
      errors: [
        { messageId: 'notGated', line: 5, message: 'Firebase' },
        { messageId: 'notGated', line: 6, message: 'Firebase' },
        { messageId: 'notGated', line: 7, message: 'Google Analytics' },
        { messageId: 'notGated', line: 8, message: 'Google Tag Manager' },
        { messageId: 'notGated', line: 9, message: 'Google Tag Manager' },
      ],
    },
    {
      // ad and social wrappers
      code: "import LinkedInTag from 'react-linkedin-insight';\nimport { TwitterTimelineEmbed } from 'react-twitter-embed';\nLinkedInTag.init('123');\nexport const Feed = () => <TwitterTimelineEmbed sourceType=\"profile\" screenName=\"acme\" />;\n",
      filename: 'Feed.tsx',
      errors: [
        { messageId: 'notGated', line: 3, message: 'LinkedIn' },
        { messageId: 'notGated', line: 4, message: 'X (Twitter) widgets' },
      ],
    },
    {
      // PostHog's React provider initialises posthog-js
      code: "import { PostHogProvider } from 'posthog-js/react';\nexport const Providers = ({ children }) => <PostHogProvider apiKey=\"phc_x\">{children}</PostHogProvider>;\n",
      filename: 'providers.tsx',
      errors: [{ messageId: 'notGated', line: 2, message: 'PostHog' }],
    },
    {
      // a long-tail loader script from the catalogue's hosts (affiliate tracking)
      code: '<script async src="https://r.wdfl.co/rw.js" data-rewardful="key"></script>\n<script src="https://cdn.firstpromoter.com/fpr.js"></script>\n',
      filename: 'index.html',
      errors: [
        { messageId: 'notGated', line: 1, message: 'Rewardful' },
        { messageId: 'notGated', line: 2, message: 'FirstPromoter' },
      ],
    },
  ],
});
