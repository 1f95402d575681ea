/**
 * tracking-without-consent, where the finding sits (issue 14 item 7): a tracker inside a local
 * helper that some callers call behind a consent check and others do not is reported at each
 * ungated call site (same file or another analysed file), with the tracker call as the related
 * location, and never on the tracker call as well. Each case written for this table.
 */
import * as assert from 'node:assert/strict';
import { lint, runRuleTests } from '../testing/rule-tester';
import { rule } from './tracking-without-consent';

const team = { consent: { functions: ['hasConsent'] } };

/** A shop helper sending to Mixpanel, exported; the wrapper module calls it without a check. */
const helperModule = "import mixpanel from 'mixpanel-browser';\nexport function trackEvent(name: string) {\n  mixpanel.track(name);\n}\n";
const wrapperModule = "import { trackEvent } from './analytics';\nexport function trackPurchase(total: number) {\n  trackEvent(`purchase ${total}`);\n}\n";
const gatedCaller = "import { hasConsent } from './consent';\nimport { trackEvent } from '../lib/analytics';\nexport function onView() {\n  if (hasConsent('analytics')) trackEvent('view');\n}\n";

const MIXED_LOCAL = [
  "import mixpanel from 'mixpanel-browser';",
  'function track(name) {',
  '  mixpanel.track(name);',
  '}',
  "document.getElementById('buy').addEventListener('click', () => {",
  "  if (window.Cookiebot?.consent.statistics) track('buy');",
  '});',
  "track('page_view');",
  '',
].join('\n');

/** A hand-written banner page: the loader is a global function of an inline script, called from the buttons' handlers. */
const bannerPage = (buttons: string) => [
  '<!doctype html>',
  '<script>',
  '  function loadTracking(full) {',
  "    const s = document.createElement('script');",
  "    s.src = 'https://www.googletagmanager.com/gtag/js?id=G-1';",
  '    document.head.appendChild(s);',
  '  }',
  '  if (window.Cookiebot?.consent.statistics) loadTracking(true);',
  '</script>',
  buttons,
  '',
].join('\n');

runRuleTests(rule, {
  valid: [
    {
      name: 'a script file’s global loader, called only from the including page’s accept button',
      code: "function loadGA() {\n  const s = document.createElement('script');\n  s.src = 'https://www.googletagmanager.com/gtag/js?id=G-1';\n  document.head.append(s);\n}\n",
      filename: 'site/js/ga.js',
      files: { 'site/index.html': '<!doctype html>\n<script src="js/ga.js"></script>\n<button onclick="loadGA()">Allow cookies</button>\n' },
    },
    {
      name: 'HTML: the inline handler of an accept button is a gated call site of the page’s function',
      code: bannerPage('<button id="cookie-accept" onclick="loadTracking(true)">Accept all</button>'),
      filename: 'index.html',
    },
    {
      name: 'HTML: a handler on a German accept control, several statements',
      code: bannerPage('<a href="#" class="btn" onclick="event.preventDefault(); loadTracking(true); return false;">Alle akzeptieren</a>'),
      filename: 'index.html',
    },
    {
      name: 'every call of the local helper is behind a check: nothing, anywhere',
      code: "import mixpanel from 'mixpanel-browser';\nfunction track(name) {\n  mixpanel.track(name);\n}\nif (window.Cookiebot?.consent.statistics) track('a');\nif (window.Cookiebot?.consent.statistics) track('b');\n",
    },
    {
      name: 'the exported helper’s own file reports nothing when some callers check and others do not (their files report)',
      code: helperModule,
      filename: 'lib/analytics.ts',
      files: { 'app/view.ts': gatedCaller, 'app/buy.ts': "import { trackEvent } from '../lib/analytics';\ntrackEvent('buy');\n" },
      config: team,
    },
    {
      name: 'a gated caller in another file is not reported',
      code: gatedCaller,
      filename: 'app/view.ts',
      files: { 'lib/analytics.ts': helperModule, 'app/buy.ts': "import { trackEvent } from '../lib/analytics';\ntrackEvent('buy');\n" },
      config: team,
    },
  ],
  invalid: [
    {
      name: 'HTML: an inline handler on a control that does not accept is an ungated call site, reported there',
      code: bannerPage('<button onclick="loadTracking(true)">Accept all</button>\n<button class="link" onclick="loadTracking(false)">Just browse</button>'),
      filename: 'index.html',
      errors: [{ messageId: 'notGatedHere', line: 11, column: 31, endColumn: 50, message: 'This call of `loadTracking`' }],
    },
    {
      name: 'HTML: a body onload handler is page load, not consent; with no gated call the finding stays on the loader',
      code: '<!doctype html>\n<script>\n  function startTracking() {\n    fbq(\'init\', \'1\');\n  }\n</script>\n<body onload="startTracking()">\n',
      filename: 'index.html',
      errors: [{ messageId: 'notGated', line: 4 }],
    },
    {
      name: 'HTML: an accept-named function called from a reject button is not gated by its name',
      code: '<!doctype html>\n<script>\n  function acceptCookies() {\n    fbq(\'init\', \'1\');\n  }\n</script>\n<button onclick="acceptCookies()">Reject all</button>\n',
      filename: 'index.html',
      errors: [{ messageId: 'notGated', line: 4 }],
    },
    {
      name: 'a page’s decline button calls the included script’s loader that the allow button calls too: reported on the decline handler',
      code: '<!doctype html>\n<script src="/js/cookies.js"></script>\n<button onclick="consentGA(true)">Allow</button>\n<button onclick="consentGA(false)">Decline</button>\n',
      filename: 'site/index.html',
      files: { 'site/js/cookies.js': "function consentGA(consent) {\n  localStorage.setItem('consent', consent);\n  const s = document.createElement('script');\n  s.src = 'https://www.googletagmanager.com/gtag/js?id=G-1';\n  document.head.append(s);\n}\n" },
      errors: [{ messageId: 'notGatedHere', line: 4, column: 18, endColumn: 27, message: 'This call of `consentGA` runs Google Analytics' }],
    },
    {
      name: '… and the script file itself reports nothing for it',
      code: "function consentGA(consent) {\n  localStorage.setItem('consent', consent);\n  const s = document.createElement('script');\n  s.src = 'https://www.googletagmanager.com/gtag/js?id=G-1';\n  document.head.append(s);\n}\nfbq('init', '1');\n",
      filename: 'site/js/cookies.js',
      files: { 'site/index.html': '<!doctype html>\n<script src="/js/cookies.js"></script>\n<button onclick="consentGA(true)">Allow</button>\n<button onclick="consentGA(false)">Decline</button>\n' },
      errors: [{ messageId: 'notGated', line: 7 }],
    },
    {
      name: 'a script file’s loader that only a page’s non-accept control calls stays on the loader, the handler named in the trace',
      code: "function showMap() {\n  fbq('init', '1');\n}\n",
      filename: 'site/js/map.js',
      files: { 'site/index.html': '<!doctype html>\n<script src="js/map.js"></script>\n<button onclick="showMap()">Show</button>\n' },
      errors: [{ messageId: 'notGated', line: 2 }],
    },
    {
      name: 'a local helper with a gated and an ungated call: the finding sits on the ungated call',
      code: MIXED_LOCAL,
      errors: [{ messageId: 'notGatedHere', line: 8, column: 1, endLine: 8, endColumn: 19, message: 'This call of `track` runs Mixpanel (mixpanel.track, line 3)' }],
    },
    {
      name: 'two ungated calls, one gated: one finding per ungated path',
      code: "import posthog from 'posthog-js';\nconst capture = (event) => {\n  posthog.capture(event);\n};\nif (window.Cookiebot?.consent.statistics) capture('a');\ncapture('b');\nwindow.addEventListener('scroll', () => capture('c'));\n",
      errors: [
        { messageId: 'notGatedHere', line: 6, column: 1 },
        { messageId: 'notGatedHere', line: 7, column: 41 },
      ],
    },
    {
      name: 'a helper reaching two trackers: still one finding per ungated call',
      code: "import mixpanel from 'mixpanel-browser';\nimport posthog from 'posthog-js';\nfunction track(name) {\n  mixpanel.track(name);\n  posthog.capture(name);\n}\nif (window.Cookiebot?.consent.statistics) track('a');\ntrack('b');\n",
      errors: [{ messageId: 'notGatedHere', line: 8, message: 'Mixpanel' }],
    },
    {
      name: 'no call is gated: one finding on the tracker call, as before',
      code: "import mixpanel from 'mixpanel-browser';\nfunction track(name) {\n  mixpanel.track(name);\n}\ntrack('a');\ntrack('b');\n",
      errors: [{ messageId: 'notGated', line: 3 }],
    },
    {
      name: 'the ungated call site gets the wrap fix, the tracker call stays as it is',
      code: "import mixpanel from 'mixpanel-browser';\nimport { hasConsent } from './consent';\nfunction track(name: string) {\n  mixpanel.track(name);\n}\nif (hasConsent('analytics')) track('a');\ntrack('b');\n",
      config: team,
      errors: [{ messageId: 'notGatedHere', line: 7 }],
      output: "import mixpanel from 'mixpanel-browser';\nimport { hasConsent } from './consent';\nfunction track(name: string) {\n  mixpanel.track(name);\n}\nif (hasConsent('analytics')) track('a');\nif (hasConsent('analytics')) {\n  track('b');\n}\n",
    },
    {
      name: 'an imported helper called without a check while another file checks: the finding sits on this call',
      code: "import { trackEvent } from '../lib/analytics';\nexport function onBuy() {\n  trackEvent('buy');\n}\n",
      filename: 'app/buy.ts',
      files: { 'lib/analytics.ts': helperModule, 'app/view.ts': gatedCaller },
      config: team,
      errors: [{ messageId: 'notGatedHere', line: 3, column: 3, message: 'This call of `trackEvent` runs Mixpanel (mixpanel.track, ../lib/analytics.ts, line 3)' }],
    },
    {
      name: 'through an exported wrapper: the outermost ungated call is reported',
      code: "import { trackPurchase } from '../lib/purchase';\ntrackPurchase(42);\n",
      filename: 'app/checkout.ts',
      files: { 'lib/analytics.ts': helperModule, 'lib/purchase.ts': wrapperModule, 'app/view.ts': gatedCaller },
      config: team,
      errors: [{ messageId: 'notGatedHere', line: 2, column: 1, message: 'This call of `trackPurchase`' }],
    },
  ],
});

describe('tracking-without-consent: the related location of a relocated finding', () => {
  it('same file: the tracker call inside the helper', () => {
    const [finding] = lint(rule.id, MIXED_LOCAL, 'test.ts');
    assert.equal(finding.related.length, 1);
    assert.equal(finding.related[0].range.start.line, 3);
    assert.match(finding.related[0].message, /inside `track`/);
    assert.ok(finding.trace.some((t) => t.includes('called behind a consent check elsewhere')), finding.trace.join('\n'));
  });

  it('another file: the tracker call in the helper’s module', () => {
    const findings = lint(rule.id, "import { trackEvent } from '../lib/analytics';\ntrackEvent('buy');\n", 'app/buy.ts', team, { 'lib/analytics.ts': helperModule, 'app/view.ts': gatedCaller });
    assert.equal(findings.length, 1);
    assert.ok(findings[0].related[0].file.endsWith('lib/analytics.ts'), findings[0].related[0].file);
    assert.equal(findings[0].related[0].range.start.line, 3);
  });
});
