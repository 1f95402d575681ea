/**
 * tracking-without-consent: a tracker call, component, script or pixel that can run
 * before the visitor consented to the purpose the tracker needs.
 */
import { createRule } from '../rule';
import { isEntryPoint } from '../knowledge/entry-points';
import { queueOf } from '../knowledge/tag-queues';
import type { QueueLoader } from '../rule';
import type { Fix } from '../model';
import type { TrackerSink } from '../facts/types';
import type { ConsentApiEntry, ConsentCategory } from '../knowledge/types';
import type { Knowledge } from '../knowledge';
import type { FileFacts } from '../facts/types';
import type { ResolvedConsentConfig } from '../config/types';
import { indentationAt, rangeOf } from '../text';
import { effectiveCategory } from '../facts';
import { configAcrossFiles } from '../facts/framework-config';
import { vendorMethods, vendorNamed } from '../knowledge/tracker-instances';
import type { VendorEntry } from '../knowledge/types';
import type { RuleContext } from '../rule';

type RuleContextOf = RuleContext<Options, MessageIds>;

/** Options of `tracking-without-consent`. */
export interface Options {
  /** Vendor ids never reported (e.g. a tool your authority treats as exempt). */
  ignoreVendors: string[];
  /**
   * Countries whose visitors the site serves (ISO codes, e.g. `["DE", "FR"]`). A vendor's
   * consent exemption (the CNIL's for audience measurement) only lowers the finding to `info`
   * when it holds in every one of them; empty = not stated (exemptions lower to `info`).
   */
  jurisdictions: string[];
  /**
   * Hosts that are the site's own (`example.com` also covers `cdn.example.com`). Requests to them are
   * first-party and never reported, even when the third-party-web dataset lists the host.
   */
  firstPartyHosts: string[];
}

export type MessageIds = 'notGated' | 'notGatedHere' | 'wrongCategory' | 'exemptVendor' | 'consentModeAdvanced' | 'serverNotGated' | 'configNotGated';

/** Consent Mode storage types that need the visitor's consent (Google's Consent Mode v2 reference). */
const CONSENT_STORAGE = ['ad_storage', 'analytics_storage', 'ad_user_data', 'ad_personalization', 'personalization_storage'];

/** How a category reads in messages. */
export const CATEGORY_LABEL: Record<ConsentCategory, string> = {
  necessary: 'strictly necessary',
  functionality: 'functional',
  experience: 'experience',
  measurement: 'analytics',
  marketing: 'marketing',
};

/** The word a consent function is called with for a category when the team has no map. */
const CATEGORY_WORD: Record<ConsentCategory, string> = {
  necessary: 'necessary',
  functionality: 'functional',
  experience: 'experience',
  measurement: 'analytics',
  marketing: 'marketing',
};

export const rule = createRule<Options, MessageIds>({
  id: 'tracking-without-consent',
  meta: {
    title: 'Disallow trackers that run before the visitor consents',
    type: 'problem',
    defaultSeverity: 'error',
    gdpr: [
      { ref: 'Art. 6(1)(a) GDPR', gist: 'Tracking for analytics or marketing needs the visitor’s consent as its legal basis.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj#d1e1888-1-1' },
      { ref: 'Art. 7 GDPR', gist: 'Consent must be given before processing, and be provable.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj#d1e2001-1-1' },
      { ref: 'Art. 5(3) ePrivacy Directive', gist: 'Storing or reading information on the visitor’s device needs prior consent unless strictly necessary.', url: 'https://eur-lex.europa.eu/eli/dir/2002/58/oj' },
      { ref: '§ 25 TDDDG', gist: 'The German implementation of Art. 5(3) ePrivacy.', url: 'https://www.gesetze-im-internet.de/ttdsg/__25.html' },
    ],
    messages: {
      notGated: {
        text: '{{vendor}} ({{label}}) runs before the visitor consents to {{category}} tracking.',
        why: 'A tracker may only read or store identifiers on the visitor’s device after they agreed to {{category}} tracking (Art. 6(1)(a) GDPR, Art. 5(3) ePrivacy).',
        fix: 'Run it only after checking {{category}} consent, e.g. `{{check}}`, or let your consent tool load it.',
      },
      notGatedHere: {
        text: 'This call of `{{helper}}` runs {{vendor}} ({{label}}, {{where}}) before the visitor consents to {{category}} tracking; the other calls of `{{helper}}` check consent first.',
        why: 'A tracker may only read or store identifiers on the visitor’s device after they agreed to {{category}} tracking (Art. 6(1)(a) GDPR, Art. 5(3) ePrivacy); on this path nothing checks it.',
        fix: 'Check {{category}} consent before this call, as the other calls of `{{helper}}` do, e.g. `{{check}}`.',
      },
      wrongCategory: {
        text: '{{vendor}} ({{label}}) is only behind a check for {{found}} consent, but it needs {{category}} consent.',
        why: 'Consent is given per purpose: agreeing to {{found}} cookies does not allow {{category}} tracking (Art. 4(11), 6(1)(a) GDPR).',
        fix: 'Check {{category}} consent before it runs, e.g. `{{check}}`.',
      },
      serverNotGated: {
        text: '{{vendor}} ({{label}}) receives the visitor’s events from your server without a check of their {{category}} consent or a consent value.',
        why: 'Server-side tracking is still tracking: sending a visitor’s events to an analytics or ad platform needs the same consent as the browser tag (Art. 6(1)(a) GDPR), and the platform cannot honour a choice it is never told.',
        fix: 'Send it only after checking {{category}} consent, e.g. `{{check}}`, and pass the visitor’s choice along (the GA4 Measurement Protocol `consent` field).',
      },
      consentModeAdvanced: {
        text: '{{vendor}} ({{label}}) loads before consent with Google Consent Mode defaults set to denied ("advanced" mode, {{where}}).',
        why: 'With denied defaults the Google tag still runs on the visitor’s device and sends cookieless pings, which reads device information without consent (Art. 5(3) ePrivacy; EDPB Guidelines 2/2023).',
        fix: 'Load the tag only after consent ("basic" mode), e.g. behind `{{check}}`; if your authority accepts advanced mode, set `consent.consentModeAdvanced` to `accept`.',
      },
      configNotGated: {
        text: '{{vendor}} ({{label}}) is switched on in the {{framework}} configuration, so it loads on every page before the visitor consents to {{category}} tracking.',
        why: 'A tracker may only read or store identifiers on the visitor’s device after they agreed to {{category}} tracking (Art. 6(1)(a) GDPR, Art. 5(3) ePrivacy); a plugin in the site configuration runs on every page, before any consent check in the pages.',
        fix: '{{configFix}}',
      },
      exemptVendor: {
        text: '{{vendor}} ({{label}}) runs without a consent check; some authorities exempt it only in a specific configuration.',
        why: 'Exemption conditions: {{exemption}}',
        fix: 'Verify the exempt configuration is in place, or gate it behind {{category}} consent like other trackers.',
      },
    },
    schema: {
      type: 'object',
      properties: {
        ignoreVendors: {
          type: 'array',
          items: { type: 'string' },
          description: 'Vendor ids (from the tracker catalogue) never reported by this rule.',
        },
        jurisdictions: {
          type: 'array',
          items: { type: 'string', pattern: '^[A-Z]{2}$' },
          description: 'Countries whose visitors you serve (ISO codes). A consent exemption (e.g. the CNIL audience-measurement exemption, FR) lowers a finding to info only when it holds in all of them.',
        },
        firstPartyHosts: {
          type: 'array',
          items: { type: 'string', pattern: '^[a-z0-9.-]+$' },
          description: 'Your own hosts (a domain covers its subdomains). Loads from them are first-party and never reported, even when the third-party-web dataset lists the host (e.g. the vendor’s own website).',
        },
      },
      additionalProperties: false,
    },
    fixable: true,
    hasSuggestions: true,
    description:
      'Reports tracker calls (global snippets such as `gtag`/`fbq`/`_paq` and imported SDKs such as `mixpanel-browser`, `posthog-js`, `react-ga4`), tracker components and tracker script or pixel tags that are not enclosed by a consent check for the purpose the tracker needs. Recognised checks: `if`, early `return`, `&&`, `||`, `?:` and `switch` on a consent API of a known consent tool (Cookiebot, OneTrust, Usercentrics, Didomi, Klaro, orestbida cookieconsent, c15t, IAB TCF, react-cookie-consent, Fides, iubenda, Complianz, CookieYes, Borlabs Cookie, CookieHub, Transcend, consentmanager.net; the catalogue `knowledge/consent-apis.json` lists 27 consent tools with what their public documentation shows, and the loader hosts that tell a page has one, whose API the fix then uses) or on the team’s own consent functions and hooks from `creepyline.json`; callbacks the consent tool calls after consent (for callbacks that run for every choice, such as CookieHub `onAllow(category)`, orestbida `onConsent` or Osano’s consent-saved event, a test of the callback’s category parameter with `==`/`===`/`!==`, `switch`, `includes` or `indexOf` against a category word gates that purpose); script tags blocked by the consent tool’s markup; and local functions whose every call site is gated. A check for the wrong purpose (a statistics check around a marketing pixel) does not count. SDKs are followed through dynamic imports (`await import(…)`, `import(…).then(m => m.default).then(sdk => …)`, `.then(({ default: x }) => …)`) and through shared instances: a module that exports an instance made by a catalogued factory (`knowledge/tracker-instances.json`: `AnalyticsBrowser.load`, `posthog.init`, `new Analytics(…)`, `Mixpanel.init`) makes that instance’s sending methods tracker calls in every importing file, judged where they are called; when the imported module is not among the analysed files, a binding or module name that names a catalogued vendor, called with that vendor’s methods, is reported at medium confidence and warning. A tracker started in a listener of the site’s own consent event (`addEventListener(\'cookie-consent-accepted\', …)`, an event whose name speaks of consent or accepting) is gated when every dispatch of that event in the package sits in an accept path: a click on a control that says it accepts, a handler named for accepting, or behind a stored granted choice; a dispatch on scroll, from a timer or on page load without a stored choice is not consent (EDPB Guidelines 05/2020), and `removeEventListener` is not a call of the listener. Two gates are judged by how the page uses them rather than by their names: React state that starts off (`useState(false)`) and is turned on only where consent was given (a consent tool’s callback such as react-cookie-consent `onAccept`, an accept control’s handler, a consent check) counts as the consent those places grant; a stored value read back through a helper (`readCookie(\'cookie-notice-option\') == \'true\'`, `getCookie(\'cc_status\') === \'allow\'`, `localStorage.getItem(…)`) counts when the same file writes that value only on an accept path (the banner’s accept click or accept handler), at medium confidence; writes in other files are not followed yet. A tracker inside a helper function (in the same file or imported from another analysed file, also through exported wrappers) that some callers call behind a consent check and others do not is reported at each call that runs without one, with the tracker call as the related location, instead of once on the tracker call. In HTML, inline handlers (`onclick="loadTracking(false)"`, `onload=…`) are call sites of the functions the page’s inline scripts declare: a click or key handler on a control that says it accepts (its text, id, class or aria-label) is an accept path, any other handler is not; the same holds for the global functions of a script file the page includes with `<script src>` (a relative or root-relative path). A finding on a tag (`<script src>`, an `<img>` pixel, `<iframe src>`, `<link href>`, in HTML, JSX and Vue/Svelte/Astro templates) sits on the attribute that carries the vendor URL; a `creepyline-disable-next-line` comment above the tag still suppresses it. A call that runs only when the tracker global exists (`if (window.gtag)`, `typeof fbq === \'function\' && …`, `window.posthog?.capture(…)`) inherits the gating of that global’s loaders in the package, at medium confidence and warning when they are not all gated or none was found. Queued commands of a tag snippet (`gtag`, `dataLayer.push`, `fbq`, `_paq.push`) send nothing until the vendor’s loader script runs, so they inherit its gating: when every loader in the package waits for consent for the purpose, they are not reported, and the Consent Mode “advanced” finding goes on the loader, never on queue commands in a file that loads nothing. A tracker inside an exported function that no analysed file calls is an error in a framework entry point (Next.js `app/**/page`, `layout`, `route`, `pages/**`, Remix routes, SvelteKit `+page`, Astro pages, Gatsby browser APIs, plus your `entryPoints` globs) and a warning at medium confidence elsewhere, where it may be dead code or called from outside the analysed files. Besides the hand-written tracker catalogue (`knowledge/vendors.json`: call shapes, SDK imports, loader and pixel hosts, each entry with its source), every URL the page loads is classified by its host with the third-party-web dataset (npm `third-party-web`, MIT, the version `creepyline --version` prints; about 2,100 entities): script `src` (tags, `next/script`, `createElement(\'script\')` loaders), `<img>` and `new Image().src` pixels, `navigator.sendBeacon`, `<iframe>`, `<link rel=stylesheet|preload>`, CSS `url()` and `@import`, and `fetch`/XHR/axios requests. `knowledge/third-party-web-mapping.json` maps the dataset’s categories onto consent purposes, each decision with its reason: ad → marketing, analytics → analytics, marketing and social → marketing at medium confidence, customer-success widgets → functional at medium confidence, tag managers → analytics, video players → the embed rule; cdn, hosting, utility, content, other and consent-provider hosts are never reported. The catalogue wins where it knows the URL or the entity. Requests are medium confidence (the host may serve an API), links the visitor must click, strings that are never loaded and comments are not loads, and hosts listed in `firstPartyHosts` are never reported. Updating the dataset: bump `third-party-web` in packages/core, run `npm run tpw:snapshot`, review the listed entities whose purpose changed, commit. Trackers switched on in a framework’s configuration file load on every page before any check in the pages can run, so they are reported at the entry that switches them on, with the plugin’s own consent option as the fix where it has one (`knowledge/framework-config.json`, each entry with its source): Nuxt (`nuxt.config.*`: `modules`/`buildModules` entries `nuxt-gtag` — gated by `gtag.initMode: \'manual\'` or `enabled: false`; `@nuxtjs/gtm` and `nuxt-gtm` — gated by `gtm.autoInit: false` or `enabled: false`; `@nuxtjs/google-gtag` and `@nuxtjs/google-analytics` — no consent option; `app.head.script` / `head.script` entries loading a tracker), Gatsby (`gatsby-config.*` plugins `gatsby-plugin-google-gtag`, `gatsby-plugin-google-analytics`, `gatsby-plugin-google-tagmanager`, `gatsby-plugin-facebook-pixel`, `gatsby-plugin-hotjar` — no consent option; `gatsby-plugin-segment-js` — gated by `manualLoad: true`; `gatsby-plugin-gdpr-cookies` waits for its consent cookies and is gated), Docusaurus (`docusaurus.config.*`: preset-classic options `gtag`, `googleTagManager`, `googleAnalytics` and the plugins `@docusaurus/plugin-google-gtag`, `@docusaurus/plugin-google-tag-manager`, `@docusaurus/plugin-google-analytics` — Docusaurus has no consent option; `scripts` and `headTags` entries), VitePress (`.vitepress/config.*` `head` script entries), VuePress (`.vuepress/config.*`: `head` script entries, `@vuepress/plugin-google-analytics` / `@vuepress/google-analytics`, Baidu Tongji through `vuepress-plugin-baidu-tongji` (short name `baidu-tongji`), `@renovamen/vuepress-plugin-baidu-tongji`, `@vuepress-plume/plugin-baidu-tongji`, and `vuepress-plugin-baidu-google-analytics` with its `hm`/`ga` options — none has a consent option) and Astro (`astro.config.*` `integrations`: `@jop-software/astro-matomo` adds Matomo to every page; Partytown alone loads no tracker). The exported object is read as written (`export default defineNuxtConfig({…})`, `module.exports = {…}`, a constant or a config function’s returned object); entries behind an environment switch (`isProd && …`) count, since the environment is not consent; a configured script entry carrying the consent tool’s blocking markup is gated like the tag. Entries added to those lists in the file’s top-level statements (`plugins.push(…)` inside `if (process.env.…)`) count. Configuration split across files is followed through the project’s own imports (`modules` imported from `./config`, `plugins: require(\'./config/plugins\')` or its spread, an imported list entry, a function returning the list, `[\'classic\', presetOptions]`, a plugin’s options object, a head script list such as `head: require(\'./config/head\')`): the finding sits at the entry in the file that writes it, and a consent option there or in the configuration gates it. A tracker loaded this way also counts as the loader of its queue, so `gtag(…)` calls in the pages inherit its gating. Angular: `NgxGoogleAnalyticsModule.forRoot(…)` and `provideGoogleAnalytics(…)` (ngx-google-analytics) start Google Analytics when the app boots, and tracker calls in `APP_INITIALIZER` / `provideAppInitializer` factories run before any consent check unless the factory checks it.',
    whenNotToUse:
      'When a server-side consent layer or a tag manager configured to fire only after consent loads every tracker, and the code never calls a tracker directly. Prefer `ignoreVendors` for a single tool your authority exempts.',
    examples: {
      incorrect: [
        { title: 'A tracker call at the top level of a module', code: "gtag('event', 'sign_up', { method: 'newsletter' });\n", filename: 'signup.js' },
        {
          title: 'An imported SDK called in a click handler without a check',
          code: "import mixpanel from 'mixpanel-browser';\n\nexport function onAddToCart(sku: string) {\n  mixpanel.track('add_to_cart', { sku });\n}\n",
        },
        {
          title: 'A marketing pixel behind a statistics check',
          code: "if (window.Cookiebot?.consent.statistics) {\n  fbq('track', 'Purchase', { value: 42, currency: 'EUR' });\n}\n",
        },
        {
          title: 'A Nuxt module that loads gtag.js on every page when the site starts',
          code: "export default defineNuxtConfig({\n  modules: ['nuxt-gtag'],\n  gtag: { id: 'G-XXXXXXXXXX' },\n});\n",
          filename: 'nuxt.config.ts',
        },
        {
          title: 'A Gatsby plugin without a consent option',
          code: "module.exports = {\n  plugins: [{ resolve: 'gatsby-plugin-google-tagmanager', options: { id: 'GTM-XXXXXXX' } }],\n};\n",
          filename: 'gatsby-config.js',
        },
        {
          title: 'A tracker script in HTML that the consent tool does not block',
          code: '<script async src="https://www.googletagmanager.com/gtag/js?id=G-XXXX"></script>\n',
          filename: 'index.html',
        },
      ],
      correct: [
        {
          title: 'Checked with the consent tool’s API',
          code: "if (window.Cookiebot?.consent.marketing) {\n  fbq('track', 'Purchase', { value: 42, currency: 'EUR' });\n}\n",
        },
        {
          title: 'Early return in the team’s own consent helper (declared in creepyline.json)',
          code: "import mixpanel from 'mixpanel-browser';\nimport { hasConsent } from './consent';\n\nexport function onAddToCart(sku: string) {\n  if (!hasConsent('analytics')) return;\n  mixpanel.track('add_to_cart', { sku });\n}\n",
          config: { consent: { functions: ['hasConsent'] } },
        },
        {
          title: 'The Nuxt module waits until the site calls initialize() after consent',
          code: "export default defineNuxtConfig({\n  modules: ['nuxt-gtag'],\n  gtag: { id: 'G-XXXXXXXXXX', initMode: 'manual' },\n});\n",
          filename: 'nuxt.config.ts',
        },
        {
          title: 'A script tag blocked by the consent tool until marketing consent',
          code: '<script type="text/plain" data-cookieconsent="marketing" src="https://connect.facebook.net/en_US/fbevents.js"></script>\n',
          filename: 'index.html',
        },
      ],
    },
  },
  defaultOptions: { ignoreVendors: [], jurisdictions: [], firstPartyHosts: [] },
  check(context) {
    const { facts, options } = context;
    const toolInUse = consentToolInUse(facts, context.knowledge);
    const instanceCalls = importedInstanceCalls(context);
    reportUngatedHelperCalls(context, toolInUse);
    const relocatedCalls = new Set<number>();
    reportMarkupCalls(context, toolInUse, relocatedCalls);
    // framework configuration split across files: entries this module lists for a configuration, options it imports
    const configured = configAcrossFiles(facts, context.project, context.knowledge, (vendor) => effectiveCategory(vendor, context.config));
    for (const sink of [...facts.sinks, ...instanceCalls.keys(), ...configured.extra].sort((a, b) => a.span.start - b.span.start)) {
      const instance = instanceCalls.get(sink);
      if (sink.gate.gated || configured.gated.has(sink) || options.ignoreVendors.includes(sink.vendorId)) continue;
      if (sink.thirdParty && isFirstParty(sink.thirdParty.host, options.firstPartyHosts)) continue;
      // In a listener of the site's own consent event: gated when every dispatch is on an accept path.
      const siteEvent = sink.gate.consentEvent;
      const dispatches = siteEvent ? context.project.consentEventDispatches?.(siteEvent.name) ?? [] : [];
      if (siteEvent && dispatches.length > 0 && dispatches.every((d) => d.accept)) continue;
      // Inside an exported function: the callers in other files decide.
      const crossFile = sink.gate.exportNames ? context.project.gateAcrossFiles(facts.file, sink.gate.exportNames, sink.category) : undefined;
      if (crossFile?.gated) continue;
      // Some callers in other files check consent and some do not: each ungated caller's file reports its call.
      if (crossFile && !instance && relocatable(sink, crossFile, context)) continue;
      // A global function of a classic script, called from the inline handlers of the pages that include it.
      const markupCalls = sink.gate.globalFunction ? context.project.markupCallsOf?.(facts.file, sink.gate.globalFunction) ?? [] : [];
      if (markupCalls.length > 0 && markupCalls.every((c) => c.accept)) continue;
      if (markupCalls.some((c) => c.accept) && relocatable(sink, { gatedUses: 1, ungated: markupCalls }, context)) continue;
      // No caller in the analysed files: certain to run only where the framework calls it (a page,
      // a layout, a route). Elsewhere it may be dead code or called from outside the analysed set.
      const noKnownCaller = crossFile !== undefined && crossFile.uses === 0 && !isEntryPoint(facts.file, context.config.entryPoints);
      // A queued command (gtag, fbq, _paq.push, dataLayer.push) sends nothing until the loader runs: it inherits the loader's gating.
      const queue = sink.form === 'global-call' ? queueOf(sink.vendorId, sink.label) : undefined;
      const loaders = queue ? context.project.queueLoaders(queue.loaderVendors, sink.category) : [];
      if (queue && loaders.length > 0 && loaders.every((l) => l.gated)) continue;
      // `if (window.gtag)`, `typeof fbq === 'function'`, `window.posthog?.capture(…)`: runs only once the global's loader ran.
      const existence = sink.form === 'global-call' && sink.gate.existence && sink.label.split('.')[0] === sink.gate.existence.global ? sink.gate.existence : undefined;
      const existenceLoaders = existence ? (queue ? loaders : context.project.queueLoaders([sink.vendorId], sink.category)) : [];
      if (existence && existenceLoaders.length > 0 && existenceLoaders.every((l) => l.gated)) continue;
      const loadsHere = loaders.some((l) => l.file === facts.file);
      const check = checkExpression(context.config.consent, sink.category, toolInUse);
      // Decision: Consent Mode "advanced" (denied defaults, tag still loads) is a warning at medium confidence.
      // A file that itself defaults a storage type to granted is not "advanced mode" (prechecked-consent reports it).
      // Only storage types that need consent count (security_storage granted is normal).
      const grantsHere = facts.consentDefaults.some((d) => CONSENT_STORAGE.some((type) => d.values[type] === 'granted'));
      // Browser Consent Mode defaults say nothing about hits sent from the server.
      const advanced = sink.consentMode && sink.form !== 'server-request' && !sink.gate.seen.length && !grantsHere ? context.project.consentModeDenied[0] : undefined;
      if (advanced && context.config.consent.consentModeAdvanced === 'accept') continue;
      // Decision: the advanced-mode finding belongs on the loader, never on queue commands in a file that loads nothing.
      if (advanced && queue && !loadsHere) continue;
      const where = advanced ? `${advanced.file === facts.file ? 'this file' : relativeName(advanced.file, facts.file)}, line ${advanced.line}` : '';
      const data = {
        vendor: sink.vendorName.replace(/\s*\([^)]*\)\s*$/, ''),
        label: sink.label,
        category: CATEGORY_LABEL[sink.category],
        check: check.text,
        found: sink.gate.seen.map((s) => s.grants.map((g) => (g === 'any' ? 'general' : CATEGORY_LABEL[g])).join('/')).join(', '),
        exemption: sink.exemption ?? '',
        where,
        framework: sink.config?.framework ?? '',
        configFix: sink.config?.consentOption
          ? `Use the plugin’s own consent option: ${sink.config.consentOption}.`
          : sink.config?.plugin
            ? `${sink.config.plugin} has no consent option: remove it from the configuration and load the tag only after ${CATEGORY_LABEL[sink.category]} consent, e.g. behind \`${check.text}\` or through your consent tool.`
            : `Remove it from the configuration and load it only after ${CATEGORY_LABEL[sink.category]} consent, e.g. behind \`${check.text}\`, or let your consent tool load it (its blocking markup on the script entry).`,
      };
      // The exemption counts when no country is stated, or when it holds in every stated one.
      const exempt = sink.exemption !== undefined && (options.jurisdictions.length === 0 || !sink.exemptIn || options.jurisdictions.every((c) => sink.exemptIn!.includes(c.toUpperCase())));
      const messageId: MessageIds = advanced
        ? 'consentModeAdvanced'
        : exempt
          ? 'exemptVendor'
          : sink.gate.seen.length
            ? 'wrongCategory'
            : sink.form === 'server-request'
              ? 'serverNotGated'
              : sink.config
                ? 'configNotGated'
                : 'notGated';
      // A local helper called both behind a check and without one: the findings go where the check is missing.
      if (sink.gate.ungatedUses?.length && (messageId === 'notGated' || messageId === 'wrongCategory') && !instance) {
        reportAtCallSites(context, sink, check, existence !== undefined || sink.thirdParty?.confidence === 'medium', relocatedCalls);
        continue;
      }
      // A host known only from the dataset's loosely marked categories, or a request that may be an API call: medium.
      const heuristic = advanced !== undefined || noKnownCaller || instance?.guessed === true || existence !== undefined || sink.thirdParty?.confidence === 'medium' || (sink.gate.seen.length > 0 && sink.gate.seen.every((s) => s.confidence === 'medium'));
      context.report({
        messageId,
        data,
        // a tag's finding sits on the attribute that carries the vendor URL
        start: (sink.anchor ?? sink.span).start,
        end: (sink.anchor ?? sink.span).end,
        ...(sink.anchor ? { ownerStart: sink.span.start } : {}),
        confidence: heuristic ? 'medium' : 'high',
        severityCap: exempt && !advanced ? 'info' : advanced || noKnownCaller || instance?.guessed || existence ? 'warning' : undefined,
        fixes: sink.config?.optionEdit
          ? [{ title: `Use ${sink.config.plugin}’s consent option (${sink.config.optionEdit.option}; then start it after consent)`, edits: [{ start: sink.config.optionEdit.start, end: sink.config.optionEdit.end, text: sink.config.optionEdit.text }], safe: false }]
          : wrapFixes(facts.text, facts.lineStarts, sink, check),
        trace: [
          sink.thirdParty
            ? `${sink.thirdParty.host} belongs to ${sink.thirdParty.entity}${sink.thirdParty.company && sink.thirdParty.company !== sink.thirdParty.entity ? ` (${sink.thirdParty.company})` : ''}, category "${sink.thirdParty.category}" in the third-party-web dataset${sink.thirdParty.version ? ` ${sink.thirdParty.version}` : ''}; ${sink.vendorName} needs ${CATEGORY_LABEL[sink.category]} consent: ${sink.thirdParty.reason}`
            : `${sink.vendorName} needs ${CATEGORY_LABEL[sink.category]} consent (tracker catalogue).`,
          ...(sink.exemption && !exempt ? [`Its exemption (${sink.exemptIn?.join(', ')}) does not hold in every jurisdiction you serve (${options.jurisdictions.join(', ')}).`] : []),
          ...(facts.consentTools?.length ? [`This file loads a consent tool (${[...new Set(facts.consentTools.map((t) => t.name))].join(', ')}), but nothing makes this tracker wait for its consent.`] : []),
          ...(instance ? [instance.trace] : []),
          ...sink.gate.trace,
          ...(crossFile?.trace ?? []),
          ...(queue ? [queueTrace(queue.callees[0], loaders, facts.file)] : []),
          ...(siteEvent ? [siteEventTrace(siteEvent.name, dispatches, facts.file)] : []),
          ...markupCalls.map((c) => `${relativeName(c.file, facts.file)}:${c.line} calls \`${sink.gate.globalFunction}\` from an inline ${c.event} handler${c.accept ? ` (${c.accept})` : ' on a control that does not say it accepts'}.`),
          ...(existence ? [existenceTrace(existence.global, existenceLoaders, facts.file, queue !== undefined)] : []),
          ...(noKnownCaller
            ? ['This file is not a framework entry point (a page, layout or route; `entryPoints` in creepyline.json adds yours), so it runs only if something calls it: reported at warning, medium confidence. Where it runs on page load unchecked, it is a violation.']
            : []),
        ],
        related: [
          ...(crossFile?.ungated ?? []).slice(0, 20).map((use) => ({
            file: use.file,
            range: { start: { line: use.line, column: use.column }, end: { line: use.line, column: use.column + (use.span.end - use.span.start) }, startOffset: use.span.start, endOffset: use.span.end },
            message: `Called here without a consent check for ${CATEGORY_LABEL[sink.category]} tracking`,
          })),
          // the options object the consent-option fix edits (Nuxt's `gtag: {…}` on another line)
          ...(sink.config?.optionEdit ? [optionsLocation(facts, sink.config.optionEdit, sink.config.plugin ?? '')] : []),
        ],
      });
    }
  },
});

/** Where the consent-option fix writes, as a related location of the configuration finding. */
function optionsLocation(facts: FileFacts, edit: { option: string; start: number; end: number }, plugin: string) {
  const start = rangeOf(facts.lineStarts, edit.start, edit.end);
  return { file: facts.file, range: { ...start, startOffset: edit.start, endOffset: edit.end }, message: `The options ${plugin} reads: \`${edit.option}\` goes here` };
}

/**
 * A sink whose finding moves to the ungated callers in other files: some callers check consent,
 * some do not, and nothing else about the sink needs the sink's own file to judge it (a queue, a
 * tracker-global test, a site consent event, Consent Mode, an exemption, a configuration entry).
 */
function relocatable(sink: TrackerSink, crossFile: { gatedUses: number; ungated: readonly unknown[] }, context: RuleContextOf): boolean {
  if (crossFile.gatedUses === 0 || crossFile.ungated.length === 0) return false;
  // Consent Mode "advanced" (denied defaults in the package) is judged on the loader itself
  const advanced = sink.consentMode && context.project.consentModeDenied.length > 0;
  if (sink.gate.gated || sink.gate.consentEvent || sink.gate.existence || advanced || sink.exemption !== undefined || sink.config) return false;
  if (sink.form === 'server-request' || (sink.form === 'global-call' && queueOf(sink.vendorId, sink.label))) return false;
  return true;
}

/** The message data of a `notGatedHere` finding: the tracker, the check it needs, and the helper that reaches it. */
function notGatedHereData(sink: TrackerSink, check: { text: string }, helper: string, where: string): Record<string, string> {
  return {
    vendor: sink.vendorName.replace(/\s*\([^)]*\)\s*$/, ''),
    label: sink.label,
    category: CATEGORY_LABEL[sink.category],
    check: check.text,
    helper,
    where,
  };
}

/** A finding per ungated call site of the local helper that holds the sink, the sink being the related location. */
function reportAtCallSites(context: RuleContextOf, sink: TrackerSink, check: { text: string; configured: boolean }, medium: boolean, reported: Set<number>): void {
  const { facts } = context;
  const sinkLine = lineOf(facts.lineStarts, sink.span.start);
  const sinkRange = rangeAt(facts.lineStarts, sink.span);
  for (const use of sink.gate.ungatedUses ?? []) {
    // one finding per ungated call: the first tracker the helper reaches speaks for the path
    if (reported.has(use.span.start)) continue;
    reported.add(use.span.start);
    context.report({
      messageId: 'notGatedHere',
      data: notGatedHereData(sink, check, use.helper, `line ${sinkLine}`),
      start: use.span.start,
      end: use.span.end,
      confidence: medium ? 'medium' : 'high',
      fixes: use.statement ? wrapFixes(facts.text, facts.lineStarts, { ...sink, statement: use.statement, span: use.span, inJsx: false }, check) : [],
      trace: [
        `${sink.vendorName} needs ${CATEGORY_LABEL[sink.category]} consent (${sink.thirdParty ? 'third-party-web dataset' : 'tracker catalogue'}); it runs inside \`${use.helper}\` (line ${sinkLine}).`,
        `\`${use.helper}\` is called behind a consent check elsewhere in this file; this call has none:`,
        ...use.trace.map((t) => `  ${t}`),
      ],
      related: [{ file: facts.file, range: sinkRange, message: `${sink.vendorName} runs here, inside \`${use.helper}\`` }],
    });
  }
}

/**
 * Calls in this file of a helper exported by another analysed file (directly or through
 * exported wrappers) whose tracker sink is gated on some callers' paths but not on this one:
 * the finding sits on this call, the sink being the related location (the sink's own file
 * reports nothing for it, see `relocatable`).
 */
function reportUngatedHelperCalls(context: RuleContextOf, toolInUse: ConsentApiEntry | undefined): void {
  const { facts, options } = context;
  const reported = new Set<string>();
  for (const use of facts.imports) {
    if (use.grants.includes('any')) continue;
    for (const { owner, sink, helper } of sinksBehind(context, use.specifier, use.exportName, facts.file, 0, new Set())) {
      if (use.grants.includes(sink.category) || options.ignoreVendors.includes(sink.vendorId)) continue;
      if (sink.thirdParty && isFirstParty(sink.thirdParty.host, options.firstPartyHosts)) continue;
      const crossFile = context.project.gateAcrossFiles(owner.file, sink.gate.exportNames ?? [], sink.category);
      if (!relocatable(sink, crossFile, context)) continue;
      if (!crossFile.ungated.some((u) => u.file === facts.file && u.span.start === use.span.start)) continue;
      // one finding per ungated call, however many trackers the helper reaches
      const key = `${use.span.start}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const check = checkExpression(context.config.consent, sink.category, toolInUse);
      const sinkLine = lineOf(owner.lineStarts, sink.span.start);
      const called = use.exportName === 'default' ? 'the default export' : use.exportName;
      context.report({
        messageId: 'notGatedHere',
        data: notGatedHereData(sink, check, called, `${relativeName(owner.file, facts.file)}, line ${sinkLine}`),
        start: use.span.start,
        end: use.span.end,
        confidence: sink.thirdParty?.confidence === 'medium' ? 'medium' : 'high',
        trace: [
          `${sink.vendorName} needs ${CATEGORY_LABEL[sink.category]} consent; it runs in ${relativeName(owner.file, facts.file)} (line ${sinkLine}), reached through \`${helper}\`${called === helper ? '' : `, which this file calls as \`${called}\``}.`,
          `${crossFile.gatedUses} of its uses in the analysed files check consent first; this one does not.`,
          ...crossFile.trace,
        ],
        related: [{ file: owner.file, range: rangeAt(owner.lineStarts, sink.span), message: `${sink.vendorName} runs here, reached through \`${helper}\`` }],
      });
    }
  }
}

/**
 * HTML: inline handlers (`onclick="consentGA(false)"`) calling a global function of a script file
 * the page includes, on a control that does not say it accepts, while other handlers call it from
 * accept controls: the finding sits on the handler's call, the script's tracker the related location.
 */
function reportMarkupCalls(context: RuleContextOf, toolInUse: ConsentApiEntry | undefined, reported: Set<number>): void {
  const { facts, options } = context;
  if (!facts.markupCalls?.length || !context.project.includedScripts || !context.project.markupCallsOf) return;
  for (const call of facts.markupCalls) {
    if (call.accept || reported.has(call.span.start)) continue;
    for (const owner of context.project.includedScripts(facts.file, call.scripts)) {
      const sink = owner.sinks.find((s) => s.gate.globalFunction === call.name && !options.ignoreVendors.includes(s.vendorId) && !(s.thirdParty && isFirstParty(s.thirdParty.host, options.firstPartyHosts)));
      if (!sink) continue;
      const all = context.project.markupCallsOf(owner.file, call.name);
      if (!all.some((c) => c.accept) || !relocatable(sink, { gatedUses: 1, ungated: [call] }, context)) continue;
      reported.add(call.span.start);
      const sinkLine = lineOf(owner.lineStarts, sink.span.start);
      const check = checkExpression(context.config.consent, sink.category, toolInUse);
      context.report({
        messageId: 'notGatedHere',
        data: notGatedHereData(sink, check, call.name, `${relativeName(owner.file, facts.file)}, line ${sinkLine}`),
        start: call.span.start,
        end: call.span.end,
        confidence: 'medium',
        trace: [
          `${sink.vendorName} needs ${CATEGORY_LABEL[sink.category]} consent; it runs inside \`${call.name}\` of ${relativeName(owner.file, facts.file)} (line ${sinkLine}), a script this page includes.`,
          `This inline ${call.event} handler sits on a control that does not say it accepts; ${all.filter((c) => c.accept).map((c) => `${relativeName(c.file, facts.file)}:${c.line} (${c.accept})`).join(', ')} call it from an accept control.`,
        ],
        related: [{ file: owner.file, range: rangeAt(owner.lineStarts, sink.span), message: `${sink.vendorName} runs here, inside \`${call.name}\`` }],
      });
      break;
    }
  }
}

/** The sinks inside `exportName` of the analysed module `specifier` (through exported wrappers, up to 4 deep). */
function sinksBehind(context: RuleContextOf, specifier: string, exportName: string, fromFile: string, depth: number, seen: Set<string>): { owner: FileFacts; sink: TrackerSink; helper: string }[] {
  const from = context.project.exportedFrom(specifier, exportName, fromFile);
  if (!from || depth > 4) return [];
  const key = `${from.facts.file}#${from.name}`;
  if (seen.has(key)) return [];
  seen.add(key);
  const out = from.facts.sinks.filter((s) => !s.gate.gated && s.gate.exportNames?.includes(from.name)).map((sink) => ({ owner: from.facts, sink, helper: from.name === 'default' ? 'the default export' : from.name }));
  for (const inner of from.facts.imports) {
    if (inner.enclosingExports.includes(from.name)) out.push(...sinksBehind(context, inner.specifier, inner.exportName, from.facts.file, depth + 1, seen));
  }
  return out;
}

/** A span as a range of a file. */
function rangeAt(lineStarts: number[], span: { start: number; end: number }): { start: { line: number; column: number }; end: { line: number; column: number }; startOffset: number; endOffset: number } {
  return rangeOf(lineStarts, span.start, span.end);
}

/**
 * Method calls on imported tracker instances, as sinks judged at the call site: the import comes
 * from an analysed module that exports an instance made by a catalogued SDK factory
 * (`export const analytics = AnalyticsBrowser.load(…)` → `analytics.track(…)`), or, when the
 * module is not among the analysed files, the binding or the specifier's last segment names a
 * catalogued vendor and the method is one of that vendor's (`guessed`: medium confidence).
 */
function importedInstanceCalls(context: RuleContextOf): Map<TrackerSink, { guessed: boolean; trace: string }> {
  const { facts, knowledge, config } = context;
  const out = new Map<TrackerSink, { guessed: boolean; trace: string }>();
  for (const use of facts.imports) {
    if (!use.member) continue;
    const from = context.project.exportedFrom(use.specifier, use.exportName, facts.file);
    let vendor: VendorEntry | undefined;
    let server = false;
    let guessed = false;
    let trace: string;
    if (from) {
      const instance = from.facts.trackerInstances?.find((i) => i.exportName === from.name);
      if (!instance || !instance.methods.includes(use.member.method)) continue;
      vendor = knowledge.vendorById(instance.vendorId);
      server = instance.server;
      trace = `\`${use.exportName === 'default' ? 'the default export' : use.exportName}\` of ${relativeName(from.facts.file, facts.file)} is the ${vendor?.name ?? instance.vendorId} instance created there by \`${instance.label}\` (line ${lineOf(from.facts.lineStarts, instance.span.start)}); \`${use.member.method}\` sends data, so this call is the tracker call.`;
    } else {
      const last = use.specifier.split('/').pop() ?? '';
      const local = facts.text.slice(use.span.start, use.span.end).split('.')[0];
      vendor = vendorNamed(local, knowledge.vendors) ?? vendorNamed(use.exportName, knowledge.vendors) ?? vendorNamed(last, knowledge.vendors);
      if (!vendor || !vendorMethods(vendor).has(use.member.method)) continue;
      guessed = true;
      trace = `'${use.specifier}' is not among the analysed files, but its name says ${vendor.name} and \`${use.member.method}\` is a ${vendor.name} method: probably a shared ${vendor.name} instance (medium confidence; analyse the module too, or declare it a consent-checked wrapper).`;
    }
    if (!vendor) continue;
    const category = effectiveCategory(vendor, config);
    const grants = use.grants;
    if (grants.includes('any') || grants.includes(category)) continue;
    const method = use.member.method;
    const sink: TrackerSink = {
      vendorId: vendor.id,
      vendorName: vendor.name,
      category,
      form: server ? 'server-request' : 'sdk-call',
      label: `${facts.text.slice(use.span.start, use.span.end)}.${method}`,
      span: use.member.call,
      statement: use.member.statement,
      inJsx: false,
      exemption: vendor.exemption?.note,
      exemptIn: vendor.exemption?.jurisdictions,
      gate: {
        gated: false,
        seen: grants.map((g) => ({ span: use.span, text: 'a consent check', grants: [g], form: 'if' as const, confidence: 'high' as const, origin: 'project' })),
        trace: [],
        exportNames: use.enclosingExports.length ? use.enclosingExports : undefined,
        consentEvent: use.consentEvent !== undefined ? { name: use.consentEvent, span: use.span } : undefined,
      },
    };
    out.set(sink, { guessed, trace });
  }
  return out;
}

function lineOf(lineStarts: readonly number[], offset: number): number {
  let line = 0;
  while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) line++;
  return line + 1;
}

/** True when `host` is one of the site's own hosts or a subdomain of one. */
function isFirstParty(host: string, own: readonly string[]): boolean {
  return own.some((h) => {
    const d = h.toLowerCase().replace(/^www\./, '');
    return host === d || host.endsWith(`.${d}`);
  });
}

/** "Why flagged" for a queued command whose loader is not (or not always) behind consent. */
function queueTrace(callee: string, loaders: readonly QueueLoader[], file: string): string {
  if (loaders.length === 0) {
    return `\`${callee}\` only queues the command for the vendor's loader script, but no loader (script tag or component) was found in this package's analysed files, so its gating cannot be inherited.`;
  }
  const open = loaders.filter((l) => !l.gated).map((l) => `${l.file === file ? 'this file' : relativeName(l.file, file)}:${l.line}`);
  return `\`${callee}\` only queues the command; the loader that sends it runs without a consent check at ${open.slice(0, 3).join(', ')}${open.length > 3 ? ` and ${open.length - 3} more` : ''}.`;
}

/** "Why flagged" for a tracker in a listener of the site's own consent event. */
function siteEventTrace(event: string, dispatches: readonly { file: string; line: number; accept: boolean; path: string }[], file: string): string {
  if (dispatches.length === 0) return `No dispatch of \`${event}\` was found in this package's analysed files, so nothing shows that it fires only after the visitor accepted.`;
  const open = dispatches.filter((d) => !d.accept);
  return `\`${event}\` is also dispatched outside an accept path: ${open.slice(0, 3).map((d) => `${d.file === file ? 'this file' : relativeName(d.file, file)}:${d.line} (${d.path})`).join('; ')}. Scrolling, timers and page load are not consent (EDPB Guidelines 05/2020).`;
}

/** "Why flagged" for a call that runs only when the tracker global exists (medium confidence). */
function existenceTrace(global: string, loaders: readonly QueueLoader[], file: string, queueTold: boolean): string {
  const head = `The call runs only when \`${global}\` exists, that is after its loader ran, so it inherits the loader's gating (medium confidence)`;
  if (loaders.length === 0) return `${head}; no loader of \`${global}\` was found in this package's analysed files (a tag manager or consent tool may load it): check that whatever loads it waits for consent.`;
  return queueTold ? `${head}.` : `${head}; a loader runs without a consent check at ${loaders.filter((l) => !l.gated).slice(0, 3).map((l) => `${l.file === file ? 'this file' : relativeName(l.file, file)}:${l.line}`).join(', ')}.`;
}

/**
 * A consent tool whose checks this file already uses (the first with a fix template), else one whose
 * loader script the file loads (`consent.cookiebot.com/uc.js` → `window.Cookiebot?.consent?.…`).
 */
function consentToolInUse(facts: FileFacts, knowledge: Knowledge): ConsentApiEntry | undefined {
  for (const sink of facts.sinks) {
    for (const evidence of [...(sink.gate.by ? [sink.gate.by] : []), ...sink.gate.seen]) {
      const api = knowledge.consentApiById(evidence.origin);
      if (api?.fixTemplate) return api;
    }
  }
  for (const tool of facts.consentTools ?? []) {
    const api = tool.apiId ? knowledge.consentApiById(tool.apiId) : undefined;
    if (api?.fixTemplate) return api;
  }
  return undefined;
}

/** `lib/consent-mode.ts` relative to the reporting file's folder, for messages. */
function relativeName(file: string, from: string): string {
  const a = file.split(/[\\/]/);
  const b = from.split(/[\\/]/);
  let i = 0;
  while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
  return [...Array(b.length - 1 - i).fill('..'), ...a.slice(i)].join('/');
}

/**
 * The consent check a fix inserts, and whether it is known to work: the team's configured
 * API first, else the API of a consent tool this file already checks (`Cookiebot.consent…`),
 * else a `hasConsent('…')` placeholder offered as an unsafe suggestion.
 */
export function checkExpression(consent: ResolvedConsentConfig, category: ConsentCategory, toolInUse?: ConsentApiEntry): { text: string; configured: boolean } {
  const fn = consent.functions[0];
  if (!fn && !consent.checkTemplate && toolInUse?.fixTemplate) {
    const name = Object.keys(toolInUse.categoryMap).find((key) => toolInUse.categoryMap[key] === category);
    if (name) return { text: toolInUse.fixTemplate.replace(/\{\{\s*name\s*\}\}/g, name), configured: true };
  }
  const word = fn?.categoryMap ? Object.keys(fn.categoryMap).find((k) => fn.categoryMap![k] === category) ?? CATEGORY_WORD[category] : CATEGORY_WORD[category];
  if (consent.checkTemplate) return { text: consent.checkTemplate.replace(/\{\{\s*category\s*\}\}/g, word), configured: true };
  if (fn) {
    if (fn.category === 'fromArg' || fn.category === undefined) return { text: `${fn.name}('${word}')`, configured: true };
    return { text: `${fn.name}()`, configured: true };
  }
  return { text: `hasConsent('${word}')`, configured: false };
}

/**
 * True when the statement ends where the line allows one to end: with `;`, or followed on its line
 * only by a comment, `}` or `)`. Anything else after it (`tag.src = '…'] + id` while the file is being
 * edited) means the parser recovered from broken code there, and wrapping the statement would move
 * the damage instead of keeping it in place.
 */
function endsCleanly(text: string, end: number): boolean {
  if (text[end - 1] === ';') return true;
  const newline = text.indexOf('\n', end);
  const rest = text.slice(end, newline < 0 ? text.length : newline).trimStart();
  return rest === '' || rest.startsWith('//') || rest.startsWith('/*') || rest.startsWith('}') || rest.startsWith(')');
}

/** "Wrap in consent check": a statement becomes `if (check) { … }`, a JSX element `{check && <…/>}`. */
function wrapFixes(text: string, lineStarts: number[], sink: TrackerSink, check: { text: string; configured: boolean }): Fix[] {
  let edit: { start: number; end: number; text: string } | undefined;
  if (sink.statement && endsCleanly(text, sink.statement.end)) {
    const { start, end } = sink.statement;
    const indent = indentationAt(text, lineStarts, start);
    const body = text.slice(start, end).replace(/\n/g, '\n  ');
    edit = { start, end, text: `if (${check.text}) {\n${indent}  ${body}\n${indent}}` };
  } else if (sink.inJsx) {
    const { start, end } = sink.span;
    const before = text.slice(0, start).trimEnd();
    const element = text.slice(start, end);
    const asChild = before.endsWith('>') || before.endsWith('}');
    edit = { start, end, text: asChild ? `{${check.text} && ${element}}` : `(${check.text} ? ${element} : null)` };
  }
  if (!edit) return [];
  const title = check.configured
    ? `Run only after ${CATEGORY_LABEL[sink.category]} consent (${check.text})`
    : `Wrap in a consent check (${check.text}; declare your consent function in creepyline.json)`;
  return [{ title, edits: [edit], safe: check.configured }];
}
