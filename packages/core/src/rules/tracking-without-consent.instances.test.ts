/**
 * tracking-without-consent on SDKs reached indirectly (issue 14): dynamic-import promise chains
 * (`import('m').then(m => m.default).then(sdk => sdk.init(…))`), tracker instances shared across
 * files, and calls guarded by the tracker global existing. Each case written for this table.
 */
import { runRuleTests } from '../testing/rule-tester';
import { rule } from './tracking-without-consent';

const team = { consent: { functions: ['hasConsent'] } };

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
  ],
});
