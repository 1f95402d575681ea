/**
 * Facts: what the syntax pass extracts from one file. Rules read Facts, never the AST,
 * so a file is parsed and walked once per content (and consent configuration), whatever
 * the number of rules.
 */
import type { ConsentCategory } from '../knowledge/types';

/** Languages the core analyses. */
export type FileLanguage = 'ts' | 'tsx' | 'js' | 'jsx' | 'html' | 'css' | 'vue' | 'svelte' | 'astro';

/** A span of the file (0-based offsets). */
export interface Span {
  start: number;
  end: number;
}

/** A consent check the gate search met on the way up from a sink. */
export interface GuardEvidence {
  /** Where the check is written. */
  span: Span;
  /** The check as written (`Cookiebot.consent.statistics`), shortened. */
  text: string;
  /** Categories a truthy check grants; `any` = every category. */
  grants: (ConsentCategory | 'any')[];
  /** How the check encloses the sink. */
  form: 'if' | 'else' | 'early-return' | 'and' | 'or' | 'ternary' | 'callback' | 'call-site' | 'markup' | 'component' | 'option' | 'config';
  /** `medium` when the check was recognised by name only (a variable called `consent`). */
  confidence: 'high' | 'medium';
  /** Where it came from: a consent API id, `config`, or `heuristic`. */
  origin: string;
}

/** The verdict of the gate search for one sink. */
export interface GateResult {
  /** True when every path to the sink passes a check granting the sink's category. */
  gated: boolean;
  /** The check that gates the sink, when gated. */
  by?: GuardEvidence;
  /** Checks found that did not count (wrong category), for the "why flagged" trace. */
  seen: GuardEvidence[];
  /** Plain-language steps of the search, for hovers and `explain`. */
  trace: string[];
  /**
   * Set when the search stopped at a function this file exports: its export names. The
   * project pass then decides from the callers in other files.
   */
  exportNames?: string[];
  /**
   * Set when the way to the sink tests that a tracker global exists (`if (window.gtag)`,
   * `typeof fbq === 'function' &&`, `window.posthog?.capture(…)`): the global's name. The call then
   * runs only once the global's loader has run, and inherits that loader's gating.
   */
  existence?: { global: string; span: Span };
  /**
   * Set when the search stopped at a listener of the site's own consent event
   * (`addEventListener('cookie-consent-accepted', …)`): the event's name. The project pass then
   * decides from the event's dispatches (gated when every one sits in an accept path).
   */
  consentEvent?: { name: string; span: Span };
  /**
   * Set when the sink sits in a local helper that some call sites call behind a consent check and
   * others do not: the ungated call sites (the reference to the helper), each with the helper's
   * name and the search's steps for that path. The finding goes to each of them, the sink being
   * the related location, instead of one finding on the sink.
   */
  ungatedUses?: { span: Span; helper: string; statement?: Span; call: boolean; trace: string[] }[];
  /**
   * Set when the sink sits in a global function of a classic script (no import/export) that
   * nothing in the file calls: the pages that include the script and call it from inline
   * handlers decide (project pass).
   */
  globalFunction?: string;
}

/** A dispatch of a site's own consent event (`window.dispatchEvent(new CustomEvent('consent-accepted'))`). */
export interface ConsentEventDispatch {
  event: string;
  span: Span;
  /** True when it sits in an accept path: a click on an accept control, or behind a stored granted choice. */
  accept: boolean;
  /** What makes it run, in words (`onClick of <button>Accept all`, `in a scroll listener`). */
  path: string;
}

/** A tracker call, component, script or pixel. */
export interface TrackerSink {
  vendorId: string;
  vendorName: string;
  /** Consent purpose the vendor needs (after config remaps). */
  category: ConsentCategory;
  /** How the sink appears in code. */
  form: 'global-call' | 'sdk-call' | 'component' | 'script-tag' | 'script-element' | 'pixel' | 'server-request' | 'iframe' | 'stylesheet' | 'request' | 'config';
  /** The callee or tag as written (`gtag`, `mixpanel.track`, `<GoogleAnalytics>`). */
  label: string;
  /** The expression / element (what fixes and the gate search work on). */
  span: Span;
  /**
   * Where the finding underlines when not the whole `span`: for a tag (`<script src>`, `<img>`
   * pixel, `<iframe src>`, `<link href>`), the attribute that carries the vendor URL.
   */
  anchor?: Span;
  /** The enclosing statement that a "wrap in consent check" fix wraps, when one exists. */
  statement?: Span;
  /** Whether the statement sits in JSX (fix must wrap differently). */
  inJsx: boolean;
  /** The vendor carries a DPA exemption note (e.g. cookieless audience measurement). */
  exemption?: string;
  /** Countries whose authority grants the exemption (undefined = not country-specific). */
  exemptIn?: string[];
  /** The vendor's tag honours Google Consent Mode. */
  consentMode?: boolean;
  /**
   * Set when the sink was found by its URL's host in the third-party-web dataset rather than by
   * the catalogue's own patterns: the host, the dataset's entity and category, the mapping's
   * reason, and the confidence the mapping gives (medium for loosely marked categories and requests).
   */
  thirdParty?: { host: string; entity: string; company?: string; category: string; version: string; reason: string; confidence: 'high' | 'medium' };
  /**
   * Set when a framework's configuration file switches the tracker on for every page (a Nuxt
   * module, a Gatsby plugin, a Docusaurus preset option, a head script): the framework, the entry
   * as written, the plugin package and the plugin's own consent option when it has one
   * (`knowledge/framework-config.json`).
   */
  config?: {
    framework: string;
    entry: string;
    plugin?: string;
    consentOption?: string;
    /**
     * The plugin's consent option written into its options object (`initMode: 'manual'` added, or
     * an existing `initMode` set): the quick fix. The site must then start the tracker after
     * consent (the option's documented call), so it is a suggestion, never applied unreviewed.
     */
    optionEdit?: { option: string; start: number; end: number; text: string };
  };
  gate: GateResult;
}

/** A `gtag('consent', 'default', { … })` call: Consent Mode defaults before any choice. */
export interface ConsentModeDefault {
  span: Span;
  /** Storage type → value as written (`granted`, `denied`), or `dynamic` when not a literal. */
  values: Record<string, 'granted' | 'denied' | 'dynamic'>;
  /** Span of each property, for precise findings and fixes. */
  valueSpans: Record<string, Span>;
}

/** A third-party embed that loads with the page: an iframe, a stylesheet `<link>`, a CSS `@import`. */
export interface EmbedFact {
  form: 'iframe' | 'stylesheet' | 'css-import';
  /** Catalogue id (`youtube`, `google-fonts`) and name. */
  embedId: string;
  embedName: string;
  /** Consent purpose a check must grant before the embed loads. */
  category: ConsentCategory;
  /** What the catalogue suggests instead. */
  alternative: string;
  /** The URL as far as statically known. */
  url: string;
  /** The element or the `@import` rule. */
  span: Span;
  /** The attribute that carries the provider URL (`src="…"`, `href="…"`): where the finding underlines. */
  anchor?: Span;
  gate: GateResult;
  /** Replacing the host as written by the privacy-enhanced host (`www.youtube-nocookie.com`). */
  rewrite?: { span: Span; text: string };
}

/** A checkbox ticked by default whose name or label marks it as a marketing / newsletter / consent opt-in. */
export interface CheckedBox {
  /** The `<input>` element. */
  span: Span;
  /** The attribute that ticks it (`defaultChecked`, `checked`). */
  attribute: string;
  /** The opt-in words found (`newsletter`, `partner`). */
  words: string[];
  /** The attribute with its leading space: deleting it unticks the box. */
  remove: Span;
}

/** An opt-in whose initial value is `true`: through state, a form's initial values, or a schema default. */
export interface PrecheckedValue {
  /** The literal `true` that ticks it (the finding's anchor; the fix writes `false`). */
  span: Span;
  /** The field key or state name (`newsletter`, `prefs.marketing`). */
  key: string;
  /** The opt-in words of the key and the box's label. */
  words: string[];
  /** What holds the value: `` `useState` ``, `` `defaultValues` ``, `zod \`.default(true)\``, … */
  via: string;
  /** The checkboxes it ticks, when seen (empty: only the form's initial values or the schema were seen). */
  boxes: Span[];
}

/** A component rendering a checkbox whose ticked state (and key, label) come from its props. */
export interface CheckboxComponent {
  /** The function's name in its file. */
  localName: string;
  /** Names it is exported under (`default` included). */
  exportNames: string[];
  /** Prop that ticks it (`checked={!!value}` → `value`). */
  checkedProp?: string;
  /** `checked={values[name]}`: the prop holding the values object and the prop holding the key. */
  valuesProp?: string;
  keyProp?: string;
  /** The checkbox's own `name` when written literally. */
  nameLiteral?: string;
  /** Prop rendered as its label (`{label}`), and literal label text. */
  labelProp?: string;
  labelText: string;
  span: Span;
}

/** A JSX use of a component with props whose initial values are `true` (for checkbox components). */
export interface ComponentUse {
  /** The tag as written. */
  localName: string;
  /** Set when the component is imported: the specifier and the export used. */
  specifier?: string;
  exportName?: string;
  span: Span;
  /** Props written as literal strings (and `children` text). */
  strings: Record<string, string>;
  /** Props whose value starts as `true`: the literal's span and what holds it. */
  initials: Record<string, { span: Span; via: string }>;
  /** Object props (`values={values}`): keys whose value starts as `true`. */
  objectInitials: Record<string, Record<string, { span: Span; via: string }>>;
}

/** Something that makes a marketing field a condition of submitting (for `consent-coupling`). */
export interface ConsentRequirement {
  /** `schema`: accepts only true; `required`: a required box; `disabled-submit`; `rejects`: a handler refusing the request. */
  kind: 'schema' | 'required' | 'disabled-submit' | 'rejects';
  /** The field key (`newsletter`) or the reference name. */
  key: string;
  /** Marketing words of the key (or label). */
  words: string[];
  label?: string;
  /** The literal / attribute / condition: the finding's anchor. */
  span: Span;
  /** How it is enforced, as written (`z.literal(true)`, `the required attribute`). */
  how: string;
  /** Names around it, nearest first (function, component, schema variable, route, form id), for the purpose. */
  context: { what: string; text: string }[];
  /** Edits that let the form be sent without it (safe: they only widen what is accepted). */
  fix?: { title: string; edits: { start: number; end: number; text: string }[] };
}

/** Consent facts of forms: pre-ticked values, checkbox components and their uses, marketing fields made mandatory. */
export interface ConsentFormFacts {
  prechecked: PrecheckedValue[];
  checkboxComponents: CheckboxComponent[];
  componentUses: ComponentUse[];
  requirements: ConsentRequirement[];
}

/** A consent flag written to storage, with what the same record says about proof. */
export interface ConsentWrite {
  /** `database`: an ORM / query builder / document store; `client`: browser storage or a cookie. */
  kind: 'database' | 'client';
  /** The storage as catalogued (`Prisma`, `localStorage / sessionStorage`). */
  api: string;
  /** The flag's key (`marketingConsent`, the storage key). */
  key: string;
  /** The value as written, shortened. */
  value: string;
  /** The flag property (database) or the call (client): the finding's anchor. */
  span: Span;
  /** The write call. */
  write: Span;
  /** Which proof the written record carries: a time, the text or version, how it was given. */
  proof: { when: boolean; what: boolean; how: boolean };
  /** The record spreads an object whose keys are not known here. */
  spread: boolean;
  /** Model, table or collection written to, when known. */
  target?: string;
  /** The other keys of the record (for a team's own proof field names). */
  siblingKeys: string[];
}

/** A newsletter sign-up marked subscribed without a confirmation step (double opt-in). */
export interface SingleOptIn {
  api: string;
  /** The `status: 'subscribed'` property or the call. */
  span: Span;
  detail: string;
  target?: string;
  /** Replacing this value switches the API to its double opt-in (`'pending'`). */
  fixValue?: { span: Span; text: string };
}

/** Consent records of a file. */
export interface ConsentRecordFacts {
  writes: ConsentWrite[];
  singleOptIns: SingleOptIn[];
}

/** A consent-tool configuration flag that switches a purpose on before the visitor chose. */
export interface CmpDefaultOn {
  /** Consent API id (`orestbida-cookieconsent`, `klaro`) and its name. */
  api: string;
  apiName: string;
  /** Property path as written (`categories.analytics.enabled`, `services[matomo].default`). */
  property: string;
  /** The property assignment. */
  span: Span;
  /** The `true` value. */
  value: Span;
  /** Klaro `optOut: true` (the service loads before consent) rather than a default. */
  wasOptOut: boolean;
}

/** A use (call, JSX render, handler value) of a binding imported from a project file. */
export interface ImportedUse {
  /** The import specifier as written (`./analytics`, `@/lib/analytics`). */
  specifier: string;
  /** The export used: `default`, a name, or the member of a namespace import (`analytics.track` → `track`). */
  exportName: string;
  span: Span;
  /** Consent categories proven on the path to the use (`any` = every category). */
  grants: (ConsentCategory | 'any')[];
  /** When the use sits in a function this file exports: that function's export names. */
  enclosingExports: string[];
  /**
   * Set when the use is a method call on the import (`analytics.track(…)` → `track`,
   * `mixpanel.people.set(…)` → `people.set`): the method path, the call and its statement.
   * An exported tracker instance makes it a tracker call (`trackerInstances`).
   */
  member?: { method: string; call: Span; statement?: Span };
  /** Set when the use sits in a listener of the site's own consent event (its dispatches decide). */
  consentEvent?: string;
}

/** An exported tracker instance (`export const analytics = AnalyticsBrowser.load({ writeKey })`). */
export interface TrackerInstance {
  /** The export name (`default` for `export default`). */
  exportName: string;
  vendorId: string;
  /** The instance methods that send (from `knowledge/tracker-instances.json`). */
  methods: readonly string[];
  server: boolean;
  /** The creation as written (`AnalyticsBrowser.load`) and where. */
  label: string;
  span: Span;
}

/** `export { a as b } from './x'` (exportName `a`, as `b`) or `export * from './x'` (both `*`). */
export interface Reexport {
  specifier: string;
  exportName: string;
  as: string;
}

/** Personal data found in an argument of a sink (flows pass). */
export interface PiiItem {
  /** Personal-data kind (`email`, `phone`, `userId`, `profile` for a whole person object). */
  kind: string;
  category: import('./personal-data').PersonalDataCategory;
  confidence: 'high' | 'medium';
  /** The value is hashed (sha256 etc.): pseudonymised, still personal data. */
  hashed: boolean;
  /** The expression or property as written. */
  text: string;
  span: Span;
  /** Removing this range removes the property from the object literal (with one comma). */
  remove?: Span;
  /** How the data got there (`const traits = { email: user.email }`, `hashed by sha256()`). */
  via: string[];
  /** Classified as a person's only if this imported model is one (`name` read from a model declared in another file); joined by the rule. */
  needsModel?: { specifier: string; exportName: string };
}

/** A sink the flows pass looked at. */
export interface PiiSinkInfo {
  vendorId: string;
  vendorName: string;
  vendorKind: string;
  /** An advertising platform (a bare user id counts there). */
  adPlatform: boolean;
  form: string;
  label: string;
  span: Span;
  /** The request's host, for requests recognised by URL. */
  host?: string;
  /** `processor`: a tool that normally works under a processor contract for the site's own purpose (error monitoring: Sentry, Bugsnag, Datadog RUM). */
  recipient?: 'processor';
}

/** Personal data reaching one argument of a sink. */
export interface PiiFlow {
  sink: PiiSinkInfo;
  /** The argument's role (tracker-data-params.json). */
  role: string;
  items: PiiItem[];
}

/** An exported function whose parameters reach sinks. */
export interface PiiSummary {
  exportName: string;
  params: { index: number; sink: PiiSinkInfo }[];
}

/** A call of a function imported from a project file with personal data among its arguments. */
export interface PiiCall {
  specifier: string;
  exportName: string;
  span: Span;
  args: { index: number; items: PiiItem[] }[];
}

/** Text in a marketing context (a tracker call's arguments, an audience, segment, campaign or personalisation rule), for the special-category rule. */
export interface MarketingText {
  /** The string, template text, key or name as written. */
  text: string;
  span: Span;
  /** `tracker`: an argument of a tracker call; `name`: a marketing name encloses it; `file`: the file's name is about marketing. */
  context: 'tracker' | 'name' | 'file';
  /** The tracker (`Meta Pixel (fbq)`) or the marketing name (`createAudience`, `segments`, `campaigns/`). */
  evidence: string;
  /** Start of the nearest enclosing object literal or statement: texts of one group are one finding per category. */
  group: number;
}

/** Everything the syntax pass found in one file. */
export interface FileFacts {
  file: string;
  language: FileLanguage;
  text: string;
  lineStarts: number[];
  /** Content hash (with the consent configuration) the facts were computed for. */
  hash: string;
  sinks: TrackerSink[];
  consentDefaults: ConsentModeDefault[];
  /** Third-party iframes, font stylesheets and CSS imports. */
  embeds: EmbedFact[];
  /** Opt-in checkboxes ticked by default. */
  checkedBoxes: CheckedBox[];
  /** Consent-tool configurations with a purpose on by default. */
  cmpDefaults: CmpDefaultOn[];
  /** Opt-ins of forms ticked through their initial values, checkbox components and their uses. */
  consentForms: ConsentFormFacts;
  /** Consent flags written to storage and single opt-in sign-ups. */
  consentRecords: ConsentRecordFacts;
  /** Uses of bindings imported from project files (for the cross-file gate search). */
  imports: ImportedUse[];
  reexports: Reexport[];
  /** Every project module this file imports or requires (side-effect imports too), as written. */
  dependencies: string[];
  /**
   * Consent tools whose loader script this file loads (`consent.cookiebot.com/uc.js`, a third-party-web
   * consent-provider host): the page has that consent tool, so fixes suggest its API.
   */
  consentTools?: { name: string; apiId?: string; span: Span }[];
  /** Tracker instances this module exports (their methods are tracker calls where imported). */
  trackerInstances?: TrackerInstance[];
  /** Dispatches of the site's own consent events in this file, with their paths. */
  consentEvents?: ConsentEventDispatch[];
  /**
   * A framework configuration file: the plugin lists, entries and options objects it takes from
   * other project files (joined in the project pass with their `configExports`).
   */
  configImports?: import('./framework-config').ConfigImport[];
  /** Plugin entries and plugin options this module exports for a framework configuration to import. */
  configExports?: import('./framework-config').ConfigExport[];
  /** `<!-- -->` comments inside markup embedded in a script (Angular inline templates): suppression comments there count. */
  markupComments?: Span[];
  /**
   * HTML: calls in inline event handlers (`onclick="loadTracking(false)"`) of functions the page's
   * inline scripts do not declare, with the page's script files (`<script src>` as written): the
   * call sites of those files' global functions.
   */
  markupCalls?: { name: string; span: Span; accept?: string; event: string; scripts: string[] }[];
  /** Syntax errors reported by the parser (the analysis still ran on the recovered tree). */
  parseErrors: { span: Span; message: string }[];
  /** Forms rendered or validated in this file (see `facts/forms`; `resolveForms` adds config and cross-file schemas). */
  forms: FormFact[];
  /** Validation schemas declared in this file (linked to forms in other files through imports). */
  schemas: SchemaFact[];
  /** Mail transports, plain-HTTP requests, third-party data sources, processors, erasure and deletion paths (scripts only). */
  dataHandling?: DataHandlingFacts;
  /** Personal data reaching the file's sinks (flows pass). */
  piiFlows: PiiFlow[];
  /** Exported functions whose parameters reach sinks. */
  piiSummaries: PiiSummary[];
  /** Calls of imported project functions with personal-data arguments. */
  piiCalls: PiiCall[];
  /** Texts in marketing contexts (special-category pass). */
  marketingTexts: MarketingText[];
}

// ---------------------------------------------------------------------------------------------
// Forms (contract 3): a neutral model of the forms a file renders or validates, whatever the
// library. Filled inside the one syntax walk (JSX, schemas, form hooks) and by the HTML pass.
// ---------------------------------------------------------------------------------------------

/** How a field was written. */
export type FieldOrigin =
  | 'html' | 'jsx' | 'mui' | 'chakra' | 'mantine' | 'antd' | 'shadcn' | 'rhf' | 'formik'
  | 'zod' | 'yup' | 'valibot' | 'joi' | 'express-validator' | 'class-validator';

/** The personal-data class of a field, as the shared classifier reports it (contract 1). */
export interface FieldClassification {
  kind: string;
  category: string;
  confidence: 'high' | 'medium';
  /** The word that matched, and whether it came from the field's name or its visible text. */
  word: string;
  from?: 'name' | 'label';
}

/** One text edit (0-based offsets into the file the field is in). */
export interface FieldEdit {
  start: number;
  end: number;
  text: string;
}

/** One input of a form: an element, a component, a form-library registration or a schema property. */
export interface FieldFact {
  /** The submitted key (`email`, `user[email]`); for unnamed elements the id, else `''`. */
  name: string;
  /** Visible label text: a `<label>` (wrapping or `for`/`htmlFor`), `aria-label`, the component's `label` prop. */
  label?: string;
  placeholder?: string;
  /** `email`, `tel`, `date`, `checkbox`, `select`, `textarea`, … (schema fields: `string`, `boolean`, `date`, `number`). */
  inputType?: string;
  /** The form cannot be submitted without it. */
  required: boolean;
  /** What makes it required (the `required` attribute, `isRequired`, `rules.required`, the schema call). */
  requiredSpan?: Span;
  /** Initial value when statically known (`defaultValue`, `defaultValues.x`, `.default(x)`, `checked`). */
  defaultValue?: { value: unknown; span: Span };
  /** The element, component or schema property. */
  span: Span;
  origin: FieldOrigin;
  /** Personal-data class, when the shared classifier recognises the name or the label. */
  classification?: FieldClassification;
  /** The schema property that validates this rendered field (same or another file). */
  schemaRef?: { file: string; span: Span };
  /** A schema refinement that only accepts `true` (`z.literal(true)`, `.oneOf([true])`, `.refine(v => v)`). */
  mustBeTrue?: Span;
  /** Edits that make the field optional (remove `required`, add `.optional()`, `required: false`); empty when none is safe. */
  optionalEdits?: FieldEdit[];
  /** Edits that remove the field (element with its wrapping label and line; schema property). */
  removeEdits?: FieldEdit[];
  /** Hidden inputs (`type="hidden"`) carry no question to the visitor. */
  hidden?: boolean;
}

/** How a form's purpose was decided. */
export interface FormPurpose {
  /** Purpose id from the purpose table (`newsletter`, `contact`, `checkout`, …). */
  id: string;
  source: 'inferred' | 'config';
  /** What decided it, in words (`submits to Mailchimp (list-manage.com)`, `component NewsletterForm`). */
  evidence: string;
  /** `medium` when only a heading, a button text or the file path suggested it. */
  confidence: 'high' | 'medium';
}

/** A form: an HTML/JSX `<form>` (or library form component), or a server route validating a body. */
export interface FormFact {
  /** Stable within the file: the form's id/name, else its kind and offset (`form@120`). */
  id: string;
  span: Span;
  /** `id`/`name` attribute, or the form component's name. */
  name?: string;
  /** The enclosing component or function (`NewsletterSignup`). */
  component?: string;
  /** The route the form lives on or posts to (`/kontakt`, `/api/newsletter`), when known. */
  route?: string;
  /** The `action` URL as written. */
  action?: string;
  kind: 'html' | 'jsx' | 'route';
  /** Purpose inferred from the code (config declarations are applied by `resolveForms`). */
  purpose?: FormPurpose;
  /** Texts the inference looked at (names, ids, action, button text, headings), for the inventory and `explain`. */
  purposeHints: string[];
  /** The same evidence with its strength (1 = provider endpoint … 4 = file path), so config-added purposes can re-run the inference. */
  purposeEvidence: { tier: 1 | 2 | 3 | 4; what: string; text: string }[];
  fields: FieldFact[];
  submit?: { span: Span; text?: string; disabledExpr?: string };
  /** The validation schema the form uses: local (index into `FileFacts.schemas`) or imported. */
  schema?: { local?: number; specifier?: string; exportName?: string; span: Span };
}

/** A validation schema (zod/yup/valibot/joi/class-validator/express-validator) declared in the file. */
export interface SchemaFact {
  library: 'zod' | 'yup' | 'valibot' | 'joi' | 'class-validator' | 'express-validator';
  /** The binding (`signupSchema`, `class SignupDto`), when it has one. */
  name?: string;
  /** Names other files import it by (`default` included). */
  exportNames: string[];
  span: Span;
  fields: FieldFact[];
}

/** A mail transport (or process-wide TLS setting) that lets personal data travel unencrypted or unverified. */
export interface MailTransportIssue {
  /**
   * `ignore-tls`: STARTTLS switched off; `tls-unverified`: certificate checks off; `opportunistic-tls`:
   * STARTTLS only when the server offers it (downgradable); `smtp-url`: an `smtp://` URL without requireTLS.
   */
  kind: 'ignore-tls' | 'tls-unverified' | 'opportunistic-tls' | 'smtp-url';
  /** `nodemailer`, `emailjs`, `MailerModule.forRoot transport`, `https`, `node`. */
  library: string;
  span: Span;
  /** What the code does, in words, for the message. */
  evidence: string;
  confidence: 'high' | 'medium';
  fix?: { title: string; edits: { start: number; end: number; text: string }[]; safe: boolean };
}

/** A request to an `http://` URL of a host that is not local. */
export interface PlainHttpRequest {
  span: Span;
  url: string;
  host: string;
  /** The client callee (`fetch`, `axios.post`). */
  client: string;
  /** Property names of the body / params / query (for the personal-data classifier). */
  keys: string[];
  /** Replaces `http://` by `https://` in the literal. */
  fix?: { start: number; end: number; text: string };
  /** A private address or a single-label host (internal network). */
  internal: boolean;
}

/** Where the file obtains data about people from a third party. */
export interface DataSourceUse {
  /** Catalogue id, or `purchased-list`. */
  sourceId: string;
  sourceName: string;
  kind: import('../knowledge/types').DataSourceKind;
  span: Span;
  /** `sdk-call`, `sdk-import` (an SDK imported, no recognised call), `request`, `bought-list` (a file read), `provenance` (`source: 'purchased'`). */
  form: 'sdk-call' | 'sdk-import' | 'request' | 'bought-list' | 'provenance';
  label: string;
  confidence: 'high' | 'medium';
}

/** A use of a processor: its SDK imported, or a request to its API. */
export interface ProcessorUse {
  processorId: string;
  processorName: string;
  span: Span;
  form: 'import' | 'request';
  label: string;
}

/** A call that erases a person at a processor (`erases`), or only looks like it (archive, unsubscribe). */
export interface ErasureCall {
  processorId: string;
  span: Span;
  label: string;
  erases: boolean;
  /** Why a look-alike does not erase. */
  note?: string;
}

/** A named function or method, for following calls from a deletion path (exported ones across files). */
export interface FunctionSummary {
  name: string;
  /** `Class.method` for methods. */
  qualifiedName: string;
  /** Export names of the function (or of its class, for methods). */
  exportNames: string[];
  /** The name (what findings underline). */
  span: Span;
  body: Span;
}

/** A path that deletes or anonymises a person (customer, user, subscriber, account). */
export interface DeletionPath {
  name: string;
  /** The function name or route registration (finding anchor). */
  span: Span;
  body: Span;
  /** `named` (deleteUser, kontoLoeschen), `route` (DELETE /account), `orm` (a function deleting a person record). */
  kind: 'named' | 'route' | 'orm';
  /** Only a soft delete (deletedAt / active: false) was found. */
  soft: boolean;
  evidence: string;
  /** Deletes of person records inside it. */
  deletes?: { evidence: string; soft: boolean; span: Span }[];
}

/** A method call on an instance of a class imported from a project module (`this.crm.forget(email)`). */
export interface MemberCall {
  specifier: string;
  exportName: string;
  member: string;
  span: Span;
}

/** Data-handling facts: mail transports, plain HTTP, third-party data sources, processors and erasure. */
export interface DataHandlingFacts {
  mailIssues: MailTransportIssue[];
  plainHttp: PlainHttpRequest[];
  dataSources: DataSourceUse[];
  processorUses: ProcessorUse[];
  erasureCalls: ErasureCall[];
  functions: FunctionSummary[];
  deletions: DeletionPath[];
  memberCalls: MemberCall[];
  /** Calls of the file's own named functions (`helper()`, `this.helper()`), for following helpers. */
  localCalls?: { name: string; span: Span }[];
  /** Method calls on a binding imported from a project module (`stripe.customers.del(id)` with `stripe` from './billing'). */
  importedCalls?: { specifier: string; exportName: string; method: string; span: Span; label: string }[];
  /** Exported SDK instances (`export const stripe = new Stripe(key)`): export name → processor id. */
  exportedInstances?: Record<string, string>;
  /** Data models declared in the file (Drizzle tables, Mongoose models, Sequelize definitions, TypeORM entities). */
  models?: ModelFact[];
  /** SDK options that make a vendor collect personal data itself (`Sentry.init({ sendDefaultPii: true })`), from `sdk-data-sinks.json` `settings`. */
  sdkSettings?: SdkSettingFact[];
}

/** An SDK option that makes the vendor collect personal data by design. */
export interface SdkSettingFact {
  vendorId: string;
  vendorName: string;
  /** `processor`: the vendor normally works under a processor contract for the site's own purpose. */
  recipient?: 'processor';
  /** The option as written (`sendDefaultPii: true`) and where. */
  key: string;
  text: string;
  span: Span;
  /** The call that sets it (`Sentry.init`). */
  label: string;
  /** What the vendor then collects, in words (from the catalogue). */
  sends: string;
  /** The value's span and the text that switches the option off (`false`). */
  off?: { span: Span; text: string };
}

/** A data model declared in code: is it about a person? Read by the flows pass (same file) and pii-to-third-party (imported models). */
export interface ModelFact {
  /** The local binding (`clients`, `Client`). */
  name: string;
  /** The model's own name (`customers`, `Customer`). */
  model: string;
  exportNames: string[];
  fields: string[];
  /** Named for a person (user, customer, lead, patient…) or declaring a person's contact fields (email, phone, first/last name, date of birth). */
  person: boolean;
  span: Span;
}
