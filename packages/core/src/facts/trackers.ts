/**
 * Sink detection: tracker calls (globals and imported SDKs), tracker components, script
 * tags and pixels, found in one walk over the raw compiler nodes. Names are resolved
 * through the file's own declarations, so a local `track()` or a parameter named
 * `analytics` is never mistaken for a vendor's global.
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import { urlPattern } from './url-pattern';
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import { splitUrl, type Knowledge, type ThirdPartyMatch } from '../knowledge';
import type { UrlForm } from '../knowledge/third-party-web';
import type { ConsentApiEntry, ConsentMarkupShape, GlobalShape, ImportShape, VendorEntry } from '../knowledge/types';
import { linkLoads, matchEmbedUrl } from './embeds';
import { pathOf, rootIdentifier, skipOuter } from './consent';
import { dynamicImportParameter, requiredModule, type Binding, type ScopeResolver } from './scope';
import type { ConsentModeDefault, FileFacts, GateResult, Span, TrackerSink } from './types';
import { configExportsOf, configFileOf, configSinks, type ConfigExport, type ConfigHit, type ConfigImport } from './framework-config';
import type { DataHandlingCollector } from './data-handling';
import { MAX_SYNTAX_DEPTH, TooDeepError } from '../failure';
import { calleeName } from './form-values';
import { writeCalls } from './consent-records';
import { noteFormCall, type FormNodes } from './forms';
import { instanceFactory } from './instances';
import { isDispatchCall } from './consent-events';

const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self']);
const EMBED_TAGS = new Set(['iframe', 'link', 'input']);

/** A sink before its gate was searched. */
export interface RawSink extends Omit<TrackerSink, 'gate'> {
  node: ts.Node;
  /** An install option whose value is the condition the tracker starts under (`enabled: hasConsent('analytics')`). */
  gateCondition?: ts.Expression;
  /** Set when CMP markup on the element itself blocks it (`type="text/plain" data-cookieconsent="marketing"`). */
  markupCategory?: string;
  /** Set for trackers a framework configuration file switches on: their gate is the plugin's own consent option. */
  configGate?: GateResult;
}

/** Finds the tracker sinks and Consent Mode defaults of a parsed file. */
export function findSinks(
  sourceFile: ts.SourceFile,
  knowledge: Knowledge,
  scope: ScopeResolver,
  vendorCategory: (vendor: VendorEntry) => VendorEntry['category'],
  consentDefaults: ConsentModeDefault[] = [],
  /** Filled with every identifier by name, for the gate search's call-site lookups. */
  identifiers?: Map<string, ts.Identifier[]>,
  /** Filled with the `<iframe>`, `<link>` and `<input>` JSX elements (for the embed pass, without a walk of its own). */
  embedElements?: (ts.JsxSelfClosingElement | ts.JsxOpeningElement)[],
  /** Filled with the ids of vendors this file switches into opt-in mode (`_paq.push(['requireConsent'])`). */
  optInVendors: Set<string> = new Set(),
  /** Filled with the JSX tags and calls the form passes read (`facts/forms`, `facts/consent-forms.ts`), without a walk of their own. */
  formNodes?: FormNodes,
  /** Mail transports, plain HTTP, data sources, processors and deletion paths, collected in the same walk. */
  dataHandling?: DataHandlingCollector,
  /** Filled with string literals, template literals and JSX text (for the special-category pass, without a walk of its own). */
  strings?: ts.Node[],
  /** Filled with the consent tools whose loader script this file loads. */
  consentTools?: NonNullable<FileFacts['consentTools']>,
  /** Filled with `dispatchEvent(…)` calls (for the site's own consent events, `facts/consent-events.ts`). */
  dispatches?: ts.CallExpression[],
  /** Filled with the framework configuration split across files: what a configuration imports, what a module exports for one. */
  config?: { imports: ConfigImport[]; exports: ConfigExport[] },
): RawSink[] {
  const sinks: RawSink[] = [];
  const add = (node: ts.Node, vendor: VendorEntry, form: TrackerSink['form'], label: string, markupCategory?: string, thirdParty?: ThirdPartyMatch, gateCondition?: ts.Expression, anchor?: ts.Node): void => {
    const span: Span = { start: node.getStart(sourceFile), end: node.getEnd() };
    const statement = enclosingStatement(node);
    sinks.push({
      node,
      vendorId: vendor.id,
      vendorName: vendor.name,
      category: vendorCategory(vendor),
      form,
      label,
      span,
      statement: statement && { start: statement.getStart(sourceFile), end: statement.getEnd() },
      inJsx: isJsxNode(node),
      exemption: vendor.exemption?.note,
      exemptIn: vendor.exemption?.jurisdictions,
      consentMode: vendor.consentMode,
      thirdParty: thirdParty && thirdPartyFact(thirdParty),
      markupCategory,
      ...(gateCondition ? { gateCondition } : {}),
      ...(anchor ? { anchor: { start: anchor.getStart(sourceFile), end: anchor.getEnd() } } : {}),
    });
  };

  // Names that may refer to a tracker SDK: imports of catalogued modules, and (filled while
  // walking) variables holding an SDK instance or a require() of one. Calls on other local
  // names are skipped before any scope lookup: the hot path stays a cheap set test.
  const sdkNames = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !knowledge.importsByModule.has(statement.moduleSpecifier.text)) continue;
    const clause = statement.importClause;
    if (clause?.name) sdkNames.add(clause.name.text);
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) sdkNames.add(bindings.name.text);
    else if (bindings) for (const e of bindings.elements) sdkNames.add(e.name.text);
  }

  // A framework configuration file (nuxt.config.ts, gatsby-config.js, …): its exported object is read once, at the export.
  const configFile = configFileOf(sourceFile.fileName);
  // plugin entries and options a configuration file may import from this module (top-level statements only)
  if (config && !configFile) config.exports.push(...configExportsOf(sourceFile, scope));
  const addConfig = (hits: ConfigHit[]): void => {
    for (const hit of hits) {
      add(hit.node, hit.vendor, hit.form, hit.label, hit.markupCategory, hit.thirdParty);
      const sink = sinks[sinks.length - 1];
      // no statement to wrap: the fix is the plugin's own consent option
      sink.statement = undefined;
      sink.config = hit.config;
      if (hit.gate && hit.markupCategory === undefined) sink.configGate = hit.gate;
      else if (hit.markupCategory === undefined) sink.configGate = { gated: false, seen: [], trace: [`${hit.config.framework} injects this script into every page from its configuration (\`${hit.config.entry}\`); a consent check in the pages cannot hold it back.`] };
    }
  };

  // How deep the walk is: past MAX_SYNTAX_DEPTH the file is skipped (a counter, no extra walk),
  // so no later recursive pass over the same tree can overflow the stack.
  let depth = 0;
  // One switch on the node kind: this runs for every node of every analysed file.
  const visit = (node: ts.Node): void => {
    switch (node.kind) {
      case ts.SyntaxKind.Identifier: {
        if (!identifiers) return;
        const id = node as ts.Identifier;
        const list = identifiers.get(id.text);
        if (list) list.push(id);
        else identifiers.set(id.text, [id]);
        return;
      }
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      case ts.SyntaxKind.JsxText:
        strings?.push(node);
        return;
      case ts.SyntaxKind.TemplateExpression:
        strings?.push(node);
        break;
      case ts.SyntaxKind.VariableDeclaration:
        if ((node as ts.VariableDeclaration).initializer) noteSdkVariable(node as ts.VariableDeclaration, knowledge, sdkNames);
        dataHandling?.variable(node as ts.VariableDeclaration);
        break;
      case ts.SyntaxKind.FunctionDeclaration:
      case ts.SyntaxKind.FunctionExpression: {
        // `function gtag(){dataLayer.push(arguments)}` / `window.gtag = function gtag() {…}`: the
        // vendor's own stub; its calls are the sinks, not the push inside it.
        const name = (node as ts.FunctionDeclaration | ts.FunctionExpression).name;
        if (name && knowledge.globalCallees.has(name.text)) return;
        if (ts.isFunctionExpression(node)) noteSdkParameter(node, knowledge, sdkNames);
        dataHandling?.functionLike(node as ts.FunctionDeclaration | ts.FunctionExpression);
        break;
      }
      case ts.SyntaxKind.ArrowFunction:
        noteSdkParameter(node as ts.ArrowFunction, knowledge, sdkNames);
        dataHandling?.functionLike(node as ts.ArrowFunction);
        break;
      case ts.SyntaxKind.MethodDeclaration:
        dataHandling?.functionLike(node as ts.MethodDeclaration);
        break;
      case ts.SyntaxKind.PropertyDeclaration:
      case ts.SyntaxKind.Parameter:
        dataHandling?.classMember(node as ts.PropertyDeclaration | ts.ParameterDeclaration);
        break;
      case ts.SyntaxKind.PropertyAssignment:
        dataHandling?.property(node as ts.PropertyAssignment);
        break;
      case ts.SyntaxKind.CallExpression: {
        const call = node as ts.CallExpression;
        if (formNodes) noteFormCall(call, formNodes);
        if (dispatches && isDispatchCall(call)) dispatches.push(call);
        dataHandling?.call(call);
        const defaults = consentModeDefault(call, sourceFile);
        if (defaults) consentDefaults.push(defaults);
        noteOptInMode(call, knowledge, optInVendors);
        if (formNodes) {
          const name = calleeName(call);
          if (name !== undefined && writeCalls().has(name)) formNodes.writes.push(call);
        }
        const plugin = sdkNames.size > 0 ? matchPluginUse(call, knowledge, scope, sdkNames) : undefined;
        if (plugin) {
          if (plugin !== 'off') add(call, plugin.vendor, 'component', plugin.label, undefined, undefined, plugin.condition);
          break;
        }
        const match = matchCall(call, knowledge, scope, sdkNames) ?? matchServerRequest(call, knowledge, scope) ?? matchSetAttribute(call, knowledge, scope) ?? matchRequest(call, knowledge, scope);
        if (match && match.off) break;
        if (match) {
          add(call, match.vendor, match.form, match.label, undefined, match.thirdParty, match.condition);
          // posthog.init(key, { opt_out_capturing_by_default: true }): opted out until the page opts in
          const option = match.vendor.optInOption;
          if (option && match.label.split('.').pop() === option.method && call.arguments.some((a) => hasOption(a, option.property, option.value))) optInVendors.add(match.vendor.id);
        }
        break;
      }
      case ts.SyntaxKind.IfStatement:
        if (formNodes) formNodes.ifs.push(node as ts.IfStatement);
        break;
      case ts.SyntaxKind.ExportAssignment:
        // export default defineNuxtConfig({ … })
        if (configFile && node.parent === sourceFile) addConfig(configSinks((node as ts.ExportAssignment).expression, configFile, knowledge, scope, config?.imports));
        break;
      case ts.SyntaxKind.BinaryExpression: {
        // script.src = 'https://static.hotjar.com/c/hotjar-' + id + '.js';  new Image().src = 'https://www.facebook.com/tr?…'
        const binary = node as ts.BinaryExpression;
        // module.exports = { plugins: [ … ] }
        if (configFile && binary.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isExpressionStatement(binary.parent) && binary.parent.parent === sourceFile && isModuleExports(binary.left)) {
          addConfig(configSinks(binary.right, configFile, knowledge, scope, config?.imports));
        }
        // document.cookie = 'consent=true' (facts/consent-records.ts)
        if (formNodes && binary.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(binary.left) && binary.left.name.text === 'cookie') formNodes.cookieWrites.push(binary);
        // `=` and compound writes (`url += '&em=' + email`, `props.email ??= user.email`) for the flows pass
        if (binary.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && binary.operatorToken.kind <= ts.SyntaxKind.LastAssignment) dataHandling?.assignment(binary);
        if (binary.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(binary.left) || binary.left.name.text !== 'src') break;
        const url = staticPrefix(binary.right);
        if (url === undefined) break;
        noteConsentTool(url, node, sourceFile, knowledge, consentTools);
        const script = knowledge.matchScriptUrl(url);
        const vendor = script ?? knowledge.matchPixelUrl(url);
        if (vendor) add(node, vendor, script ? 'script-element' : 'pixel', `src = "${shorten(url)}"`);
        else {
          // a long-tail host: what the element is decides what counts (a social network's image does not)
          const form = elementForm(binary.left.expression, scope, url);
          const third = knowledge.matchThirdParty(url, form);
          if (third) add(node, third.vendor, SINK_FORM[form], `src = "${shorten(url)}"`, undefined, third);
        }
        break;
      }
      case ts.SyntaxKind.NewExpression: {
        dataHandling?.newExpression(node as ts.NewExpression);
        const match = matchNew(node as ts.NewExpression, knowledge, scope, sdkNames);
        if (match) add(node, match.vendor, match.server ? 'server-request' : 'sdk-call', match.label);
        break;
      }
      case ts.SyntaxKind.JsxSelfClosingElement:
      case ts.SyntaxKind.JsxOpeningElement: {
        const element = node as ts.JsxSelfClosingElement | ts.JsxOpeningElement;
        if (embedElements && ts.isIdentifier(element.tagName) && EMBED_TAGS.has(element.tagName.text)) embedElements.push(element);
        if (consentTools && ts.isIdentifier(element.tagName) && (element.tagName.text === 'script' || element.tagName.text === 'Script')) {
          const src = jsxAttributes(element, sourceFile).get('src');
          if (src) noteConsentTool(src, element, sourceFile, knowledge, consentTools);
        }
        if (formNodes) formNodes.jsx.push(element);
        const match = matchJsx(element, knowledge, scope, sourceFile, sdkNames);
        if (match) add(ts.isJsxOpeningElement(element) ? element.parent : element, match.vendor, match.form, match.label, match.markupCategory, match.thirdParty, undefined, match.anchor);
        break;
      }
    }
    if (++depth > MAX_SYNTAX_DEPTH) throw new TooDeepError();
    ts.forEachChild(node, visit);
    depth--;
  };
  visit(sourceFile);
  return sinks;
}

/** `module.exports` / `exports.default` (a CommonJS configuration file's export). */
function isModuleExports(e: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && ((e.expression.text === 'module' && e.name.text === 'exports') || (e.expression.text === 'exports' && e.name.text === 'default'));
}

/** Records a consent tool's loader (`consent.cookiebot.com/uc.js`, a consent-provider host of the dataset). */
function noteConsentTool(url: string, node: ts.Node, sourceFile: ts.SourceFile, knowledge: Knowledge, out: FileFacts['consentTools']): void {
  if (!out) return;
  const tool = knowledge.consentToolByUrl(url);
  if (tool) out.push({ name: tool.name, apiId: tool.api?.id, span: { start: node.getStart(sourceFile), end: node.getEnd() } });
}

interface CallMatch {
  vendor: VendorEntry;
  form: TrackerSink['form'];
  label: string;
  /** Set when the third-party-web dataset, not the catalogue, recognised the URL. */
  thirdParty?: ThirdPartyMatch;
  /** The install's options hold the tracker until a later call (`bootstrap: false`): no sink. */
  off?: boolean;
  /** An install option whose value decides whether the tracker starts (`enabled: hasConsent(…)`). */
  condition?: ts.Expression;
}

/** What an install's options say: the tracker is held (`off`), starts under a `condition`, or starts. */
function installOptions(shape: ImportShape, options: ts.Expression | undefined): { off?: boolean; condition?: ts.Expression } {
  if (!shape.offWhen?.length || !options) return {};
  const object = skipOuter(options);
  if (!ts.isObjectLiteralExpression(object)) return {};
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property)) continue;
    const name = ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) ? property.name.text : undefined;
    const rule = shape.offWhen.find((o) => o.option === name);
    if (!rule) continue;
    const value = skipOuter(property.initializer);
    const literal = value.kind === ts.SyntaxKind.TrueKeyword ? true : value.kind === ts.SyntaxKind.FalseKeyword ? false : ts.isStringLiteralLike(value) ? value.text : undefined;
    if (literal !== undefined) {
      if (rule.equals.includes(literal)) return { off: true };
      continue;
    }
    // `enabled: hasConsent('analytics')`: on only when truthy (held when it equals false)
    if (rule.equals.includes(false)) return { condition: value };
  }
  return {};
}

/** `app.use(VueGtag, { … })` / `Vue.use(VueGtag, …)` of a catalogued plugin. */
function matchPluginUse(call: ts.CallExpression, knowledge: Knowledge, scope: ScopeResolver, sdkNames: ReadonlySet<string>): { vendor: VendorEntry; label: string; condition?: ts.Expression } | 'off' | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'use' || call.arguments.length === 0) return undefined;
  const plugin = skipOuter(call.arguments[0]);
  if (!ts.isIdentifier(plugin) || !sdkNames.has(plugin.text)) return undefined;
  const binding = scope.resolve(plugin.text, call);
  if (binding?.kind !== 'import') return undefined;
  for (const { vendor, shape } of knowledge.importsByModule.get(binding.module) ?? []) {
    if (shape.as !== 'plugin' || !exportMatches(shape, binding)) continue;
    const options = installOptions(shape, call.arguments[1]);
    if (options.off) return 'off';
    return { vendor, label: `${callee.expression.getText().slice(0, 30)}.use(${plugin.text})`, condition: options.condition };
  }
  return undefined;
}

/** The sink form of a URL form. */
const SINK_FORM: Record<UrlForm, TrackerSink['form']> = { script: 'script-element', pixel: 'pixel', iframe: 'iframe', stylesheet: 'stylesheet', request: 'request' };

/** What a sink found through the dataset records about it. */
export function thirdPartyFact(match: ThirdPartyMatch): NonNullable<TrackerSink['thirdParty']> {
  const { verdict } = match;
  return {
    host: match.host,
    entity: verdict.entity.name,
    company: verdict.entity.company,
    category: verdict.entity.category,
    version: match.vendor.origin?.version ?? '',
    reason: verdict.reason,
    confidence: match.confidence,
  };
}

const IMAGE_EXTENSIONS = ['.gif', '.png', '.jpg', '.jpeg', '.webp', '.svg', '.ico'];

/**
 * What an element whose `src` is set will do with the URL: `new Image()` and
 * `createElement('img')` send a pixel, `createElement('script')` loads a script,
 * `createElement('iframe')` a frame; otherwise the URL's file name decides (a script by default:
 * `s.src = …` in a loader snippet).
 */
function elementForm(receiver: ts.Expression, scope: ScopeResolver, url: string): UrlForm {
  let e = skipOuter(receiver);
  if (ts.isIdentifier(e)) {
    const binding = scope.resolve(e.text, e);
    const init = binding?.kind === 'variable' && !binding.propertyPath ? binding.declaration.initializer : undefined;
    if (init) e = skipOuter(init);
  }
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Image') return 'pixel';
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'createElement' && e.arguments[0] && ts.isStringLiteralLike(e.arguments[0])) {
    const tag = e.arguments[0].text.toLowerCase();
    if (tag === 'img') return 'pixel';
    if (tag === 'iframe') return 'iframe';
    if (tag === 'script') return 'script';
  }
  const last = splitUrl(url)?.segments.at(-1)?.toLowerCase() ?? '';
  return IMAGE_EXTENSIONS.some((ext) => last.endsWith(ext)) ? 'pixel' : 'script';
}

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/**
 * A browser request to a third party: `navigator.sendBeacon(url, …)` (a beacon), `xhr.open('POST', url)`,
 * and the HTTP clients of http-clients.json (`fetch`, `axios.post`, …). The catalogue's pixel and
 * beacon endpoints first, then the dataset (requests at medium confidence: an ad or analytics
 * company's host may serve an API as well as a beacon).
 */
function matchRequest(call: ts.CallExpression, knowledge: Knowledge, scope: ScopeResolver): CallMatch | undefined {
  const callee = skipOuter(call.expression);
  const last = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (last === undefined || call.arguments.length === 0) return undefined;
  let urlArg: ts.Expression | undefined;
  let beacon = false;
  if (last === 'sendBeacon') {
    const path = pathOf(call.expression)?.join('.');
    if (path !== 'navigator.sendBeacon') return undefined;
    urlArg = call.arguments[0];
    beacon = true;
  } else if (last === 'open' && call.arguments.length >= 2 && ts.isPropertyAccessExpression(callee)) {
    const method = skipOuter(call.arguments[0]);
    if (!ts.isStringLiteralLike(method) || !HTTP_METHODS.has(method.text.toUpperCase())) return undefined;
    urlArg = call.arguments[1];
  } else {
    if (!httpClientNames(knowledge).has(last)) return undefined;
    const path = pathOf(call.expression);
    if (!path || !knowledge.httpClients.has(path.join('.'))) return undefined;
    // a local function named like a client (`function request(…)`) is not the client
    if (path.length === 1 && scope.resolve(path[0], call)) return undefined;
    urlArg = call.arguments[0];
  }
  const url = urlArg && urlPattern(urlArg, scope);
  if (!url) return undefined;
  // server-side tracking endpoints are matchServerRequest's (a request passing the consent along is not a sink)
  if (knowledge.matchServerEndpoint(url)) return undefined;
  const label = `${pathOf(call.expression)?.join('.') ?? last}(${shorten(url)})`;
  const vendor = knowledge.matchPixelUrl(url);
  if (vendor) return { vendor, form: beacon ? 'pixel' : 'request', label };
  const third = knowledge.matchThirdParty(url, beacon ? 'pixel' : 'request');
  return third && { vendor: third.vendor, form: beacon ? 'pixel' : 'request', label, thirdParty: third };
}

/** Records `const x = require('sdk')`, `const a = AnalyticsBrowser.load(…)`, `const c = new Analytics(…)` as SDK names. */
function noteSdkVariable(declaration: ts.VariableDeclaration, knowledge: Knowledge, sdkNames: Set<string>): void {
  const module = requiredModule(declaration.initializer);
  let isSdk = module !== undefined && knowledge.importsByModule.has(module);
  if (!isSdk) {
    let e = skipOuter(declaration.initializer!);
    while (ts.isAwaitExpression(e)) e = skipOuter(e.expression);
    const root = (ts.isCallExpression(e) || ts.isNewExpression(e)) ? rootIdentifier(e.expression) : undefined;
    isSdk = root !== undefined && sdkNames.has(root.text);
  }
  if (!isSdk) return;
  const add = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) sdkNames.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) add(element.name);
  };
  add(declaration.name);
}

/** `import('posthog-js').then(m => m.default).then(sdk => …)`, `.then(({ default: x }) => …)`: the callback's parameter names are SDK names. */
function noteSdkParameter(fn: ts.ArrowFunction | ts.FunctionExpression, knowledge: Knowledge, sdkNames: Set<string>): void {
  const parent = fn.parent;
  // cheap test first: only a `.then(fn)` callback can receive a module
  if (!ts.isCallExpression(parent) || parent.arguments[0] !== fn || !ts.isPropertyAccessExpression(parent.expression) || parent.expression.name.text !== 'then') return;
  const imported = dynamicImportParameter(fn);
  if (!imported || !knowledge.importsByModule.has(imported.module) || fn.parameters.length === 0) return;
  const add = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) sdkNames.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) add(element.name);
  };
  add(fn.parameters[0].name);
}

function matchCall(call: ts.CallExpression, knowledge: Knowledge, scope: ScopeResolver, sdkNames: ReadonlySet<string>): CallMatch | undefined {
  const callee = skipOuter(call.expression);
  // Cheap pre-filter on the root name before any allocation (this runs for every call).
  const rootName = rootIdentifier(callee)?.text;
  if (rootName === undefined || (!GLOBAL_OBJECTS.has(rootName) && !knowledge.globalRoots.has(rootName) && !sdkNames.has(rootName))) return undefined;
  const path = pathOf(callee);
  if (!path) return undefined;
  if (!knowledge.globalRoots.has(path[0]) && !sdkNames.has(path[0])) return undefined;
  // window.gtag(…) / globalThis.fbq(…): always the global, whatever is declared locally.
  const rootId = rootIdentifier(callee);
  const windowPrefixed = path.length > 0 && rootId !== undefined && rootId.text !== path[0] && GLOBAL_OBJECTS.has(rootId.text);
  const root = path[0];
  const binding = windowPrefixed ? undefined : scope.resolve(root, call);

  if (!binding || isAmbient(binding) || isGtagStub(binding, knowledge)) {
    if (!knowledge.globalRoots.has(root)) return undefined;
    // gtag's own queue stub: `dataLayer.push(arguments)` only forwards the gtag() calls, which are the sinks.
    if (call.arguments.length === 1 && ts.isIdentifier(call.arguments[0]) && call.arguments[0].text === 'arguments') return undefined;
    const candidates = [...(knowledge.globalCallees.get(path.join('.')) ?? [])].sort((a, b) => Number(!!b.shape.argMatch) - Number(!!a.shape.argMatch));
    for (const { vendor, shape } of candidates) {
      if (!argumentsMatch(call, shape, scope)) continue;
      return { vendor, form: 'global-call', label: path.join('.') };
    }
    return undefined;
  }
  if (binding.kind === 'import') {
    const shapes = knowledge.importsByModule.get(binding.module);
    if (!shapes) return undefined;
    let rest = path.slice(1).join('.');
    let imported = binding;
    // m.default.track(…) / m.AnalyticsBrowser.load(…) on a module namespace (`import('m').then(m => …)`, `import * as m`)
    if (binding.exportName === '*' && path.length > 2 && shapes.some(({ shape }) => shape.export === path[1] && shape.export !== '*')) {
      imported = { ...binding, exportName: path[1] };
      rest = path.slice(2).join('.');
    }
    for (const { vendor, shape } of shapes) {
      if (!exportMatches(shape, imported)) continue;
      if (shape.as === 'call' && rest === '') return { vendor, form: 'sdk-call', label: path.join('.'), ...installOptions(shape, call.arguments[0]) };
      if ((shape.as === 'object' || shape.as === 'class') && rest !== '' && (!shape.methods || shape.methods.includes(rest))) {
        return { vendor, form: 'sdk-call', label: path.join('.') };
      }
    }
    return undefined;
  }
  // const analytics = AnalyticsBrowser.load({ writeKey }); analytics.track(…)
  if (binding.kind === 'variable' && !binding.propertyPath && path.length > 1 && binding.declaration.initializer) {
    const instance = instanceVendor(binding.declaration.initializer, knowledge, scope);
    if (instance) {
      const method = path.slice(1).join('.');
      if (instance.shape.instanceMethods && !instance.shape.instanceMethods.includes(method)) return undefined;
      return { vendor: instance.vendor, form: instance.shape.server ? 'server-request' : 'sdk-call', label: path.join('.') };
    }
    // const ph = posthog.init('key', {}, 'main'); ph.capture(…) (knowledge/tracker-instances.json)
    const made = instanceFactory(binding.declaration.initializer, scope);
    const vendor = made && knowledge.vendorById(made.factory.vendor);
    if (made && vendor && made.factory.methods.includes(path.slice(1).join('.'))) {
      return { vendor, form: made.factory.server ? 'server-request' : 'sdk-call', label: path.join('.') };
    }
  }
  // The gtag stub's `var _paq = window._paq = window._paq || []`: a local alias of the global.
  if (binding.kind === 'variable' && !binding.propertyPath && aliasesGlobal(binding.declaration, root)) {
    for (const { vendor, shape } of knowledge.globalCallees.get(path.join('.')) ?? []) {
      if (argumentsMatch(call, shape, scope)) return { vendor, form: 'global-call', label: path.join('.') };
    }
  }
  return undefined;
}

/** An object literal argument with `property: value`. */
function hasOption(arg: ts.Expression, property: string, value: boolean | string): boolean {
  const e = skipOuter(arg);
  if (!ts.isObjectLiteralExpression(e)) return false;
  return e.properties.some((p) => {
    if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) || p.name.text !== property) return false;
    const v = skipOuter(p.initializer);
    return typeof value === 'boolean' ? v.kind === (value ? ts.SyntaxKind.TrueKeyword : ts.SyntaxKind.FalseKeyword) : ts.isStringLiteralLike(v) && v.text === value;
  });
}

/** `_paq.push(['requireConsent'])`: the vendor holds every call until consent. */
function noteOptInMode(call: ts.CallExpression, knowledge: Knowledge, out: Set<string>): void {
  const first = call.arguments[0];
  if (!first || !ts.isArrayLiteralExpression(first) || !first.elements[0] || !ts.isStringLiteralLike(first.elements[0])) return;
  const head = first.elements[0].text;
  const path = pathOf(call.expression)?.join('.');
  if (!path) return;
  for (const vendor of knowledge.vendors) {
    if (vendor.optInMode && vendor.optInMode.callee === path && vendor.optInMode.firstArgHeadIn.includes(head)) out.add(vendor.id);
  }
}

/** `script.setAttribute('src', 'https://static.hotjar.com/c/hotjar-' + id + '.js')`. */
function matchSetAttribute(call: ts.CallExpression, knowledge: Knowledge, scope: ScopeResolver): CallMatch | undefined {
  if (!ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'setAttribute' || call.arguments.length < 2) return undefined;
  const [name, value] = call.arguments;
  if (!ts.isStringLiteralLike(name) || name.text.toLowerCase() !== 'src') return undefined;
  const url = staticPrefix(value);
  if (!url) return undefined;
  const label = `setAttribute('src', "${shorten(url)}")`;
  const script = knowledge.matchScriptUrl(url);
  const vendor = script ?? knowledge.matchPixelUrl(url);
  if (vendor) return { vendor, form: script ? 'script-element' : 'pixel', label };
  const form = elementForm(call.expression.expression, scope, url);
  const third = knowledge.matchThirdParty(url, form);
  return third && { vendor: third.vendor, form: SINK_FORM[form], label, thirdParty: third };
}

/**
 * `fetch('https://www.google-analytics.com/mp/collect?…', …)`, `axios.post(`https://graph.facebook.com/v19.0/${id}/events`, …)`:
 * server-side tracking. A request that carries a `consent` object (GA4 Measurement Protocol's
 * consent field) passes the visitor's choice along and is not a sink.
 */
function matchServerRequest(call: ts.CallExpression, knowledge: Knowledge, scope: ScopeResolver): CallMatch | undefined {
  const callee = skipOuter(call.expression);
  const last = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (last === undefined || !httpClientNames(knowledge).has(last) || call.arguments.length === 0) return undefined;
  const path = pathOf(call.expression);
  if (!path || !knowledge.httpClients.has(path.join('.')) || call.arguments.length === 0) return undefined;
  const url = urlPattern(call.arguments[0], scope);
  const vendor = url && knowledge.matchServerEndpoint(url);
  if (!vendor || carriesConsent(call)) return undefined;
  return { vendor, form: 'server-request', label: `${path.join('.')}(${shorten(url)})` };
}

const lastSegments = new WeakMap<ReadonlySet<string>, Set<string>>();
/** Last segments of the HTTP client callees (`post` of `axios.post`), for a cheap pre-filter. */
function httpClientNames(knowledge: Knowledge): Set<string> {
  let names = lastSegments.get(knowledge.httpClients);
  if (!names) lastSegments.set(knowledge.httpClients, (names = new Set([...knowledge.httpClients].map((c) => c.split('.').pop()!))));
  return names;
}

/** True when an object literal among the call's arguments has a `consent` property (at any depth). */
function carriesConsent(call: ts.CallExpression): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && node.name.text === 'consent') {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  call.arguments.slice(1).forEach(visit);
  return found;
}

function matchNew(expression: ts.NewExpression, knowledge: Knowledge, scope: ScopeResolver, sdkNames: ReadonlySet<string>): { vendor: VendorEntry; label: string; server: boolean } | undefined {
  const path = pathOf(expression.expression);
  if (!path || !sdkNames.has(path[0])) return undefined;
  const binding = scope.resolve(path[0], expression);
  if (binding?.kind !== 'import') return undefined;
  for (const { vendor, shape } of knowledge.importsByModule.get(binding.module) ?? []) {
    // A client whose instance methods send (`new Analytics({ writeKey })`) sends nothing when created.
    if (shape.as === 'class' && exportMatches(shape, binding) && path.length === 1 && !shape.instanceMethods) return { vendor, label: `new ${path.join('.')}`, server: shape.server === true };
  }
  return undefined;
}

/** `var _paq = window._paq = window._paq || []`, `const dataLayer = (window.dataLayer ||= [])`: a local name for `window.<name>`. */
function aliasesGlobal(declaration: ts.VariableDeclaration, name: string): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAccessExpression(node) && node.name.text === name && ts.isIdentifier(node.expression) && GLOBAL_OBJECTS.has(node.expression.text)) {
      found = true;
      return;
    }
    if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
  };
  if (declaration.initializer) visit(declaration.initializer);
  return found;
}

/** The SDK shape and vendor whose SDK created the value of `init` (`AnalyticsBrowser.load(…)`, `new Analytics(…)`). */
function instanceVendor(init: ts.Expression, knowledge: Knowledge, scope: ScopeResolver): { vendor: VendorEntry; shape: ImportShape } | undefined {
  let e = skipOuter(init);
  while (ts.isAwaitExpression(e)) e = skipOuter(e.expression);
  const target = ts.isCallExpression(e) || ts.isNewExpression(e) ? e.expression : undefined;
  if (!target) return undefined;
  const path = pathOf(target);
  if (!path) return undefined;
  const binding = scope.resolve(path[0], e);
  if (binding?.kind !== 'import') return undefined;
  for (const { vendor, shape } of knowledge.importsByModule.get(binding.module) ?? []) {
    if (shape.as === 'class' && exportMatches(shape, binding)) return { vendor, shape };
  }
  return undefined;
}

/** `gtag('consent', 'default', { ad_storage: 'denied', … })`. */
function consentModeDefault(call: ts.CallExpression, sourceFile: ts.SourceFile): ConsentModeDefault | undefined {
  const first = call.arguments[0];
  if (call.arguments.length < 3 || !ts.isStringLiteralLike(first) || first.text !== 'consent') return undefined;
  const path = pathOf(call.expression);
  if (!path || path.join('.') !== 'gtag' || call.arguments.length < 3) return undefined;
  const [command, action, settings] = call.arguments;
  if (!ts.isStringLiteralLike(command) || command.text !== 'consent' || !ts.isStringLiteralLike(action) || action.text !== 'default') return undefined;
  if (!ts.isObjectLiteralExpression(settings)) return undefined;
  const values: ConsentModeDefault['values'] = {};
  const valueSpans: ConsentModeDefault['valueSpans'] = {};
  for (const property of settings.properties) {
    if (!ts.isPropertyAssignment(property) || !(ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) continue;
    const name = property.name.text;
    if (!/_storage$|^ad_user_data$|^ad_personalization$/.test(name)) continue;
    const init = skipOuter(property.initializer);
    values[name] = ts.isStringLiteralLike(init) && (init.text === 'granted' || init.text === 'denied') ? init.text : 'dynamic';
    valueSpans[name] = { start: property.initializer.getStart(sourceFile), end: property.initializer.getEnd() };
  }
  return { span: { start: call.getStart(sourceFile), end: call.getEnd() }, values, valueSpans };
}

/** A string literal argument, or a `const` initialised with one (`const ADS_ID = 'AW-123'`). */
function literalArgument(call: ts.CallExpression, index: number, scope: ScopeResolver): string | undefined {
  const arg = call.arguments[index];
  if (!arg) return undefined;
  const e = skipOuter(arg);
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isIdentifier(e)) {
    const binding = scope.resolve(e.text, e);
    const init = binding?.kind === 'variable' && binding.isConst && !binding.propertyPath ? binding.declaration.initializer : undefined;
    if (init && ts.isStringLiteralLike(skipOuter(init))) return (skipOuter(init) as ts.StringLiteralLike).text;
  }
  return undefined;
}

function argumentsMatch(call: ts.CallExpression, shape: GlobalShape, scope: ScopeResolver): boolean {
  const literal = (index: number): string | undefined => literalArgument(call, index, scope);
  const first = literal(0);
  if (shape.firstArgIn && (first === undefined || !shape.firstArgIn.includes(first))) return false;
  if (shape.firstArgNotIn && first !== undefined && shape.firstArgNotIn.includes(first)) return false;
  if (shape.firstArgHeadNotIn) {
    // _paq.push(['requireConsent']): a consent command, not a tracking call
    const arg = call.arguments[0];
    const head = arg && ts.isArrayLiteralExpression(arg) && arg.elements[0] && ts.isStringLiteralLike(arg.elements[0]) ? arg.elements[0].text : undefined;
    if (head !== undefined && shape.firstArgHeadNotIn.includes(head)) return false;
  }
  if (shape.privacySettings && first === 'set' && isPrivacySetting(call, shape.privacySettings, scope)) return false;
  if (shape.consentStatePushes && call.arguments.length === 1 && isConsentStatePush(call.arguments[0])) return false;
  if (shape.argMatch) {
    const value = literal(shape.argMatch.index);
    if (value === undefined) return false;
    const equals = shape.argMatch.equals?.includes(value) ?? false;
    const starts = shape.argMatch.startsWith?.some((p) => value.startsWith(p)) ?? false;
    if (!equals && !starts) return false;
  }
  return true;
}

/** `gtag('set', 'ads_data_redaction', true)` / `gtag('set', { allow_google_signals: false })`: only restricting settings. */
function isPrivacySetting(call: ts.CallExpression, settings: Record<string, boolean | string>, scope: ScopeResolver): boolean {
  const valueOf = (e: ts.Expression): boolean | string | undefined => {
    const v = skipOuter(e);
    if (v.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (v.kind === ts.SyntaxKind.FalseKeyword) return false;
    return ts.isStringLiteralLike(v) ? v.text : undefined;
  };
  const key = literalArgument(call, 1, scope);
  if (key !== undefined) return call.arguments.length === 3 && key in settings && valueOf(call.arguments[2]) === settings[key];
  const object = call.arguments[1] && skipOuter(call.arguments[1]);
  if (call.arguments.length !== 2 || !object || !ts.isObjectLiteralExpression(object) || object.properties.length === 0) return false;
  return object.properties.every((p) => ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text in settings && valueOf(p.initializer) === settings[p.name.text]);
}

const CONSENT_STATE_KEY = /^(ad_storage|analytics_storage|functionality_storage|personalization_storage|security_storage|ad_user_data|ad_personalization|wait_for_update)$/;

/** `dataLayer.push({ event: 'consent_update', analytics_storage: 'granted' })`: only consent state, no tracking. */
function isConsentStatePush(arg: ts.Expression): boolean {
  const object = skipOuter(arg);
  if (!ts.isObjectLiteralExpression(object) || object.properties.length === 0) return false;
  let consent = false;
  for (const p of object.properties) {
    if (!(ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return false;
    const name = p.name.text;
    if (CONSENT_STATE_KEY.test(name)) consent = true;
    else if (name === 'event' && ts.isPropertyAssignment(p) && ts.isStringLiteralLike(skipOuter(p.initializer)) && /consent/i.test((skipOuter(p.initializer) as ts.StringLiteralLike).text)) consent = true;
    else return false;
  }
  return consent;
}

interface JsxMatch {
  vendor: VendorEntry;
  form: TrackerSink['form'];
  label: string;
  markupCategory?: string;
  thirdParty?: ThirdPartyMatch;
  /** The attribute that carries the URL (the finding's anchor). */
  anchor?: ts.JsxAttribute;
}

/** The JSX attribute `name` of an element. */
function jsxAttribute(element: ts.JsxSelfClosingElement | ts.JsxOpeningElement, name: string, sourceFile: ts.SourceFile): ts.JsxAttribute | undefined {
  return element.attributes.properties.find((a): a is ts.JsxAttribute => ts.isJsxAttribute(a) && a.name.getText(sourceFile) === name);
}

function matchJsx(element: ts.JsxSelfClosingElement | ts.JsxOpeningElement, knowledge: Knowledge, scope: ScopeResolver, sourceFile: ts.SourceFile, sdkNames: ReadonlySet<string>): JsxMatch | undefined {
  const tag = element.tagName;
  if (!ts.isIdentifier(tag)) return undefined;
  const name = tag.text;
  if (name !== 'script' && name !== 'img' && name !== 'Script' && name !== 'iframe' && name !== 'link' && !sdkNames.has(name)) return undefined;
  const attributes = jsxAttributes(element, sourceFile);
  if (name === 'iframe' || name === 'link') {
    // the embed catalogue (and the dataset's video players) speak first: third-party-embed-without-consent
    const url = name === 'iframe' ? attributes.get('src') : linkLoads(attributes.get('rel')) ? attributes.get('href') : undefined;
    if (!url || matchEmbedUrl(url)) return undefined;
    const form: UrlForm = name === 'iframe' ? 'iframe' : 'stylesheet';
    const third = knowledge.matchThirdParty(url, form);
    if (!third) return undefined;
    const attr = name === 'iframe' ? 'src' : 'href';
    return { vendor: third.vendor, form: SINK_FORM[form], label: `<${name} ${attr}="${shorten(url)}">`, markupCategory: markupCategory(attributes, knowledge), thirdParty: third, anchor: jsxAttribute(element, attr, sourceFile) };
  }
  if (name === 'script' || name === 'img' || name === 'Script') {
    const isNextScript = name === 'Script' && importOf(scope.resolve(name, element)) === 'next/script';
    if (name === 'Script' && !isNextScript) return undefined;
    const src = attributes.get('src');
    if (!src) return undefined;
    const label = `<${name} src="${shorten(src)}">`;
    const vendor = name === 'img' ? knowledge.matchPixelUrl(src) : knowledge.matchScriptUrl(src);
    const anchor = jsxAttribute(element, 'src', sourceFile);
    if (vendor) return { vendor, form: name === 'img' ? 'pixel' : 'script-tag', label, markupCategory: markupCategory(attributes, knowledge), anchor };
    const third = knowledge.matchThirdParty(src, name === 'img' ? 'pixel' : 'script');
    if (!third) return undefined;
    return { vendor: third.vendor, form: name === 'img' ? 'pixel' : 'script-tag', label, markupCategory: markupCategory(attributes, knowledge), thirdParty: third, anchor };
  }
  const binding = scope.resolve(name, element);
  if (binding?.kind !== 'import') return undefined;
  for (const { vendor, shape } of knowledge.importsByModule.get(binding.module) ?? []) {
    if (shape.as === 'component' && exportMatches(shape, binding)) {
      // <PostHogProvider client={posthog}>: the instance was made (and is judged) where it was initialised
      if (shape.unlessProp && element.attributes.properties.some((a) => ts.isJsxAttribute(a) && a.name.getText(sourceFile) === shape.unlessProp)) continue;
      return { vendor, form: 'component', label: `<${name}>` };
    }
  }
  return undefined;
}

/** The category named by CMP blocking markup on an element, if the element is blocked. */
function markupCategory(attributes: Map<string, string>, knowledge: Knowledge): string | undefined {
  const type = attributes.get('type')?.toLowerCase();
  for (const [attribute, value] of attributes) {
    for (const { api, markup } of knowledge.consentMarkup.get(attribute.toLowerCase()) ?? []) {
      if (markup.requiresTextPlain && type !== 'text/plain' && attributes.get('data-type') === undefined) continue;
      const category = markupValueOf(api, markup, value, knowledge);
      if (category !== undefined) return category;
    }
  }
  return undefined;
}

/**
 * The category a blocking attribute's value names, through the consent tool's own map first
 * (iubenda's purpose `4` is measurement, while `4` means something else to another tool): our
 * category name, the value as written when the tool's map does not know it, `any` for a service
 * name, undefined when a prefixed token is missing (`optanon-category-…`).
 */
export function markupValueOf(api: ConsentApiEntry, markup: ConsentMarkupShape, value: string, knowledge: Knowledge): string | undefined {
  let written = value;
  if (markup.valuePrefix) {
    const token = value.split(/\s+/).find((t) => t.startsWith(markup.valuePrefix!));
    if (!token) return undefined;
    written = token.slice(markup.valuePrefix.length);
  }
  if (!markup.valueIsCategory) return 'any';
  // data-iub-purposes="4,5": the first purpose named
  const first = written.split(',')[0]!.trim();
  return knowledge.mapCategory(api.id, first) ?? written;
}

/** String-valued attributes of a JSX element (`src="…"`, `src={'…'}`, `` src={`…`} `` without substitutions). */
export function jsxAttributes(element: ts.JsxSelfClosingElement | ts.JsxOpeningElement, sourceFile: ts.SourceFile): Map<string, string> {
  const map = new Map<string, string>();
  for (const attribute of element.attributes.properties) {
    if (!ts.isJsxAttribute(attribute)) continue;
    const name = attribute.name.getText(sourceFile);
    const init = attribute.initializer;
    if (!init) map.set(name, 'true');
    else if (ts.isStringLiteral(init)) map.set(name, init.text);
    else if (ts.isJsxExpression(init) && init.expression) {
      const e = skipOuter(init.expression);
      if (ts.isStringLiteralLike(e)) map.set(name, e.text);
      else if (ts.isTemplateExpression(e)) map.set(name, e.head.text + '…');
    }
  }
  return map;
}

function exportMatches(shape: ImportShape, binding: Extract<Binding, { kind: 'import' }>): boolean {
  if (shape.export === binding.exportName) return true;
  // `import x from 'm'`, `import * as x from 'm'` and `require('m')` reach the same object in CJS interop.
  return (shape.export === 'default' || shape.export === '*') && (binding.exportName === 'default' || binding.exportName === '*');
}

function importOf(binding: Binding | undefined): string | undefined {
  return binding?.kind === 'import' ? binding.module : undefined;
}

/** `declare function gtag(…)` / `declare const fbq` are the global, typed. */
function isAmbient(binding: Binding): boolean {
  const node = binding.kind === 'variable' ? binding.declaration.parent.parent : binding.node;
  return !!node && ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
}

function isGtagStub(binding: Binding, knowledge: Knowledge): boolean {
  return binding.kind === 'function' && ts.isFunctionDeclaration(binding.node) && !!binding.node.name && knowledge.globalCallees.has(binding.node.name.text);
}

/** The expression statement a sink is the whole of (or sits in without a function, JSX or statement between). */
export function enclosingStatement(node: ts.Node): ts.Statement | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isExpressionStatement(n)) return n;
    if (ts.isStatement(n) || ts.isFunctionLike(n) || ts.isJsxElement(n) || ts.isJsxExpression(n) || ts.isJsxFragment(n)) return undefined;
  }
  return undefined;
}

function isJsxNode(node: ts.Node): boolean {
  return ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node);
}

/** The statically known start of a URL expression: a literal, a template head, or the left end of a `+` chain. */
export function staticPrefix(expression: ts.Expression): string | undefined {
  const e = skipOuter(expression);
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isTemplateExpression(e)) return e.head.text;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return staticPrefix(e.left);
  return undefined;
}

function shorten(url: string): string {
  return url.length > 60 ? `${url.slice(0, 57)}...` : url;
}
