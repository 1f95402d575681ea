/**
 * Shapes of the knowledge catalogues (trackers, consent APIs). Catalogues are data:
 * JSON files beside this module, each entry naming its source. Teams extend them from
 * `creepyline.json` (`vendors`, `consent`), never by editing rules.
 */

/**
 * Purposes a visitor consents to. The names follow c15t's categories; CMP-specific
 * names (Cookiebot "statistics", OneTrust "C0002", orestbida "analytics") are mapped
 * onto these by each consent API's `categoryMap`.
 */
export type ConsentCategory = 'necessary' | 'functionality' | 'experience' | 'measurement' | 'marketing';

/** A call of a global function or of a method on a global object. */
export interface GlobalShape {
  /**
   * Dotted path of the callee without `window.`/`globalThis.`/`self.` prefixes, e.g. `gtag`,
   * `fbq`, `_paq.push`, `mixpanel.track`, `mixpanel.people.set`, `analytics.track`.
   * A prefixed form (`window.gtag(...)`) matches the same entry.
   */
  callee: string;
  /**
   * When set, only calls whose first argument is one of these string literals match
   * (e.g. `gtag` with `["config","event","set"]`; `gtag('consent', ...)` is not a sink).
   */
  firstArgIn?: string[];
  /** When set, calls whose first argument is one of these string literals never match. */
  firstArgNotIn?: string[];
  /**
   * When set, the argument at `index` must be a string literal equal to one of `equals` or
   * starting with one of `startsWith` (`gtag('event', 'conversion', …)`, `gtag('config', 'AW-…')`
   * belong to Google Ads, not Google Analytics). Shapes with `argMatch` are tried first.
   */
  argMatch?: { index: number; equals?: string[]; startsWith?: string[] };
  /**
   * For command queues fed with arrays (`_paq.push(['trackPageView'])`): calls whose first
   * argument is an array literal whose first element is one of these string literals never
   * match. Used for consent commands pushed into the same queue (`_paq.push(['requireConsent'])`).
   */
  firstArgHeadNotIn?: string[];
  /**
   * Settings that only restrict what the tag does (`ads_data_redaction: true`, `allow_google_signals: false`),
   * with their restricting value: `gtag('set', 'ads_data_redaction', true)` and `gtag('set', { … })` setting only
   * these are configuration, never a sink.
   */
  privacySettings?: Record<string, boolean | string>;
  /**
   * Set on queues that also carry consent state (`dataLayer.push({ event: 'consent_update', analytics_storage: 'granted' })`):
   * a push of an object literal holding only consent state (`*_storage`, `ad_user_data`, `ad_personalization`,
   * `wait_for_update`, an `event` naming consent) configures the tags and is never a sink.
   */
  consentStatePushes?: boolean;
}

/** How an npm SDK's import is used as a tracker. */
export interface ImportShape {
  /** Module specifier, exact (`mixpanel-browser`) or a subpath (`@vercel/analytics/react`). */
  module: string;
  /** `default`, `*` (namespace import), or the named export. */
  export: string;
  /**
   * `object`: methods called on the binding are sinks (`mixpanel.track()`), limited to `methods` when given;
   * `call`: calling the binding itself is a sink (`track()` from `@vercel/analytics`);
   * `component`: rendering it in JSX is a sink (`<GoogleAnalytics gaId=…/>`);
   * `class`: `new X(...)` or `X.<method>(...)` (e.g. `AnalyticsBrowser.load`) creates a tracker instance;
   * `plugin`: installing it as a framework plugin starts the tracker (`app.use(VueGtag, { … })`).
   */
  as: 'object' | 'call' | 'component' | 'class' | 'plugin';
  /**
   * For `call`/`plugin`: options (in the options object: the call's first argument, the plugin's
   * options after it) that hold the tracker until a later call of its own (vue-gtag
   * `bootstrap: false`, `@gtm-support/vue-gtm` `enabled: false`): with one of these values the
   * install starts nothing. An option whose value is a consent check (`enabled: hasConsent('analytics')`)
   * gates the install like an `if`.
   */
  offWhen?: { option: string; equals: (string | boolean)[] }[];
  /** For `object`/`class`: method paths that send data or load the tracker. Omitted = every method. */
  methods?: string[];
  /**
   * For `class`: the methods of an instance that send data (`client.track(…)` of
   * `new Analytics({ writeKey })`). When set, creating the instance sends nothing and is not a sink.
   */
  instanceMethods?: string[];
  /**
   * For `component`: a prop that hands the component an instance created elsewhere
   * (`<PostHogProvider client={posthog}>`): rendered with it, the component initialises nothing.
   */
  unlessProp?: string;
  /**
   * `true` for server-side SDKs (`@segment/analytics-node`, `posthog-node`): the data leaves from
   * the server, so no browser consent banner can gate the call itself; the recipient still needs a
   * legal basis (Art. 6 GDPR), usually the consent collected in the browser.
   */
  server?: boolean;
}

/** One tracking vendor. */
export interface VendorEntry {
  /** Stable id, kebab-case (`google-analytics`, `meta-pixel`). */
  id: string;
  name: string;
  /** The consent purpose this vendor needs by default. */
  category: ConsentCategory;
  /** What the vendor does; informs messages. */
  kind: 'analytics' | 'advertising' | 'tag-manager' | 'session-replay' | 'chat' | 'crm' | 'email-marketing' | 'ab-testing' | 'customer-data-platform' | 'attribution' | 'social' | 'video';
  globals: GlobalShape[];
  imports: ImportShape[];
  /** Host + optional path prefix of the loader script (`www.googletagmanager.com/gtag/js`). */
  scriptHosts: string[];
  /** Host + path prefix of tracking pixels / beacon endpoints (`www.facebook.com/tr`). */
  pixelHosts?: string[];
  /**
   * Server-to-server tracking endpoints (GA4 Measurement Protocol, Meta Conversions API): a
   * request to them from the backend is tracking too, and needs the visitor's consent.
   */
  serverEndpoints?: string[];
  /**
   * Set when a data-protection authority treats a configuration of this tool as
   * consent-exempt (e.g. CNIL for cookieless audience measurement). Findings are then `info`.
   */
  exemption?: {
    note: string;
    source: string;
    /** ISO country codes of the authorities granting it (`FR` for the CNIL); omitted = not country-specific. */
    jurisdictions?: string[];
  };
  /**
   * A command that switches the tracker into opt-in mode: after it, the tracker holds every
   * call until the page reports consent (Matomo `_paq.push(['requireConsent'])`). Calls in a file
   * that sends it count as gated.
   */
  optInMode?: { callee: string; firstArgHeadIn: string[]; source: string };
  /**
   * An init option that starts the SDK opted out until the page opts the visitor in
   * (posthog-js `init(key, { opt_out_capturing_by_default: true })`): the SDK's init call with it
   * (method `method` of the vendor's SDK) switches the file into opt-in mode, like `optInMode`.
   */
  optInOption?: { method: string; property: string; value: boolean | string; source: string };
  /**
   * The vendor's tags honour Google Consent Mode (`gtag('consent', 'default', …)`): with
   * `denied` defaults they still load and send cookieless pings ("advanced" mode).
   */
  consentMode?: boolean;
  /** Where the facts come from (vendor docs, npm package, c15t registry, …). */
  source: string[];
  /**
   * How the call shapes (`globals`, `imports`) were last re-checked, for entries whose `source`
   * does not cite a page of the vendor's own documentation: `public-code` means the shape was
   * found, as listed, in public code and documentation text (the `note` says what was looked
   * for and where); `unverified` means it could not be found and the shape is kept only because
   * its source names it. Entries whose `source` cites the vendor's docs page omit it.
   */
  verified?: { how: 'public-code' | 'unverified'; checked: string; note: string };
  /**
   * The third-party-web entity this vendor is (its exact `name` in the dataset). Hosts of that
   * entity that the vendor's own patterns do not list are reported under this vendor.
   */
  thirdPartyWeb?: string;
  /** Why the vendor has no third-party-web entity (set instead of `thirdPartyWeb`). */
  thirdPartyWebNone?: string;
  /** The company behind the vendor (the dataset's `company`, else the catalogue's). */
  company?: string;
  /**
   * Set on vendors made from a third-party-web entity that the catalogue does not know:
   * the dataset's facts and the mapping's reason. Findings on them say where they come from.
   */
  origin?: {
    dataset: 'third-party-web';
    version: string;
    entity: string;
    category: string;
    confidence: 'high' | 'medium';
    reason: string;
  };
}

/** A read of consent state that can guard a tracker: `if (<check>) track()`. */
export interface ConsentCheckShape {
  /**
   * Dotted path (without `window.` prefix). A property read when `call` is false
   * (`Cookiebot.consent.statistics`), a call otherwise (`CookieConsent.acceptedCategory`).
   * A segment followed by `()` is an intermediate call in the chain
   * (`klaro.getManager().getConsent` matches `klaro.getManager().getConsent('matomo')`).
   */
  path: string;
  /**
   * When set, the path's first segment must be a binding imported from this npm module
   * (`acceptedCategory` imported from `vanilla-cookieconsent`) instead of a global.
   */
  module?: string;
  /** `true` when the check is a call. */
  call?: boolean;
  /**
   * The category this check grants. `fromArg` takes it from the call's first string
   * argument through `categoryMap` (`acceptedCategory('analytics')`); `fromProperty`
   * from the next property name (`Cookiebot.consent.marketing` via `Cookiebot.consent`);
   * `any` means consent for everything the banner covers (`Cookiebot.consented`).
   */
  category: ConsentCategory | 'fromArg' | 'fromProperty' | 'any';
  /** For string-containment reads such as `OnetrustActiveGroups.includes('C0004')`. */
  contains?: boolean;
}

/** A callback the CMP calls once consent is given or changes. Code inside counts as gated. */
export interface ConsentCallbackShape {
  /**
   * `function`: a global function declaration or assignment with this name (`OptanonWrapper`);
   * `event`: `window.addEventListener(<name>, cb)`; `callArg`: a callback passed to `path(...)`
   * (`OneTrust.OnConsentChanged(cb)`, `__tcfapi('addEventListener', 2, cb)`);
   * `option`: a property in an options object passed to `path(...)` (`CookieConsent.run({ onConsent })`);
   * `jsxProp`: a prop of a component from `module` (`<CookieConsent onAccept={…}>`);
   * `assignedOption`: a property of an object literal assigned under `name`
   * (`tarteaucitron.services.myservice = { needConsent: true, js: function () {…} }`).
   */
  kind: 'function' | 'event' | 'callArg' | 'option' | 'jsxProp' | 'assignedOption';
  /** Function name, event name, callee path, or component name depending on `kind`. */
  name: string;
  /** For `callArg`: the first argument literal that must match (`'addEventListener'`). */
  firstArg?: string;
  /** For `option`/`jsxProp`: the property name (`onConsent`, `onAccept`). */
  property?: string;
  /** For `jsxProp`, and imported `callArg`/`option` callees: the npm module the name is imported from. */
  module?: string;
  /**
   * `true` when the callback also runs on rejection/changes, so the body still needs its
   * own check to count as gated (orestbida `onChange`, TCF listener without purpose check).
   */
  needsInnerCheck?: boolean;
  /** Category granted when no inner check says otherwise. */
  category: ConsentCategory | 'any';
}

/** Markup a CMP recognises to block a script/iframe until consent (`type="text/plain" data-cookieconsent="marketing"`). */
export interface ConsentMarkupShape {
  /** Attribute carrying the category or service name. */
  attribute: string;
  /** Also requires `type="text/plain"` (or `data-type`) on the element. */
  requiresTextPlain: boolean;
  /** The attribute's value is a category name mapped through `categoryMap`; else a service name (`any`). */
  valueIsCategory: boolean;
  /**
   * When set, the attribute holds whitespace-separated tokens and the category is the part of
   * the token after this prefix (OneTrust: `class="optanon-category-C0002"`).
   */
  valuePrefix?: string;
}

/** One consent-management platform or consent API. */
export interface ConsentApiEntry {
  id: string;
  name: string;
  /** npm packages that provide it (imports of these make its hooks/components recognised). */
  packages: string[];
  checks: ConsentCheckShape[];
  /** React hooks returning consent state, e.g. c15t `useConsentManager` (→ `has('measurement')`). */
  hooks?: { name: string; module?: string; checkMethod?: string }[];
  callbacks: ConsentCallbackShape[];
  markup: ConsentMarkupShape[];
  /**
   * Names that stand for consent to device access in general rather than one purpose (TCF
   * purpose 1 "store and/or access information on a device"): a check on them gates any tracker.
   */
  generalConsentNames?: string[];
  /**
   * The check a quick fix inserts when this consent tool is in use in the file and the team
   * declared no consent function: `{{name}}` is the tool's name for the category (the first
   * `categoryMap` key that maps to it), e.g. `window.Cookiebot?.consent?.{{name}}`.
   */
  fixTemplate?: string;
  /** CMP-specific category names → our categories (`statistics` → `measurement`). */
  categoryMap: Record<string, ConsentCategory>;
  /** How the API behaves where the shapes above cannot say it (e.g. Consent Mode is a signal, not a gate). */
  note?: string;
  /**
   * `host[/path]` of the consent tool's loader script (`consent.cookiebot.com/uc.js`): a page loading it
   * has this consent tool, whose API the fix then suggests.
   */
  loaderHosts?: string[];
  /** The consent tool's entity in the third-party-web dataset (category consent-provider), when it has one. */
  thirdPartyWeb?: string;
  source: string[];
}

/** What a processor does for the team (contract 2 in the helpers' contracts). */
export type ProcessorRole =
  | 'payment'
  | 'transactional-email'
  | 'newsletter'
  | 'crm'
  | 'analytics'
  | 'support'
  | 'shipping'
  | 'ads'
  | 'enrichment'
  | 'storage';

/** An HTTP endpoint: `host[/path]` (segments may contain `*`), with the HTTP method when it matters. */
export interface EndpointShape {
  /** `api.stripe.com/v1/customers/*`: no protocol, no query. */
  url: string;
  /** `DELETE`, `POST`, …: when set, only requests with this method match (fetch `method`, axios.delete, …). */
  method?: string;
}

/** Calls that erase (or only look like they erase) a person at a processor. */
export interface ErasureShape {
  /** The call as a developer writes it, for messages (`stripe.customers.del(customerId)`). */
  call: string;
  /** Dotted method-path suffixes on the processor's SDK (`customers.del`, `lists.deleteListMemberPermanent`). */
  methods?: string[];
  /** REST endpoints that erase. */
  endpoints?: EndpointShape[];
  note?: string;
  source: string;
}

/** A service the team hands personal data to (processor or recipient), with its erasure call. */
export interface ProcessorEntry {
  id: string;
  name: string;
  roles: ProcessorRole[];
  /** npm package names of its SDKs (exact; subpath imports match their package). */
  packages: string[];
  /** `host[/path]` patterns of its API hosts; subdomains match. */
  hosts: string[];
  /** The GDPR-grade erasure the processor offers, when it offers one by API. */
  erasure?: ErasureShape;
  /** Calls that look like erasure but are not (archive, unsubscribe), with why. */
  notErasure?: (Omit<ErasureShape, 'call'> & { note: string })[];
  source: string[];
}

/** What kind of third-party data a source yields. */
export type DataSourceKind = 'person-enrichment' | 'company-enrichment' | 'email-finder' | 'data-broker' | 'audience-upload';

/** An endpoint of a data source, optionally with its own kind or a required body key. */
export interface DataSourceHost {
  url: string;
  kind?: DataSourceKind;
  /** The request counts only when an object literal among its arguments has one of these keys. */
  requiresBodyKey?: string[];
}

/** An enrichment / broker API or an ad-platform customer-list upload (rule `third-party-data-source`). */
export interface DataSourceEntry {
  id: string;
  name: string;
  kind: DataSourceKind;
  packages: string[];
  hosts: DataSourceHost[];
  /** Hosts of the same vendor that are not data sources (logo CDN, autocomplete). */
  notHosts?: string[];
  /** SDK method-path suffixes that fetch or upload person data. */
  methods?: { path: string; kind?: DataSourceKind }[];
  source: string[];
}

/** Words marking a data file or a provenance value as a bought list. */
export interface PurchasedListVocabulary {
  extensions: string[];
  strong: string[];
  weak: string[];
  listWords: string[];
  provenanceKeys: string[];
  source: string[];
}
