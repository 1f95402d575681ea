/**
 * Third-party embeds (iframes, Google Fonts stylesheets, CSS `@import`s) and opt-in
 * checkboxes ticked by default. The catalogues are data: `knowledge/embeds.json` and
 * `knowledge/optin-vocabulary.json`.
 */
import { ts } from 'ts-morph';
import type { ConsentCategory } from '../knowledge/types';
import { derived } from '../knowledge/catalogues';
import { classifyHost, entityVendorId, THIRD_PARTY_WEB_VERSION } from '../knowledge/third-party-web';
import { skipOuter } from './consent';
import { jsxElementWords } from '../jsx-children';
import type { GateFinder } from './gating';
import type { ScopeResolver } from './scope';
import { staticPrefix } from './trackers';
import type { CheckedBox, EmbedFact, GateResult, Span } from './types';

/** One catalogued embed provider. */
export interface EmbedEntry {
  id: string;
  name: string;
  kind: 'video' | 'map' | 'font' | 'social';
  category: ConsentCategory;
  hosts: string[];
  alternative: string;
  rewrite?: { host: string };
  sources: string[];
}

/** The embed catalogue's `host/path` patterns (`knowledge/embeds.json` + `knowledge.embeds`). */
const embedPatterns = derived(({ embeds }) =>
  (embeds.embeds as EmbedEntry[]).flatMap((entry) =>
    entry.hosts.map((pattern) => {
      const slash = pattern.indexOf('/');
      const host = slash < 0 ? pattern : pattern.slice(0, slash);
      const path = slash < 0 ? '' : pattern.slice(slash);
      return { entry, host, segments: path.split('/').slice(1) };
    }),
  ),
);

/** Host (lower case, without `www.`), host as written, and path of an absolute or protocol-relative URL. */
export function splitUrl(url: string): { host: string; written: string; path: string } | undefined {
  let rest = url.trim();
  const lower = rest.toLowerCase();
  if (lower.startsWith('https://')) rest = rest.slice(8);
  else if (lower.startsWith('http://')) rest = rest.slice(7);
  else if (rest.startsWith('//')) rest = rest.slice(2);
  else return undefined;
  let end = rest.length;
  for (const stop of ['/', '?', '#']) {
    const at = rest.indexOf(stop);
    if (at >= 0 && at < end) end = at;
  }
  const written = rest.slice(0, end);
  let host = written.toLowerCase();
  const colon = host.indexOf(':');
  if (colon >= 0) host = host.slice(0, colon);
  if (host.startsWith('www.')) host = host.slice(4);
  let path = rest.slice(end);
  for (const stop of ['?', '#']) {
    const at = path.indexOf(stop);
    if (at >= 0) path = path.slice(0, at);
  }
  return { host, written, path: path || '/' };
}

/** The catalogued embed a URL loads, if any (longest pattern wins). */
export function matchEmbedUrl(url: string): EmbedEntry | undefined {
  const parts = splitUrl(url);
  if (!parts) return undefined;
  const segments = parts.path.split('/').slice(1);
  let best: { entry: EmbedEntry; score: number } | undefined;
  for (const pattern of embedPatterns()) {
    if (parts.host !== pattern.host && !parts.host.endsWith(`.${pattern.host}`)) continue;
    if (!segmentsMatch(pattern.segments, segments)) continue;
    const score = pattern.host.length + pattern.segments.join('/').length;
    if (!best || score > best.score) best = { entry: pattern.entry, score };
  }
  return best?.entry ?? datasetEmbed(parts.host);
}

const DATASET_EMBEDS = new Map<string, EmbedEntry>();

/** A video player the embed catalogue does not list but the third-party-web dataset does (Wistia, Brightcove, …). */
function datasetEmbed(host: string): EmbedEntry | undefined {
  const verdict = classifyHost(host);
  if (!verdict?.embed || verdict.purpose === null) return undefined;
  const name = verdict.entity.name;
  let entry = DATASET_EMBEDS.get(name);
  if (!entry) {
    entry = {
      id: entityVendorId(name),
      name,
      kind: 'video',
      category: verdict.purpose,
      hosts: [],
      alternative: 'Show a click-to-load placeholder and load the player only after consent.',
      sources: [`third-party-web ${THIRD_PARTY_WEB_VERSION} (npm, MIT): entity "${name}", category ${verdict.entity.category}; mapping: knowledge/third-party-web-mapping.json (${verdict.reason})`],
    };
    DATASET_EMBEDS.set(name, entry);
  }
  return entry;
}

/** `['maps', 'embed']` matches `/maps/embed…`; a trailing `''` = anything below; `*` = one segment. */
function segmentsMatch(pattern: string[], actual: string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i];
    if (want === '' && i === pattern.length - 1) return true;
    const have = actual[i];
    if (have === undefined) return false;
    if (want === '*') continue;
    // The last segment is a prefix (`/maps/embed?pb=…`, `/maps/embed/v1/place`).
    if (i === pattern.length - 1 ? !have.toLowerCase().startsWith(want) : have.toLowerCase() !== want) return false;
  }
  return true;
}

/** Rel values under which a `<link>` fetches the resource at page load. */
export function linkLoads(rel: string | undefined): boolean {
  if (rel === undefined) return true;
  const tokens = rel.toLowerCase().split(/\s+/);
  return tokens.includes('stylesheet') || tokens.includes('preload') || tokens.includes('icon');
}

/** Opt-in, consent and terms stems (`knowledge/optin-vocabulary.json` + `knowledge.optinVocabulary`). */
const optInStems = derived(({ optinVocabulary: v }) => ({
  OPT_IN: v.optIn.map((e) => e.stem),
  CONSENT: v.consent.map((e) => e.stem),
  TERMS: v.terms.map((e) => e.stem),
}));

/** Marketing opt-in words only (no generic consent words): what a service may not require. */
export function marketingWords(texts: readonly string[]): string[] {
  const words = splitWords(texts);
  const { OPT_IN } = optInStems();
  return [...new Set(words.filter((w) => OPT_IN.some((s) => w.startsWith(s))))];
}

/** True when the texts name terms acceptance or a privacy-notice acknowledgement. */
export function namesTerms(texts: readonly string[]): boolean {
  const { TERMS } = optInStems();
  return splitWords(texts).some((w) => TERMS.some((s) => w.startsWith(s)));
}

function splitWords(texts: readonly string[]): string[] {
  return texts
    .join(' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/\bopt[\s_-]?in\b/gi, 'optin')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
}

/** Opt-in words in a checkbox's name, id and label; empty when it is not an opt-in (or only a terms box). */
export function optInWords(texts: readonly string[]): string[] {
  const words = splitWords(texts);
  const hits = (stems: readonly string[]) => [...new Set(words.filter((w) => stems.some((s) => w.startsWith(s))))];
  const { OPT_IN, CONSENT, TERMS } = optInStems();
  const optIn = hits(OPT_IN);
  if (optIn.length) return optIn;
  const consent = hits(CONSENT);
  if (consent.length && hits(TERMS).length === 0) return consent;
  return [];
}

/** Where a CSS comment or string starting at `i` ends (undefined when none starts there). */
function skipCssCommentOrString(text: string, i: number): number | undefined {
  const c = text[i];
  if (c === '/' && text[i + 1] === '*') {
    const close = text.indexOf('*/', i + 2);
    return close < 0 ? text.length : close + 2;
  }
  if (c === '"' || c === "'") {
    const close = text.indexOf(c, i + 1);
    return close < 0 ? text.length : close + 1;
  }
  return undefined;
}

/** `@import url('…')` / `@import "…"` of a catalogued host in CSS text (comments skipped). */
export function cssImports(text: string): { span: Span; url: string; urlSpan: Span }[] {
  const out: { span: Span; url: string; urlSpan: Span }[] = [];
  let i = 0;
  while (i < text.length) {
    const skipped = skipCssCommentOrString(text, i);
    if (skipped !== undefined) {
      i = skipped;
      continue;
    }
    const c = text[i];
    if (c === '@' && text.slice(i + 1, i + 7).toLowerCase() === 'import') {
      const start = i;
      let j = skipSpace(text, i + 7);
      let urlStart: number;
      let urlEnd: number;
      if (text.slice(j, j + 4).toLowerCase() === 'url(') {
        j = skipSpace(text, j + 4);
        const quote = text[j] === '"' || text[j] === "'" ? text[j] : undefined;
        urlStart = quote ? j + 1 : j;
        urlEnd = quote ? text.indexOf(quote, urlStart) : text.indexOf(')', urlStart);
      } else if (text[j] === '"' || text[j] === "'") {
        urlStart = j + 1;
        urlEnd = text.indexOf(text[j], urlStart);
      } else {
        i = j;
        continue;
      }
      if (urlEnd < 0) break;
      const url = text.slice(urlStart, urlEnd).trim();
      const semicolon = text.indexOf(';', urlEnd);
      const newline = text.indexOf('\n', urlEnd);
      const end = semicolon >= 0 && (newline < 0 || semicolon < newline) ? semicolon + 1 : newline >= 0 ? newline : text.length;
      out.push({ span: { start, end }, url, urlSpan: { start: urlStart, end: urlEnd } });
      i = end;
      continue;
    }
    i++;
  }
  return out;
}

/** Every `url(…)` in CSS text (comments skipped), with the span of the whole token and of the URL. */
export function cssUrls(text: string): { span: Span; url: string; urlSpan: Span }[] {
  const out: { span: Span; url: string; urlSpan: Span }[] = [];
  let i = 0;
  while (i < text.length) {
    const skipped = skipCssCommentOrString(text, i);
    if (skipped !== undefined) {
      i = skipped;
      continue;
    }
    const c = text[i];
    if ((c === 'u' || c === 'U') && text.slice(i, i + 4).toLowerCase() === 'url(' && !/[\w-]/.test(text[i - 1] ?? ' ')) {
      const j = skipSpace(text, i + 4);
      const quote = text[j] === '"' || text[j] === "'" ? text[j] : undefined;
      const urlStart = quote ? j + 1 : j;
      const urlEnd = quote ? text.indexOf(quote, urlStart) : text.indexOf(')', urlStart);
      if (urlEnd < 0) break;
      const close = text.indexOf(')', urlEnd);
      const end = close < 0 ? urlEnd : close + 1;
      out.push({ span: { start: i, end }, url: text.slice(urlStart, urlEnd).trim(), urlSpan: { start: urlStart, end: urlEnd } });
      i = end;
      continue;
    }
    i++;
  }
  return out;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}

/** The fix replacing the provider's host by its privacy-enhanced host, when the URL is written literally at `urlStart`. */
export function rewriteOf(entry: EmbedEntry, url: string, text: string, searchFrom: number, searchTo: number): EmbedFact['rewrite'] {
  if (!entry.rewrite) return undefined;
  const parts = splitUrl(url);
  if (!parts) return undefined;
  const at = text.slice(searchFrom, searchTo).indexOf(`//${parts.written}`);
  if (at < 0) return undefined;
  const start = searchFrom + at + 2;
  return { span: { start, end: start + parts.written.length }, text: entry.rewrite.host };
}

/** Embeds and pre-ticked opt-in boxes of a JS/TS file; gates come from the same gate search as trackers. */
export function scriptEmbeds(
  sourceFile: ts.SourceFile,
  scope: ScopeResolver,
  gates: () => GateFinder,
  /** The file's `<iframe>`, `<link>` and `<input>` JSX elements, when the caller's walk collected them. */
  collected?: readonly (ts.JsxSelfClosingElement | ts.JsxOpeningElement)[],
): { embeds: EmbedFact[]; checked: CheckedBox[] } {
  const embeds: EmbedFact[] = [];
  const checked: CheckedBox[] = [];
  const text = sourceFile.text;
  // Only iframes, links and inputs matter here: skip the walk for files without any.
  if (!/<(iframe|link|input)\b/.test(text)) return { embeds, checked };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) {
      const tag = ts.isIdentifier(node.tagName) ? node.tagName.text : '';
      const target = ts.isJsxOpeningElement(node) ? node.parent : node;
      if (tag === 'iframe' || tag === 'link') {
        const attr = tag === 'iframe' ? 'src' : 'href';
        const value = attributeValue(node, attr, scope);
        const entry = value && matchEmbedUrl(value.url);
        const rel = attributeValue(node, 'rel', scope)?.url;
        if (entry && value && (tag === 'iframe' || linkLoads(rel))) {
          const span = { start: target.getStart(sourceFile), end: target.getEnd() };
          const gate = clickToLoad(target, scope, entry) ?? gates().find(target, entry.category);
          embeds.push({
            form: tag === 'iframe' ? 'iframe' : 'stylesheet',
            embedId: entry.id,
            embedName: entry.name,
            category: entry.category,
            alternative: entry.alternative,
            url: value.url,
            span,
            anchor: value.attribute,
            gate,
            rewrite: value.literal ? rewriteOf(entry, value.url, text, value.span.start, value.span.end) : undefined,
          });
        }
      }
      if (tag === 'input') checkedBox(node, target, sourceFile, scope, checked);
    }
    if (!collected) ts.forEachChild(node, visit);
  };
  if (collected) collected.forEach(visit);
  else visit(sourceFile);
  return { embeds, checked };
}

/** A JSX attribute's string value (literal, template, or a `const` holding one). */
function attributeValue(element: ts.JsxSelfClosingElement | ts.JsxOpeningElement, name: string, scope: ScopeResolver): { url: string; span: Span; attribute: Span; literal: boolean } | undefined {
  for (const attribute of element.attributes.properties) {
    if (!ts.isJsxAttribute(attribute) || attributeName(attribute) !== name || !attribute.initializer) continue;
    const init = attribute.initializer;
    const span = { start: init.getStart(element.getSourceFile()), end: init.getEnd() };
    const whole = { start: attribute.getStart(element.getSourceFile()), end: attribute.getEnd() };
    if (ts.isStringLiteral(init)) return { url: init.text, span, attribute: whole, literal: true };
    if (!ts.isJsxExpression(init) || !init.expression) return undefined;
    let e = skipOuter(init.expression);
    let literal = true;
    if (ts.isIdentifier(e)) {
      const binding = scope.resolve(e.text, e);
      const value = binding?.kind === 'variable' && binding.isConst && !binding.propertyPath ? binding.declaration.initializer : undefined;
      if (!value) return undefined;
      e = skipOuter(value);
      literal = false;
    }
    const url = staticPrefix(e as ts.Expression);
    return url === undefined ? undefined : { url, span, attribute: whole, literal };
  }
  return undefined;
}

function hasAttribute(element: ts.JsxSelfClosingElement | ts.JsxOpeningElement, name: string): ts.JsxAttribute | undefined {
  return element.attributes.properties.find((a): a is ts.JsxAttribute => ts.isJsxAttribute(a) && attributeName(a) === name);
}

/** `src` of `src="…"` without re-reading the source text (`getText()` walks up to the file every call). */
function attributeName(attribute: ts.JsxAttribute): string {
  const name = attribute.name;
  return ts.isIdentifier(name) ? name.text : `${name.namespace.text}:${name.name.text}`;
}

/** Literal `true`: a bare attribute or `={true}`. */
function isLiteralTrue(attribute: ts.JsxAttribute): boolean {
  const init = attribute.initializer;
  if (!init) return true;
  return ts.isJsxExpression(init) && !!init.expression && skipOuter(init.expression).kind === ts.SyntaxKind.TrueKeyword;
}

function checkedBox(element: ts.JsxSelfClosingElement | ts.JsxOpeningElement, target: ts.Node, sourceFile: ts.SourceFile, scope: ScopeResolver, out: CheckedBox[]): void {
  if (attributeValue(element, 'type', scope)?.url.toLowerCase() !== 'checkbox') return;
  const defaultChecked = hasAttribute(element, 'defaultChecked');
  const checked = hasAttribute(element, 'checked');
  // `checked` with an onChange handler is controlled state the visitor changes; a literal without one is fixed on.
  const attribute = defaultChecked && isLiteralTrue(defaultChecked) ? defaultChecked : checked && isLiteralTrue(checked) && !hasAttribute(element, 'onChange') ? checked : undefined;
  if (!attribute) return;
  const texts = [attributeValue(element, 'name', scope)?.url ?? '', attributeValue(element, 'id', scope)?.url ?? '', attributeValue(element, 'aria-label', scope)?.url ?? '', jsxLabelText(target, sourceFile)];
  const words = optInWords(texts);
  if (!words.length) return;
  // Removing the attribute (and the space before it) leaves the box unticked.
  let start = attribute.getStart(sourceFile);
  while (start > 0 && (sourceFile.text[start - 1] === ' ' || sourceFile.text[start - 1] === '\t')) start--;
  out.push({
    span: { start: target.getStart(sourceFile), end: target.getEnd() },
    attribute: attribute.name.getText(sourceFile),
    words,
    remove: { start, end: attribute.getEnd() },
  });
}

/** Text of the enclosing `<label>` (or of the parent element), JSX text children only. */
function jsxLabelText(element: ts.Node, sourceFile: ts.SourceFile): string {
  let parent: ts.Node | undefined = element.parent;
  for (let depth = 0; parent && depth < 3; depth++, parent = parent.parent) {
    if (ts.isJsxElement(parent)) {
      const isLabel = parent.openingElement.tagName.getText(sourceFile) === 'label';
      if (isLabel || depth === 0) {
        const text = jsxText(parent);
        if (isLabel || text.trim()) return text;
      }
    }
  }
  return '';
}

function jsxText(node: ts.Node): string {
  const parts: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isJsxText(n)) parts.push(n.text);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return parts.join(' ');
}

/**
 * Explicit click-to-load: `{showMap ? <iframe …/> : <button onClick={() => setShowMap(true)}>…}`,
 * where `showMap` is React state only a user action turns on: a click, press or key handler of any
 * control, or a change/submit handler of a control that names the provider ("Google Maps laden").
 * A viewport or lazy-load flag is not.
 */
function clickToLoad(element: ts.Node, scope: ScopeResolver, entry: EmbedEntry): GateResult | undefined {
  for (let child: ts.Node = element, parent = element.parent; parent && !ts.isSourceFile(parent); child = parent, parent = parent.parent) {
    let condition: ts.Expression | undefined;
    if (ts.isConditionalExpression(parent) && child === parent.whenTrue) condition = parent.condition;
    else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === parent.right) condition = parent.left;
    else if (ts.isIfStatement(parent) && child === parent.thenStatement) condition = parent.expression;
    else if (ts.isBlock(parent)) condition = earlyReturnFlag(parent, child);
    if (ts.isFunctionLike(parent)) break;
    const flag = condition && skipOuter(condition);
    if (!flag || !ts.isIdentifier(flag)) continue;
    const setter = stateSetter(flag, scope);
    const action = setter && setOnlyByUser(setter, scope, entry);
    if (setter && action) {
      const how = action.named ? `a ${action.how} on ${action.named}, which names ${entry.name}` : `a ${action.how}`;
      return {
        gated: true,
        by: { span: { start: flag.getStart(), end: flag.getEnd() }, text: flag.text, grants: ['any'], form: 'and', confidence: 'medium', origin: 'click-to-load' },
        seen: [],
        trace: [
          `Loaded only after ${how}: \`${flag.text}\` is state that starts false and only a user action (\`${setter.text}(…)\`) turns on.`,
          ...(action.named ? [] : [`The control does not name ${entry.name}; saying what loads ("Load ${entry.name}") makes the click an informed choice.`]),
        ],
      };
    }
  }
  return undefined;
}

/**
 * `if (!showVideo) return <Placeholder onLoad={…} />;` before the statement that renders the embed:
 * the flag the rest of the block needs (a negated identifier whose branch always returns).
 */
function earlyReturnFlag(block: ts.Block, child: ts.Node): ts.Expression | undefined {
  const index = block.statements.indexOf(child as ts.Statement);
  for (let i = index - 1; i >= 0; i--) {
    const statement = block.statements[i];
    if (!ts.isIfStatement(statement) || statement.elseStatement) continue;
    const then = statement.thenStatement;
    const returns = ts.isReturnStatement(then) || (ts.isBlock(then) && then.statements.some((s) => ts.isReturnStatement(s)));
    const test = skipOuter(statement.expression);
    if (returns && ts.isPrefixUnaryExpression(test) && test.operator === ts.SyntaxKind.ExclamationToken) return test.operand;
  }
  return undefined;
}

/** `const [flag, setFlag] = useState(false)` → `setFlag` (its declaring identifier). */
function stateSetter(flag: ts.Identifier, scope: ScopeResolver): ts.Identifier | undefined {
  const binding = scope.resolve(flag.text, flag);
  if (binding?.kind !== 'variable') return undefined;
  const declaration = binding.declaration;
  if (!ts.isArrayBindingPattern(declaration.name) || !declaration.initializer) return undefined;
  const init = skipOuter(declaration.initializer);
  if (!ts.isCallExpression(init) || !/(^|\.)useState$/.test(init.expression.getText())) return undefined;
  const first = init.arguments[0];
  if (first && skipOuter(first).kind !== ts.SyntaxKind.FalseKeyword) return undefined;
  const [value, setter] = declaration.name.elements;
  if (!value || ts.isOmittedExpression(value) || !ts.isIdentifier(value.name) || value.name.text !== flag.text) return undefined;
  return setter && !ts.isOmittedExpression(setter) && ts.isIdentifier(setter.name) ? setter.name : undefined;
}

/** Handlers of a user action on any control (a click, a press, a key). */
const PRESS_PROPS = /^on(Click|Press|KeyDown|KeyUp|PointerUp|TouchEnd|MouseUp)$/;
/** Handlers of a user action that count when the control names the provider (a "Load Google Maps" checkbox). */
const CHANGE_PROPS = /^on(Change|Submit|CheckedChange|ValueChange|Toggle)$/;
const EFFECT_CALLS = /^(useEffect|useLayoutEffect|useInsertionEffect|setTimeout|setInterval|requestAnimationFrame|requestIdleCallback|queueMicrotask|addEventListener|observe|then|useMemo)$/;
const MEMO_CALLS = /^(useCallback|useEvent|useEffectEvent|memo)$/;
const MAX_HANDLER_DEPTH = 3;

interface UserAction {
  how: string;
  /** The control, in words, when it names the provider. */
  named?: string;
}

/**
 * Whether every call of the state `setter` that can turn it on (any argument but `false`) runs on
 * a user action: inside a JSX handler attribute, or inside a function (declared, a `const` arrow, a
 * `useCallback`) whose every use, found by binding, is such a handler or a call inside one. Returns
 * the action, and the control when its words name the provider.
 */
function setOnlyByUser(setter: ts.Identifier, scope: ScopeResolver, entry: EmbedEntry): UserAction | undefined {
  const sourceFile = setter.getSourceFile();
  const declaration = scope.resolve(setter.text, setter);
  if (!declaration) return undefined;
  const calls: ts.CallExpression[] = [];
  const byName = new Map<string, ts.Identifier[]>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const list = byName.get(node.text);
      if (list) list.push(node);
      else byName.set(node.text, [node]);
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === setter.text && scope.resolve(setter.text, node.expression)?.node === declaration.node) {
      const arg = node.arguments[0] && skipOuter(node.arguments[0]);
      if (!arg || arg.kind !== ts.SyntaxKind.FalseKeyword) calls.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  if (calls.length === 0) return undefined;
  const words = providerWords(entry);
  let found: UserAction | undefined;
  for (const call of calls) {
    const action = userAction(call, scope, byName, words, 0, new Set());
    if (!action) return undefined;
    if (!found || (!found.named && action.named)) found = action;
  }
  return found;
}

/** What makes `node` run, when it is a user action on a control (see `setOnlyByUser`). */
function userAction(node: ts.Node, scope: ScopeResolver, byName: Map<string, ts.Identifier[]>, words: string[], depth: number, visited: Set<ts.Node>): UserAction | undefined {
  const sourceFile = node.getSourceFile();
  for (let parent = node.parent; parent && !ts.isSourceFile(parent); parent = parent.parent) {
    // the value of a handler attribute: <button onClick={…}>
    if (ts.isJsxExpression(parent) && ts.isJsxAttribute(parent.parent)) return handlerAttribute(parent.parent, words, sourceFile);
    if (!ts.isFunctionLike(parent)) continue;
    const fn = parent;
    const host = fn.parent;
    // an effect, a timer, an observer or a promise runs without the visitor doing anything
    if (host && ts.isCallExpression(host) && host.arguments.includes(fn as unknown as ts.Expression)) {
      const callee = calleeName(host.expression);
      if (callee && MEMO_CALLS.test(callee) && ts.isVariableDeclaration(host.parent) && ts.isIdentifier(host.parent.name)) return usesAreUserActions(host.parent.name, scope, byName, words, depth, visited);
      if (callee && EFFECT_CALLS.test(callee)) return undefined;
      continue;
    }
    // a named handler: judged by every use of its binding
    const name = ts.isFunctionDeclaration(fn) && fn.name ? fn.name : ts.isVariableDeclaration(host) && ts.isIdentifier(host.name) && host.initializer === fn ? host.name : undefined;
    if (name) return usesAreUserActions(name, scope, byName, words, depth, visited);
    // a method or an object's property: not followed
    if (ts.isMethodDeclaration(fn) || ts.isPropertyAssignment(host)) return undefined;
  }
  return undefined;
}

/** Every use of the function `name` (by binding) is a handler attribute value or a call on a user-action path. */
function usesAreUserActions(name: ts.Identifier, scope: ScopeResolver, byName: Map<string, ts.Identifier[]>, words: string[], depth: number, visited: Set<ts.Node>): UserAction | undefined {
  if (depth >= MAX_HANDLER_DEPTH || visited.has(name)) return undefined;
  visited.add(name);
  const binding = scope.resolve(name.text, name);
  if (!binding) return undefined;
  const uses = (byName.get(name.text) ?? []).filter((id) => id !== name && !(ts.isPropertyAccessExpression(id.parent) && id.parent.name === id) && !(ts.isPropertyAssignment(id.parent) && id.parent.name === id) && scope.resolve(id.text, id)?.node === binding.node);
  if (uses.length === 0) return undefined;
  let found: UserAction | undefined;
  for (const use of uses) {
    // exported or handed to something we do not see: unknown callers
    if (ts.isExportSpecifier(use.parent) || ts.isExportAssignment(use.parent)) return undefined;
    const action = userAction(use, scope, byName, words, depth + 1, visited);
    if (!action) return undefined;
    if (!found || (!found.named && action.named)) found = action;
  }
  return found;
}

/** A JSX handler attribute: a press/click/key handler on any control, or a change/submit handler on a control that names the provider. */
function handlerAttribute(attribute: ts.JsxAttribute, words: string[], sourceFile: ts.SourceFile): UserAction | undefined {
  const prop = attribute.name.getText(sourceFile);
  const press = PRESS_PROPS.test(prop);
  if (!press && !CHANGE_PROPS.test(prop)) return undefined;
  const opening = attribute.parent.parent;
  const label = controlWords(opening, sourceFile);
  const names = words.some((w) => label.toLowerCase().includes(w));
  if (!press && !names) return undefined;
  const how = /Key/.test(prop) ? 'key press' : /Change|Toggle/.test(prop) ? 'change' : /Submit/.test(prop) ? 'submit' : 'click';
  return { how, ...(names ? { named: `\`<${opening.tagName.getText(sourceFile)}>${label.length > 40 ? `${label.slice(0, 37)}...` : label}\`` } : {}) };
}

/** The words of a JSX control: its text, and its aria-label, title, alt, value and label props (the enclosing <label> for inputs). */
function controlWords(opening: ts.JsxOpeningLikeElement, sourceFile: ts.SourceFile): string {
  const element = ts.isJsxOpeningElement(opening) ? opening.parent : opening;
  const words = jsxElementWords(element, sourceFile, (name) => /^(aria-label|title|alt|value|label|children)$/.test(name));
  // <label><input onChange={…} /> Google Maps laden</label>
  const parent = element.parent;
  if (ts.isJsxElement(parent) && ts.isIdentifier(parent.openingElement.tagName) && parent.openingElement.tagName.text === 'label') {
    for (const c of parent.children) if (ts.isJsxText(c)) words.push(c.text.trim());
  }
  return words.filter(Boolean).join(' ').replace(/\s+/g, ' ');
}

/** Lower-case words that name the provider of an embed entry (`youtube`, `google maps`, `vimeo`). */
function providerWords(entry: EmbedEntry): string[] {
  const name = entry.name.replace(/\s*\([^)]*\)/g, '').toLowerCase();
  const words = new Set([name, entry.id.toLowerCase().replace(/-/g, ' ')]);
  // "Google Maps" is named by "Maps" / "Karte" as well
  for (const part of name.split(/\s+/)) if (part.length >= 4 && part !== 'google') words.add(part);
  return [...words].filter((w) => w.length >= 3);
}

function calleeName(expression: ts.Expression): string | undefined {
  const e = skipOuter(expression);
  return ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
}
