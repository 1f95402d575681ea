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
          const gate = clickToLoad(target, scope) ?? gates().find(target, entry.category);
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
 * where `showMap` is React state only a click handler turns on. A viewport or lazy-load flag is not.
 */
function clickToLoad(element: ts.Node, scope: ScopeResolver): GateResult | undefined {
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
    if (setter && setInClickHandler(setter, element.getSourceFile())) {
      return {
        gated: true,
        by: { span: { start: flag.getStart(), end: flag.getEnd() }, text: flag.text, grants: ['any'], form: 'and', confidence: 'medium', origin: 'click-to-load' },
        seen: [],
        trace: [`Loaded only after a click: \`${flag.text}\` is state that only a click handler (\`${setter}(true)\`) turns on.`],
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

/** `const [flag, setFlag] = useState(false)` → `setFlag`. */
function stateSetter(flag: ts.Identifier, scope: ScopeResolver): string | undefined {
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
  return setter && !ts.isOmittedExpression(setter) && ts.isIdentifier(setter.name) ? setter.name.text : undefined;
}

/**
 * True when `setter(true)` is called only inside `onClick` (press, key) handlers: inline in the JSX
 * attribute, or in a named handler (`const load = () => setShow(true)`) that is only ever used as such
 * an attribute's value (`onClick={load}`).
 */
function setInClickHandler(setter: string, sourceFile: ts.SourceFile): boolean {
  let inClick = false;
  const outside: string[] = [];
  let anonymous = false;
  const handlerNames = new Set<string>();
  const otherUses = new Set<string>();
  const visit = (node: ts.Node, click: boolean, fn: string | undefined): void => {
    if (ts.isJsxAttribute(node) && /^on(Click|Press|KeyDown)$/.test(node.name.getText(sourceFile))) {
      click = true;
      const init = node.initializer;
      if (init && ts.isJsxExpression(init) && init.expression && ts.isIdentifier(init.expression)) handlerNames.add(init.expression.text);
    } else if (ts.isIdentifier(node) && !(ts.isJsxExpression(node.parent) && ts.isJsxAttribute(node.parent.parent)) && !(ts.isVariableDeclaration(node.parent) && node.parent.name === node) && !(ts.isFunctionDeclaration(node.parent) && node.parent.name === node)) {
      otherUses.add(node.text);
    }
    if (ts.isFunctionDeclaration(node) && node.name) fn = node.name.text;
    else if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name)) fn = node.parent.name.text;
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === setter) {
      const arg = node.arguments[0] && skipOuter(node.arguments[0]);
      if (arg && arg.kind !== ts.SyntaxKind.FalseKeyword) {
        if (click) inClick = true;
        else if (fn) outside.push(fn);
        else anonymous = true;
      }
    }
    ts.forEachChild(node, (n) => visit(n, click, fn));
  };
  visit(sourceFile, false, undefined);
  if (anonymous) return false;
  // every named function that sets it must be a click handler used nowhere else
  const viaHandlers = outside.length > 0 && outside.every((name) => handlerNames.has(name) && !otherUses.has(name));
  return (inClick || viaHandlers) && outside.every((name) => handlerNames.has(name) && !otherUses.has(name));
}
