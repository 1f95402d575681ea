/**
 * tracking-without-consent on SDKs reached indirectly (issue 14): dynamic-import promise chains
 * (`import('m').then(m => m.default).then(sdk => sdk.init(…))`), tracker instances shared across
 * files, and calls guarded by the tracker global existing. Each case written for this table.
 */
import { runRuleTests } from '../testing/rule-tester';
import { rule } from './tracking-without-consent';

const team = { consent: { functions: ['hasConsent'] } };

/** A PostHog snippet loader that waits for Cookiebot statistics consent (another file of the package). */
const gatedPosthogLoader = { 'loader.js': "window.addEventListener('load', () => {\n  if (!window.Cookiebot?.consent?.statistics) return;\n  const s = document.createElement('script');\n  s.src = 'https://eu-assets.i.posthog.com/static/array.js';\n  document.head.appendChild(s);\n});\n" };
const openPosthogLoader = { 'loader.js': "const s = document.createElement('script');\ns.src = 'https://eu-assets.i.posthog.com/static/array.js';\ndocument.head.appendChild(s);\n" };

runRuleTests(rule, {
  valid: [
    // dynamic import chain inside the consent check
    {
      name: 'import().then chain inside a consent check',
      code: "import { hasConsent } from './consent';\nexport function start() {\n  if (!hasConsent('analytics')) return;\n  import('posthog-js').then((m) => m.default).then((posthog) => posthog.init('phc_x'));\n}\n",
      config: team,
    },
    {
      name: 'destructured default inside an effect after the consent check',
      code: "import { useEffect } from 'react';\nimport { hasConsent } from './consent';\nexport function Analytics() {\n  useEffect(() => {\n    if (hasConsent('analytics')) import('mixpanel-browser').then(({ default: mixpanel }) => mixpanel.init('token'));\n  }, []);\n  return null;\n}\n",
      filename: 'Analytics.tsx',
      config: team,
    },
    // a promise chain of a project module or a non-SDK package is not a tracker
    "import('./posthog-helpers').then((m) => m.default).then((posthog) => posthog.capture('x'));\n",
    "import('lodash').then(({ default: _ }) => _.init('x'));\n",
    // a .then on something else than an import: the parameter is a plain value
    "fetch('/api').then((posthog) => posthog.capture('x'));\n",
    // a step that returns something else than the module or one of its exports breaks the chain
    "import('posthog-js').then((m) => m.default.get_distinct_id()).then((posthog) => posthog.capture('x'));\n",
    // shared instances across files: the importing file's check counts at the call site
    {
      name: 'shared Segment instance called behind a consent check',
      code: "import { analytics } from './lib/segment';\nimport { hasConsent } from './consent';\nexport function onSignup() {\n  if (!hasConsent('analytics')) return;\n  analytics.track('signup');\n}\n",
      files: { 'lib/segment.ts': "import { AnalyticsBrowser } from '@segment/analytics-next';\nif (false) {}\nexport const analytics = AnalyticsBrowser.load({ writeKey: 'k' });\n" },
      config: team,
    },
    {
      name: 'an analysed module exporting something else than an instance (a consent-checked wrapper)',
      code: "import { posthog } from './lib/posthog';\nposthog.capture('signup');\n",
      files: { 'lib/posthog.ts': "import ph from 'posthog-js';\nimport { hasConsent } from '../consent';\nexport const posthog = { capture: (e: string) => { if (hasConsent('analytics')) ph.capture(e); } };\n" },
      config: team,
    },
    {
      name: 'a method of the instance that sends nothing',
      code: "import { analytics } from './lib/segment';\nanalytics.ready(() => {});\n",
      files: { 'lib/segment.ts': "import { AnalyticsBrowser } from '@segment/analytics-next';\nimport { hasConsent } from '../consent';\nexport const analytics = AnalyticsBrowser.load({ writeKey: 'k' });\n" },
    },
    // calls guarded by the tracker global existing inherit its loader's gating
    { name: 'if (window.posthog) with a gated loader', code: "export function onSignup() {\n  if (window.posthog) window.posthog.capture('signup');\n}\nonSignup();\n", files: gatedPosthogLoader },
    { name: "typeof posthog !== 'undefined' && …", code: "typeof posthog !== 'undefined' && posthog.capture('signup');\n", files: gatedPosthogLoader },
    { name: 'window.posthog?.capture with a gated loader', code: "window.posthog?.capture('signup', { plan: 'pro' });\n", files: gatedPosthogLoader },
    { name: 'early return when the global is missing', code: "function track(e) {\n  if (typeof window.posthog === 'undefined' || !e) return;\n  posthog.capture(e);\n}\ntrack('x');\n", files: gatedPosthogLoader },
    { name: 'existence tested through a local helper', code: "function hasPosthog() {\n  return window && window.posthog && typeof window.posthog.capture == 'function';\n}\nexport function track(e) {\n  if (!hasPosthog()) return;\n  window.posthog.capture(e);\n}\n", files: gatedPosthogLoader },
    { name: "'posthog' in window", code: "if ('posthog' in window) posthog.identify('u1');\n", files: gatedPosthogLoader },
    // unresolved module: a generic name is not a vendor, and a vendor name with a foreign method is not its call
    "import { analytics } from '@/lib/analytics';\nanalytics.track('signup');\n",
    "import posthog from '@/lib/posthog';\nposthog.getFeatureFlag('beta');\n",
    // a catalogued-looking name from an npm package that is not catalogued is not guessed
    "import { mixpanel } from 'acme-mixpanel-wrapper';\nmixpanel.track('x');\n",
  ],
  invalid: [
    {
      name: 'import().then(m => m.default).then(sdk => sdk.init())',
      code: "import('posthog-js').then((m) => m.default).then((posthog) => posthog.init('phc_x', { api_host: 'https://eu.i.posthog.com' }));\n",
      errors: [{ messageId: 'notGated', line: 1, column: 63, message: 'PostHog' }],
    },
    {
      name: 'destructured default, in an effect',
      code: "import { useEffect } from 'react';\nexport function Analytics() {\n  useEffect(() => {\n    import('mixpanel-browser').then(({ default: mixpanel }) => {\n      mixpanel.init('token');\n      mixpanel.track('page');\n    });\n  }, []);\n  return null;\n}\n",
      filename: 'Analytics.tsx',
      errors: [
        { messageId: 'notGated', line: 5, message: 'Mixpanel' },
        { messageId: 'notGated', line: 6, message: 'Mixpanel' },
      ],
    },
    {
      name: 'm.default.track on the module namespace',
      code: "import('mixpanel-browser').then((m) => m.default.track('signup'));\nimport('posthog-js').then(function (mod) { mod.default.capture('x'); });\n",
      errors: [
        { messageId: 'notGated', line: 1, message: 'Mixpanel' },
        { messageId: 'notGated', line: 2, message: 'PostHog' },
      ],
    },
    {
      name: 'a named export picked from the namespace, then its factory',
      code: "import('@segment/analytics-next').then(({ AnalyticsBrowser }) => {\n  const analytics = AnalyticsBrowser.load({ writeKey: 'k' });\n  analytics.track('x');\n});\n",
      errors: [
        { messageId: 'notGated', line: 2, message: 'Segment' },
        { messageId: 'notGated', line: 3, message: 'Segment' },
      ],
    },

    {
      name: 'a named PostHog instance and a Mixpanel Node client in the same file',
      code: "import posthog from 'posthog-js';\nimport Mixpanel from 'mixpanel';\nimport { hasConsent } from './consent';\nif (hasConsent('analytics')) {\n  var ph = posthog.init('phc_x', {}, 'second');\n}\nph.capture('x');\nconst mp = Mixpanel.init('token');\nmp.people.set('u1', { plan: 'pro' });\n",
      config: team,
      errors: [
        { messageId: 'notGated', line: 7, message: 'ph.capture' },
        { messageId: 'notGated', line: 8, message: 'Mixpanel.init' },
        { messageId: 'serverNotGated', line: 9, message: 'mp.people.set' },
      ],
    },
    {
      name: 'existence guard but no loader in the analysed files: medium confidence, warning',
      code: "if (typeof window.posthog !== 'undefined') posthog.capture('signup');\n",
      errors: [{ messageId: 'notGated', line: 1, message: 'PostHog', confidence: 'medium', severity: 'warning' }],
    },
    {
      name: 'existence guard and a loader that runs without consent',
      code: "if (window.posthog) {\n  window.posthog.capture('signup');\n}\n",
      files: openPosthogLoader,
      errors: [{ messageId: 'notGated', line: 2, message: 'PostHog', confidence: 'medium', severity: 'warning' }],
    },
    {
      name: 'a test of another global, a local of the same name, and no test at all do not inherit',
      code: "if (window.fbq) posthog.capture('a');\nposthog.capture('b');\nfunction f(posthog) { if (posthog) window.posthog.capture('c'); }\nf(1);\n",
      files: gatedPosthogLoader,
      errors: [
        { messageId: 'notGated', line: 1, confidence: 'high' },
        { messageId: 'notGated', line: 2, confidence: 'high' },
        { messageId: 'notGated', line: 3, confidence: 'high' },
      ],
    },
    {
      name: 'shared Segment instance imported and called without a check',
      code: "import { analytics } from '../../lib/segment';\nexport function onSignup(plan: string) {\n  analytics.track('signup', { plan });\n}\nanalytics.page();\n",
      filename: 'app/signup/page.tsx',
      files: {
        'lib/segment.ts': "import { AnalyticsBrowser } from '@segment/analytics-next';\nimport { hasConsent } from '../consent';\nexport const analytics = AnalyticsBrowser.load({ writeKey: 'k' });\n",
      },
      errors: [
        { messageId: 'notGated', line: 3, message: 'analytics.track' },
        { messageId: 'notGated', line: 5, message: 'Segment', confidence: 'high' },
      ],
    },
    {
      name: 'instances made by posthog.init, new Analytics and Mixpanel.init, exported several ways',
      code: "import ph from './ph';\nimport { client } from './server/segment';\nimport * as mp from './mp';\nph.capture('x');\nclient.track({ userId: 'u', event: 'e' });\nmp.mixpanel.people.set({ plan: 'pro' });\n",
      files: {
        'ph.ts': "import posthog from 'posthog-js';\nconst instance = posthog.init('phc_x', { api_host: 'https://eu.i.posthog.com' }, 'main');\nexport default instance;\n",
        'server/segment.ts': "import { Analytics } from '@segment/analytics-node';\nconst c = new Analytics({ writeKey: 'k' });\nexport { c as client };\n",
        'mp.ts': "import Mixpanel from 'mixpanel-browser';\nexport const mixpanel = Mixpanel.init('token', {}, 'shop');\n",
      },
      errors: [
        { messageId: 'notGated', line: 4, message: 'PostHog' },
        { messageId: 'serverNotGated', line: 5, message: 'Segment' },
        { messageId: 'notGated', line: 6, message: 'Mixpanel' },
      ],
    },
    {
      name: 'a check for the wrong purpose around a shared instance',
      code: "import { analytics } from './lib/segment';\nimport { hasConsent } from './consent';\nif (hasConsent('marketing')) analytics.track('signup');\n",
      files: { 'lib/segment.ts': "import { AnalyticsBrowser } from '@segment/analytics-next';\nexport const analytics = AnalyticsBrowser.load({ writeKey: 'k' });\n" },
      config: team,
      errors: [{ messageId: 'wrongCategory', line: 3, message: 'marketing' }],
    },
    {
      name: 'unresolved module whose binding or last segment names a vendor: medium confidence, warning',
      code: "import posthog from '@/lib/posthog';\nimport { analytics } from '../shared/segment';\nposthog.capture('signup');\nanalytics.track('signup');\n",
      errors: [
        { messageId: 'notGated', line: 3, message: 'PostHog', confidence: 'medium', severity: 'warning' },
        { messageId: 'notGated', line: 4, message: 'Segment', confidence: 'medium', severity: 'warning' },
      ],
    },
  ],
});
