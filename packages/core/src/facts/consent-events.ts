/**
 * A site's own consent events (DESIGN, Decisions): a hand-written banner dispatches a custom
 * event (`window.dispatchEvent(new CustomEvent('cookie-consent-accepted'))`) and trackers start
 * in its listeners. The listener gates only when every dispatch of the event sits in an accept
 * path: a click on an accept control, or a stored granted choice. A dispatch from a scroll, a
 * timer or page load without a stored choice is not consent (EDPB Guidelines 05/2020).
 *
 * The dispatch calls are collected by the one walk (`findSinks`); this module classifies them by
 * walking up from each call, and recognises listeners for the gate search.
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import type { ConsentMatcher } from './consent';
import { skipOuter } from './consent';
import { jsxElementWords } from '../jsx-children';
import type { ScopeResolver } from './scope';
import type { ConsentEventDispatch } from './types';

/** An event name that speaks of consent or accepting (`cookie-consent-accepted`, `consent:granted`, `tracking-allowed`). */
export const CONSENT_EVENT = /consent|accept|allow|opt-?in|grant|einwillig|zustimm/i;
/** Words of a control that accepts (button text, id, class, aria-label, handler name). */
const ACCEPT_WORDS = /accept|allow|agree|grant|opt-?in|akzept|zustimm|einverstanden|erlaub|\bok\b|got it/i;
/** Words of a control that refuses or only saves necessary cookies. */
const REJECT_WORDS = /reject|decline|deny|refuse|dismiss|ablehn|verweiger|necessary|essential|notwendig|only required|close/i;
const UNSUBSCRIBE = new Set(['removeEventListener', 'off', 'unbind', 'unsubscribe', 'removeListener']);
const TIMERS = new Set(['setTimeout', 'setInterval', 'requestIdleCallback', 'requestAnimationFrame', 'queueMicrotask']);
const PAGE_EVENTS = /^(load|DOMContentLoaded|readystatechange|pageshow|visibilitychange)$/;
const PASSIVE_EVENTS = /^(scroll|wheel|mousemove|mouseover|mouseenter|touchmove|resize|focus|blur|hashchange|popstate)$/;
const USER_EVENTS = /^(click|submit|keydown|keyup|keypress|change|pointerup|mouseup|touchend)$/;
const USER_PROPS = /^on(Click|Press|Submit|KeyDown|KeyUp|Change|PointerUp|MouseUp|TouchEnd)$/;
const EFFECT_HOOKS = new Set(['useEffect', 'useLayoutEffect', 'onMounted', 'useMount', 'componentDidMount']);
const MAX_DEPTH = 3;

/** True for a call that is `x.dispatchEvent(…)` / `dispatchEvent(…)` (the walk's cheap test). */
export function isDispatchCall(call: ts.CallExpression): boolean {
  const e = call.expression;
  return call.arguments.length === 1 && ((ts.isPropertyAccessExpression(e) && e.name.text === 'dispatchEvent') || (ts.isIdentifier(e) && e.text === 'dispatchEvent'));
}

/** The event name of `new CustomEvent('x', …)` / `new Event('x')`, directly or through a `const`. */
function eventNameOf(expression: ts.Expression, scope: ScopeResolver): string | undefined {
  let e = skipOuter(expression);
  if (ts.isIdentifier(e)) {
    const binding = scope.resolve(e.text, e);
    const init = binding?.kind === 'variable' && !binding.propertyPath ? binding.declaration.initializer : undefined;
    if (!init) return undefined;
    e = skipOuter(init);
  }
  if (!ts.isNewExpression(e) || !ts.isIdentifier(e.expression) || !/^(Custom)?Event$/.test(e.expression.text)) return undefined;
  const first = e.arguments?.[0];
  return first && ts.isStringLiteralLike(first) ? first.text : undefined;
}

/** The event name of an `addEventListener('x', fn)` that `fn` is the listener of, if it speaks of consent. */
export function consentEventListened(fn: ts.Node): string | undefined {
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[1] !== fn) return undefined;
  const first = call.arguments[0];
  if (lastName(call.expression) !== 'addEventListener' || !ts.isStringLiteralLike(first)) return undefined;
  return CONSENT_EVENT.test(first.text) ? first.text : undefined;
}

/** True when `id` is an argument of an unsubscribe call (`removeEventListener('x', fn)`): not a call of `fn`. */
export function isUnsubscribeArgument(id: ts.Node): boolean {
  const call = id.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(id as ts.Expression)) return false;
  const last = lastName(call.expression);
  return last !== undefined && UNSUBSCRIBE.has(last);
}

interface Verdict { accept: boolean; path: string }

/** A handler name that says it accepts consent (`acceptCookies`, `handleAcceptAll`, `onAllowTracking`, `grantConsent`). */
const ACCEPT_HANDLER = /^(on|handle|do)?_?(accept|allow|grant|agree|optIn|opt_in)_?(all)?_?(cookies?|consent|tracking|analytics|gdpr|privacy|banner)?_?(all)?$/i;

/** True when a function's own name says it is the accept handler of a consent banner. */
export function isAcceptHandlerName(name: string): boolean {
  return ACCEPT_HANDLER.test(name) && !REJECT_WORDS.test(name);
}

/**
 * When `fn` is the click (or key, submit) handler of a control that says it accepts
 * (`document.getElementById('cookie-accept').addEventListener('click', fn)`,
 * `<button onClick={fn}>Accept all</button>`): what the control is, in words.
 */
export function acceptControlOf(fn: ts.Node, sourceFile: ts.SourceFile, scope: ScopeResolver): string | undefined {
  const host = fn.parent;
  if (!host) return undefined;
  const judge = new PathJudge(sourceFile, scope, undefined, new Map());
  if (ts.isCallExpression(host) && host.arguments[1] === fn && lastName(host.expression) === 'addEventListener' && ts.isStringLiteralLike(host.arguments[0]) && USER_EVENTS.test(host.arguments[0].text)) {
    const verdict = judge.control(host.expression, `a ${host.arguments[0].text} on`);
    return verdict.accept ? verdict.path : undefined;
  }
  if (ts.isJsxExpression(host) && ts.isJsxAttribute(host.parent) && USER_PROPS.test(host.parent.name.getText(sourceFile))) {
    const verdict = judge.element(host.parent.parent.parent as ts.JsxOpeningLikeElement, host.parent.name.getText(sourceFile));
    return verdict.accept ? verdict.path : undefined;
  }
  return undefined;
}

/** What makes `node` run: an accept path (a click on an accept control, an accept handler, a stored granted choice) or not, in words. */
export function acceptPathOf(node: ts.Node, sourceFile: ts.SourceFile, scope: ScopeResolver, identifiers: Map<string, ts.Identifier[]>): { accept: boolean; path: string } {
  return new PathJudge(sourceFile, scope, undefined, identifiers).judge(node, 0, new Set());
}

/** Classifies the dispatch calls of one file (only events whose name speaks of consent). */
export function classifyDispatches(
  calls: readonly ts.CallExpression[],
  sourceFile: ts.SourceFile,
  scope: ScopeResolver,
  matcher: ConsentMatcher,
  identifiers: Map<string, ts.Identifier[]>,
): ConsentEventDispatch[] {
  const out: ConsentEventDispatch[] = [];
  for (const call of calls) {
    const event = eventNameOf(call.arguments[0], scope);
    if (event === undefined || !CONSENT_EVENT.test(event)) continue;
    const verdict = new PathJudge(sourceFile, scope, matcher, identifiers).judge(call, 0, new Set());
    out.push({ event, span: { start: call.getStart(sourceFile), end: call.getEnd() }, accept: verdict.accept, path: verdict.path });
  }
  return out;
}

class PathJudge {
  constructor(
    private readonly sourceFile: ts.SourceFile,
    private readonly scope: ScopeResolver,
    private readonly matcher: ConsentMatcher | undefined,
    private readonly identifiers: Map<string, ts.Identifier[]>,
  ) {}

  /** Walks up from `start`: what makes the code there run? */
  judge(start: ts.Node, depth: number, visited: Set<ts.Node>): Verdict {
    let passive: string | undefined;
    let child: ts.Node = start;
    for (let parent = start.parent; parent; child = parent, parent = parent.parent) {
      // a stored granted choice (or any consent check) on the way: consent was given before
      const condition = ts.isIfStatement(parent) && child === parent.thenStatement ? parent.expression
        : ts.isConditionalExpression(parent) && child === parent.whenTrue ? parent.condition
        : ts.isBinaryExpression(parent) && child === parent.right && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ? parent.left
        : undefined;
      if (condition && (readsStoredGrant(condition) || (this.matcher?.prove(condition, true, this.scope).hits.length ?? 0) > 0)) return { accept: true, path: `behind the stored choice \`${shorten(condition.getText(this.sourceFile))}\`` };
      if (!ts.isFunctionLike(parent)) continue;
      const fn = parent;
      const host = fn.parent;
      // handlers: addEventListener('click' | 'scroll' | 'load', fn), onClick={fn}, setTimeout(fn)
      if (host && ts.isCallExpression(host) && host.arguments.includes(fn as unknown as ts.Expression)) {
        const last = lastName(host.expression);
        if (last === 'addEventListener' && ts.isStringLiteralLike(host.arguments[0])) {
          const type = host.arguments[0].text;
          if (USER_EVENTS.test(type)) return this.control(host.expression, `a ${type} on`);
          if (PASSIVE_EVENTS.test(type)) return { accept: false, path: `in a ${type} listener (scrolling or moving is not consent)` };
          if (PAGE_EVENTS.test(type)) passive ??= `on page ${type}`;
        } else if (last && TIMERS.has(last)) {
          passive ??= `in a ${last} timer`;
        } else if (last && EFFECT_HOOKS.has(last)) {
          passive ??= `in ${last} (runs on page load)`;
        }
        continue;
      }
      if (host && ts.isJsxExpression(host) && ts.isJsxAttribute(host.parent)) {
        const prop = host.parent.name.getText(this.sourceFile);
        if (USER_PROPS.test(prop)) return this.element(host.parent.parent.parent as ts.JsxOpeningLikeElement, prop);
        continue;
      }
      // a named function: by its name, else by every place it is used
      const name = fnName(fn);
      if (!name) continue;
      if (REJECT_WORDS.test(name)) return { accept: false, path: `in \`${name}\`, which speaks of refusing` };
      if (ACCEPT_WORDS.test(name)) return { accept: true, path: `in \`${name}\`, an accept handler` };
      if (depth >= MAX_DEPTH || visited.has(fn)) return { accept: false, path: `in \`${name}\` (call chain too deep or recursive)` };
      visited.add(fn);
      return this.uses(fn, name, depth, visited);
    }
    return { accept: false, path: passive ?? 'on page load, without a stored choice' };
  }

  /** Every use of a named function must be on an accept path. */
  private uses(fn: ts.SignatureDeclaration, name: string, depth: number, visited: Set<ts.Node>): Verdict {
    const declaration = ts.isFunctionDeclaration(fn) ? fn : fn.parent;
    const refs = (this.identifiers.get(name) ?? []).filter((id) => {
      if (id.parent === declaration || isUnsubscribeArgument(id)) return false;
      const binding = this.scope.resolve(name, id);
      return binding !== undefined && (binding.node === declaration || binding.node === fn);
    });
    if (refs.length === 0) return { accept: false, path: `in \`${name}\`, which is not called in this file` };
    let first: Verdict | undefined;
    for (const ref of refs) {
      let verdict: Verdict;
      const attr = ref.parent && ts.isJsxExpression(ref.parent) && ts.isJsxAttribute(ref.parent.parent) ? ref.parent.parent : undefined;
      if (attr && USER_PROPS.test(attr.name.getText(this.sourceFile))) verdict = this.element(attr.parent.parent as ts.JsxOpeningLikeElement, attr.name.getText(this.sourceFile));
      else if (ts.isCallExpression(ref.parent) && ref.parent.arguments[1] === ref && ts.isStringLiteralLike(ref.parent.arguments[0]) && lastName(ref.parent.expression) === 'addEventListener') {
        const type = ref.parent.arguments[0].text;
        verdict = USER_EVENTS.test(type) ? this.control(ref.parent.expression, `a ${type} on`) : { accept: false, path: `in a ${type} listener` };
      } else verdict = this.judge(ref, depth + 1, visited);
      if (!verdict.accept) return { accept: false, path: `\`${name}\` is used ${verdict.path}` };
      first ??= verdict;
    }
    return { accept: true, path: `\`${name}\` is only used ${first!.path}` };
  }

  /** `acceptButton.addEventListener('click', …)`, `document.getElementById('cookie-accept').addEventListener(…)`. */
  control(callee: ts.Expression, how: string): Verdict {
    const receiver = ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
    let text = receiver ? receiver.getText(this.sourceFile) : '';
    // const acceptBtn = document.querySelector('#accept'): the initializer names the control too
    const root = receiver && ts.isIdentifier(skipOuter(receiver)) ? this.scope.resolve((skipOuter(receiver) as ts.Identifier).text, receiver) : undefined;
    if (root?.kind === 'variable' && root.declaration.initializer) text += ` ${root.declaration.initializer.getText(this.sourceFile)}`;
    return verdictOf(text, `${how} \`${shorten(receiver?.getText(this.sourceFile) ?? 'the page')}\``);
  }

  /** `<button onClick={…}>Accept all</button>`: the element's text, id, class and aria-label. */
  element(opening: ts.JsxOpeningLikeElement, prop: string): Verdict {
    const element = ts.isJsxOpeningElement(opening) ? opening.parent : opening;
    // handlers are code, not the control's label
    const words = jsxElementWords(element, this.sourceFile, (name) => !/^on[A-Z]/.test(name));
    const tag = opening.tagName.getText(this.sourceFile);
    const label = words.filter(Boolean).join(' ');
    return verdictOf(label, `${prop} of \`<${tag}>${shorten(label)}\``);
  }
}

const STORAGE_READS = new Set(['getItem', 'get', 'getCookie', 'getJSON', 'read']);
const CONSENT_KEY = /consent|cookie|gdpr|privacy|tracking/i;
const GRANTED_VALUE = /^"?(granted|accepted?|allow(ed)?|all|true|yes|1|opt-?in)"?$/i;

/**
 * A condition that reads a stored choice and compares it with a granted value:
 * `localStorage.getItem('site-consent') === 'granted'`, `Cookies.get('cookie_consent')?.includes('"accepted"')`,
 * `document.cookie.includes('consent=all')`.
 */
function readsStoredGrant(condition: ts.Expression): boolean {
  let reads = false;
  let granted = false;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const last = lastName(node.expression);
      const key = node.arguments[0];
      if (last && STORAGE_READS.has(last) && key && ts.isStringLiteralLike(key) && CONSENT_KEY.test(key.text)) reads = true;
    } else if (ts.isPropertyAccessExpression(node) && node.name.text === 'cookie' && ts.isIdentifier(node.expression) && node.expression.text === 'document') {
      reads = true;
    } else if (ts.isStringLiteralLike(node)) {
      const value = node.text.includes('=') ? node.text.split('=').pop()! : node.text;
      if (GRANTED_VALUE.test(value.trim()) && (!node.text.includes('=') || CONSENT_KEY.test(node.text))) granted = true;
    } else if (node.kind === ts.SyntaxKind.TrueKeyword) granted = true;
    ts.forEachChild(node, visit);
  };
  visit(condition);
  return reads && granted;
}

/** True when a control's words say it accepts (and do not say it refuses or closes). */
export function controlVerdict(text: string): boolean {
  return verdictOf(text, '').accept;
}

function verdictOf(text: string, where: string): Verdict {
  if (REJECT_WORDS.test(text)) return { accept: false, path: `${where}, a control that refuses or closes` };
  if (ACCEPT_WORDS.test(text)) return { accept: true, path: `${where}, an accept control` };
  return { accept: false, path: `${where}, a control that does not say it accepts` };
}

/** The called name: `x.y.addEventListener` → `addEventListener`, whatever the receiver (`document.querySelector(…).on`). */
function lastName(callee: ts.Expression): string | undefined {
  const e = skipOuter(callee);
  return ts.isPropertyAccessExpression(e) ? e.name.text : ts.isIdentifier(e) ? e.text : undefined;
}

function fnName(fn: ts.SignatureDeclaration): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const parent = fn.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}

function shorten(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}
