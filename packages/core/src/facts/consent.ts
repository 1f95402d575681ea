/**
 * Recognises consent checks in conditions: which purposes does `cond` being truthy (or
 * falsy) prove the visitor agreed to? Knows the CMP APIs of the consent catalogue, the
 * team's own consent functions and hooks from config, and, at medium confidence,
 * flags recognised by name (`const consent = …`).
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import type { ConsentApiEntry, ConsentCategory, ConsentCheckShape } from '../knowledge/types';
import type { ConsentFunctionDecl, ResolvedConsentConfig } from '../config/types';
import { derived } from '../knowledge/catalogues';
import type { GuardEvidence } from './types';
import type { ScopeResolver } from './scope';

export type Grant = ConsentCategory | 'any';

/** One recognised check inside a condition. */
interface CheckHit {
  grants: Grant[];
  node: ts.Node;
  confidence: 'high' | 'medium';
  origin: string;
}

/** The evaluation of a condition: what it proves when it has the asked truth value. */
export interface ConditionProof {
  grants: Set<Grant>;
  hits: CheckHit[];
}

/** The consent vocabulary (`knowledge/consent-vocabulary.json` + `knowledge.consentVocabulary`), indexed. */
const vocabularyIndex = derived(({ consentVocabulary: vocabulary }) => {
  const categoryByWord = new Map<string, ConsentCategory>();
  for (const [category, words] of Object.entries(vocabulary.categoryWords)) {
    for (const word of words) categoryByWord.set(normalise(word), category as ConsentCategory);
  }
  return { categoryByWord, consentWords: vocabulary.consentStateWords.map(normalise), grantedValues: new Set(vocabulary.grantedValues.map(normalise)) };
});

function normalise(word: string): string {
  return word.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Maps a purpose name (`statistics`, `ads`, `C0002` via a map) to a category. */
export function categoryFromName(name: string, map?: Record<string, ConsentCategory>): ConsentCategory | undefined {
  if (map) {
    if (name in map) return map[name];
    const lowered = Object.keys(map).find((key) => key.toLowerCase() === name.toLowerCase());
    if (lowered) return map[lowered];
  }
  return vocabularyIndex().categoryByWord.get(normalise(name));
}

/** Category words inside an identifier (`analyticsConsent` → measurement). */
function categoriesInIdentifier(name: string): ConsentCategory[] {
  const parts = name.split(/(?=[A-Z])|[_\-.\s]+/).map(normalise).filter(Boolean);
  const found = new Set<ConsentCategory>();
  const { categoryByWord } = vocabularyIndex();
  for (const part of parts) {
    const category = categoryByWord.get(part);
    if (category && part !== 'tracking') found.add(category);
  }
  return [...found];
}

/** Calls that change or ask for consent rather than read it. */
const VERB = /^(set|update|save|store|record|request|show|open|revoke|withdraw|clear|reset|init|load)/i;

/** True when an identifier names consent state (`consent`, `hasConsent`, `cookiesAccepted`). */
function namesConsent(name: string): boolean {
  const n = normalise(name);
  return vocabularyIndex().consentWords.some((word) => n.includes(word));
}

/** `window.Cookiebot.consent.statistics` → ['Cookiebot','consent','statistics']; undefined when not a plain path. */
export function pathOf(expression: ts.Expression): string[] | undefined {
  const parts: string[] = [];
  let e: ts.Expression = expression;
  for (;;) {
    e = skipOuter(e);
    if (ts.isIdentifier(e)) {
      parts.unshift(e.text);
      break;
    }
    if (ts.isPropertyAccessExpression(e)) {
      parts.unshift(e.name.text);
      e = e.expression;
    } else if (ts.isElementAccessExpression(e) && (ts.isStringLiteralLike(e.argumentExpression) || ts.isNumericLiteral(e.argumentExpression))) {
      // tcData.purpose.consents[1], Cookiebot.consent['marketing']
      parts.unshift(e.argumentExpression.text);
      e = e.expression;
    } else if (e.kind === ts.SyntaxKind.ThisKeyword) {
      parts.unshift('this');
      break;
    } else {
      return undefined;
    }
  }
  if (parts.length > 1 && (parts[0] === 'window' || parts[0] === 'globalThis' || parts[0] === 'self')) parts.shift();
  return parts;
}

/** `klaro.getManager().getConsent` → `klaro.getManager().getConsent` (call segments kept as `()`), for catalogue paths with calls. */
export function callPath(expression: ts.Expression): string | undefined {
  const e = skipOuter(expression);
  if (ts.isIdentifier(e)) return e.text.replace(/^(window|globalThis|self)$/, '');
  if (ts.isPropertyAccessExpression(e)) {
    const left = callPath(e.expression);
    return left === undefined ? undefined : left ? `${left}.${e.name.text}` : e.name.text;
  }
  if (ts.isCallExpression(e)) {
    const left = callPath(e.expression);
    return left ? `${left}()` : undefined;
  }
  return undefined;
}

/** The identifier at the root of a property path, if any (`a` in `a.b.c`). */
export function rootIdentifier(expression: ts.Expression): ts.Identifier | undefined {
  let e: ts.Expression = skipOuter(expression);
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e)) e = skipOuter(e.expression);
  return ts.isIdentifier(e) ? e : undefined;
}

/** Strips parentheses, `!` non-null, type assertions and `satisfies`. */
export function skipOuter(e: ts.Expression): ts.Expression {
  // by kind (it runs on nearly every expression the passes look at)
  for (let k = e.kind; k === PARENTHESIZED || k === NON_NULL || k === AS || k === TYPE_ASSERTION || k === SATISFIES; k = e.kind) {
    e = (e as ts.ParenthesizedExpression | ts.NonNullExpression | ts.AsExpression | ts.TypeAssertion | ts.SatisfiesExpression).expression;
  }
  return e;
}
const PARENTHESIZED = ts.SyntaxKind.ParenthesizedExpression;
const NON_NULL = ts.SyntaxKind.NonNullExpression;
const AS = ts.SyntaxKind.AsExpression;
const TYPE_ASSERTION = ts.SyntaxKind.TypeAssertionExpression;
const SATISFIES = ts.SyntaxKind.SatisfiesExpression;

/**
 * The expression a derived value stands for: Vue/Angular `computed(() => expr)`, React
 * `useMemo(() => expr, deps)`, Svelte `$derived(expr)` / `$derived.by(() => expr)`; a function
 * body counts only when it is one `return`. Undefined for anything else.
 */
function isDerivedRune(init: ts.Expression): boolean {
  const call = skipOuter(init);
  if (!ts.isCallExpression(call)) return false;
  const callee = call.expression;
  return (ts.isIdentifier(callee) && callee.text === '$derived') || (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === '$derived' && callee.name.text === 'by');
}

function derivedValue(init: ts.Expression): ts.Expression | undefined {
  const call = skipOuter(init);
  if (!ts.isCallExpression(call) || call.arguments.length === 0) return undefined;
  const callee = call.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? `${callee.expression.text}.${callee.name.text}` : '';
  const arg = skipOuter(call.arguments[0]);
  if (name === '$derived') return arg;
  if (name !== 'computed' && name !== 'useMemo' && name !== '$derived.by') return undefined;
  if (!ts.isArrowFunction(arg) && !ts.isFunctionExpression(arg)) return undefined;
  if (!ts.isBlock(arg.body)) return arg.body;
  const [only] = arg.body.statements;
  return arg.body.statements.length === 1 && ts.isReturnStatement(only) && only.expression ? only.expression : undefined;
}

/** `const consentCookieName = 'CookieConsent'` read through its name: the string (a `const` with a literal only). */
function constString(arg: ts.Expression | undefined, scope: ScopeResolver): string | undefined {
  if (!arg || !ts.isIdentifier(arg)) return undefined;
  const binding = scope.resolve(arg.text, arg);
  const init = binding?.kind === 'variable' && binding.isConst && !binding.propertyPath ? binding.declaration.initializer : undefined;
  return init && ts.isStringLiteralLike(init) ? init.text : undefined;
}

function stringArg(call: ts.CallExpression, index = 0): string | undefined {
  const arg = call.arguments[index];
  return arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
}

/** Catalogue check paths rooted in a callback's data parameter rather than a global (`tcData.purpose.consents`). */
const PARAMETER_ROOT = /^tcData\./;

interface CheckEntry {
  shape: ConsentCheckShape;
  api: ConsentApiEntry;
}

/** Consent-check recogniser for one consent configuration (build once, reuse per file). */
export class ConsentMatcher {
  private readonly checks = new Map<string, CheckEntry[]>();
  private readonly functions = new Map<string, ConsentFunctionDecl>();
  private readonly hooks = new Map<string, { decl: ConsentFunctionDecl; checkMethod?: string; map?: Record<string, ConsentCategory>; origin: string }>();
  readonly componentNames = new Map<string, ConsentFunctionDecl>();

  /** Checks on a callback's data parameter (`tcData.…`), keyed by the path after the parameter. */
  private readonly parameterChecks = new Map<string, CheckEntry[]>();

  constructor(readonly apis: readonly ConsentApiEntry[], readonly config: ResolvedConsentConfig) {
    for (const api of apis) {
      for (const shape of api.checks) {
        if (PARAMETER_ROOT.test(shape.path)) {
          const rest = shape.path.split('.').slice(1).join('.');
          const list = this.parameterChecks.get(rest) ?? [];
          list.push({ shape, api });
          this.parameterChecks.set(rest, list);
        }
        const key = stripGlobal(shape.path);
        const list = this.checks.get(key) ?? [];
        list.push({ shape, api });
        this.checks.set(key, list);
      }
      for (const hook of api.hooks ?? []) {
        this.hooks.set(hook.name, { decl: { name: hook.name, category: 'fromArg' }, checkMethod: hook.checkMethod, map: api.categoryMap, origin: api.id });
      }
    }
    for (const fn of config.functions) this.functions.set(stripGlobal(fn.name), fn);
    for (const hook of config.hooks) this.hooks.set(hook.name, { decl: hook, map: hook.categoryMap, origin: 'config' });
    for (const component of config.components) this.componentNames.set(component.name, component);
  }

  /** What `expression` proves about consent when it evaluates to `truthy`. */
  prove(expression: ts.Expression, truthy: boolean, scope: ScopeResolver, depth = 0): ConditionProof {
    const e = skipOuter(expression);
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
      return this.prove(e.operand, !truthy, scope, depth);
    }
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      const isAnd = op === ts.SyntaxKind.AmpersandAmpersandToken;
      const isOr = op === ts.SyntaxKind.BarBarToken;
      if (isAnd || isOr) {
        const left = this.prove(e.left, truthy, scope, depth);
        const right = this.prove(e.right, truthy, scope, depth);
        // a && b true ⇒ both true (union); a || b false ⇒ both false (union); otherwise only what both prove.
        return (isAnd && truthy) || (isOr && !truthy) ? union(left, right) : intersection(left, right);
      }
      // `Cookiebot?.consent?.marketing ?? false`: truthy only through the left side.
      if (op === ts.SyntaxKind.QuestionQuestionToken && truthy && isFalsyLiteral(e.right)) return this.prove(e.left, true, scope, depth);
      const comparison = this.proveComparison(e, truthy, scope, depth);
      if (comparison) return comparison;
      return empty();
    }
    if (!truthy) return empty();
    const found = this.recognise(e, scope, depth) ?? storageMention(e);
    return found ? { grants: new Set(found.grants), hits: [found] } : empty();
  }

  /** `x === true`, `x === 'granted'`, `groups.indexOf('C0004') > -1`, `x !== false`. */
  private proveComparison(e: ts.BinaryExpression, truthy: boolean, scope: ScopeResolver, depth: number): ConditionProof | undefined {
    const op = e.operatorToken.kind;
    const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
    const notEqual = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    if (equal || notEqual) {
      for (const [subject, other] of [[e.left, e.right], [e.right, e.left]] as const) {
        const value = literalValue(other);
        if (value === undefined) continue;
        const index = this.indexOfCheck(subject, scope, depth);
        if (index && typeof value === 'number' && value === -1) {
          // groups.indexOf('C0004') !== -1
          return (notEqual === truthy) ? { grants: new Set(index.grants), hits: [index] } : empty();
        }
        const positive = value === true || (typeof value === 'string' && vocabularyIndex().grantedValues.has(normalise(value)));
        // "x === 'granted'" true, or "x !== 'granted'" false ⇒ granted. "x !== false" proves nothing:
        // undefined (no decision yet) is not consent.
        // `consent !== false` (a Klaro callback's boolean): usually consent, but undefined passes
        // too, so it only counts at medium confidence.
        if (value === false && notEqual === truthy) {
          const weak = this.recognise(subject, scope, depth);
          if (weak) return { grants: new Set(weak.grants), hits: [{ ...weak, confidence: 'medium' }] };
        }
        if (positive && equal === truthy) {
          const hit = this.recognise(subject, scope, depth);
          if (hit) return { grants: new Set(hit.grants), hits: [hit] };
        }
        return empty();
      }
    }
    if (op === ts.SyntaxKind.GreaterThanToken || op === ts.SyntaxKind.GreaterThanEqualsToken) {
      const index = this.indexOfCheck(e.left, scope, depth);
      const value = literalValue(e.right);
      if (index && typeof value === 'number' && truthy && (value === -1 || (value === 0 && op === ts.SyntaxKind.GreaterThanEqualsToken))) {
        return { grants: new Set(index.grants), hits: [index] };
      }
    }
    return undefined;
  }

  /** `OnetrustActiveGroups.indexOf('C0004')` as a containment check. */
  private indexOfCheck(expression: ts.Expression, scope: ScopeResolver, depth: number): CheckHit | undefined {
    const e = skipOuter(expression);
    if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || e.expression.name.text !== 'indexOf') return undefined;
    return this.containment(e.expression.expression, stringArg(e), e, scope, depth);
  }

  /** Recognises one check (a property read or call) and returns what its truthiness grants. */
  recognise(expression: ts.Expression, scope: ScopeResolver, depth = 0): CheckHit | undefined {
    const e = skipOuter(expression);
    if (ts.isCallExpression(e)) return this.recogniseCall(e, scope, depth);
    const path = pathOf(e);
    if (!path) return this.resultProperty(e, scope);
    // Catalogue property checks: exact path, or fromProperty prefix (`Cookiebot.consent` + `.statistics`).
    const joined = path.join('.');
    for (const entry of this.checks.get(joined) ?? []) {
      if (entry.shape.call || entry.shape.contains) continue;
      if (entry.shape.category === 'fromProperty' || entry.shape.category === 'fromArg') continue;
      if (!this.fromExpectedSource(entry.shape, path[0], e, scope)) continue;
      return hit(e, [entry.shape.category], 'high', entry.api.id);
    }
    if (path.length >= 2) {
      const prefix = path.slice(0, -1).join('.');
      // A callback parameter stands for the CMP's data object whatever its name:
      // `(data) => data.purpose.consents[1]` is the catalogue's `tcData.purpose.consents`.
      const viaParameter = scope.resolve(path[0], e)?.kind === 'parameter' ? this.parameterChecks.get(path.slice(1, -1).join('.')) ?? [] : [];
      for (const entry of [...(this.checks.get(prefix) ?? []), ...viaParameter]) {
        if (entry.shape.category !== 'fromProperty' || entry.shape.call) continue;
        if (!this.fromExpectedSource(entry.shape, path[0], e, scope)) continue;
        const name = path[path.length - 1];
        if (entry.api.generalConsentNames?.includes(name)) return hit(e, ['any'], 'high', entry.api.id);
        const category = categoryFromName(name, entry.api.categoryMap);
        if (category) return hit(e, [category], 'high', entry.api.id);
      }
    }
    return this.recogniseLocal(e, path, scope, depth);
  }

  /**
   * A category read on the result of a consent tool's call: `getCkyConsent().categories.analytics`,
   * `airgap.getConsent().purposes.Analytics` (catalogue `fromProperty` checks whose path has `()`).
   */
  private resultProperty(e: ts.Expression, scope: ScopeResolver): CheckHit | undefined {
    if (!ts.isPropertyAccessExpression(e)) return undefined;
    const prefix = callPath(e.expression);
    if (!prefix || !prefix.includes('()')) return undefined;
    const root = rootIdentifier(e);
    for (const entry of this.checks.get(prefix) ?? []) {
      if (entry.shape.category !== 'fromProperty' || !root || !this.fromExpectedSource(entry.shape, root.text, e, scope)) continue;
      const category = categoryFromName(e.name.text, entry.api.categoryMap);
      if (category) return hit(e, [category], 'high', entry.api.id);
    }
    return undefined;
  }

  private recogniseCall(call: ts.CallExpression, scope: ScopeResolver, depth: number): CheckHit | undefined {
    const path = pathOf(call.expression);
    if (!path) return undefined;
    const joined = path.join('.');
    // `groups.includes('C0004')` on a catalogue containment check.
    const last = path[path.length - 1];
    if (path.length >= 2 && (last === 'includes' || last === 'contains')) {
      const contained = this.containment((call.expression as ts.PropertyAccessExpression).expression, stringArg(call), call, scope, depth);
      if (contained) return contained;
    }
    for (const entry of [...(this.checks.get(joined) ?? []), ...(this.checks.get(callPath(call.expression) ?? '') ?? [])]) {
      if (!entry.shape.call) continue;
      if (!this.fromExpectedSource(entry.shape, path[0], call, scope)) continue;
      return this.categoryHit(call, entry.shape.category, entry.api.categoryMap, 'high', entry.api.id);
    }
    // Cookies.get('CookieConsent'), getCookie('cookieyes-analytics'), localStorage.getItem(…)
    const stored = storageRead(call, last, constString(call.arguments[0], scope));
    if (stored) return stored;
    const fn = this.functions.get(joined);
    if (fn && !this.isShadowed(path[0], call, scope, true)) {
      return this.categoryHit(call, fn.category ?? 'fromArg', fn.categoryMap, 'high', 'config');
    }
    // `has('measurement')` where `const { has } = useConsentManager()`.
    const root = rootIdentifier(call.expression);
    if (root && depth < 3) {
      const binding = scope.resolve(root.text, call);
      if (binding?.kind === 'variable' && binding.declaration.initializer) {
        const hook = this.hookOf(binding.declaration.initializer);
        if (hook) {
          const method = binding.propertyPath ? binding.propertyPath[binding.propertyPath.length - 1] : path[path.length - 1];
          if (!hook.checkMethod || method === hook.checkMethod) {
            return this.categoryHit(call, 'fromArg', hook.map, 'high', hook.origin);
          }
        }
      }
    }
    // A purpose read through a call on a consent object (Angular signals, getters): `consent.marketing()`.
    if (call.arguments.length === 0 && path.length >= 2 && path.slice(0, -1).some(namesConsent) && !VERB.test(last)) {
      const words = categoriesInIdentifier(last);
      if (words.length) return hit(call, words, 'medium', 'heuristic');
    }
    // Hand-rolled: `hasConsent('ads')`, `consentGiven()`.
    if (namesConsent(last) && !VERB.test(last)) {
      const fromArg = stringArg(call) ? categoryFromName(stringArg(call)!) : undefined;
      const fromName = categoriesInIdentifier(last);
      const grants: Grant[] = fromArg ? [fromArg] : fromName.length ? fromName : ['any'];
      return hit(call, grants, 'medium', 'heuristic');
    }
    return undefined;
  }

  private containment(subject: ts.Expression, value: string | undefined, node: ts.Node, scope: ScopeResolver, _depth: number): CheckHit | undefined {
    if (value === undefined) return undefined;
    const path = pathOf(subject);
    if (!path) return undefined;
    // document.cookie.includes('cookieconsent_status=allow')
    if (path.join('.') === 'document.cookie') return cookieContainment(value, node);
    for (const entry of this.checks.get(path.join('.')) ?? []) {
      if (!entry.shape.contains) continue;
      if (!this.fromExpectedSource(entry.shape, path[0], node, scope)) continue;
      const category = categoryFromName(value.replace(/^,|,$/g, ''), entry.api.categoryMap);
      if (category) return hit(node, [category], 'high', entry.api.id);
    }
    return undefined;
  }

  private categoryHit(call: ts.CallExpression, category: ConsentFunctionDecl['category'] | ConsentCheckShape['category'], map: Record<string, ConsentCategory> | undefined, confidence: 'high' | 'medium', origin: string): CheckHit | undefined {
    if (category === 'fromArg') {
      const arg = stringArg(call);
      if (arg === undefined) return call.arguments.length === 0 ? hit(call, ['any'], confidence, origin) : undefined;
      const mapped = categoryFromName(arg, map);
      return mapped ? hit(call, [mapped], confidence, origin) : hit(call, ['any'], 'medium', origin);
    }
    if (category === 'fromProperty' || category === undefined) return hit(call, ['any'], confidence, origin);
    return hit(call, [category], confidence, origin);
  }

  /** Local names: aliases of checks, hook results, and (medium) flags named like consent. */
  private recogniseLocal(e: ts.Expression, path: string[], scope: ScopeResolver, depth: number): CheckHit | undefined {
    const root = rootIdentifier(e);
    if (root && depth < 3) {
      const binding = scope.resolve(root.text, e);
      // const [ok, setOk] = useState(false), turned on only after consent
      if ((binding?.kind === 'variable' || binding?.kind === 'parameter') && path.length === 1 && scope.stateGrants) {
        const state = scope.stateGrants(binding, root);
        if (state) return hit(e, state.grants, state.confidence, state.origin);
      }
      if (binding?.kind === 'variable' && binding.declaration.initializer) {
        const init = binding.declaration.initializer;
        // const { analytics } = useConsent();  /  const consent = useConsent(); consent.marketing
        const hook = this.hookOf(init);
        if (hook) {
          const property = [...(binding.propertyPath ?? []), ...path.slice(1)].pop();
          const category = property ? categoryFromName(property, hook.map) : undefined;
          return hit(e, [category ?? 'any'], property && !category ? 'medium' : 'high', hook.origin);
        }
        // const ok = Cookiebot.consent.statistics;  if (ok) …  (also a derived value: computed(() => …), useMemo, $derived)
        // (Svelte forbids assigning a `$derived` declared with `let`: it is as constant)
        if (!binding.propertyPath && path.length === 1 && (binding.isConst || isDerivedRune(init))) {
          const aliased = this.prove(derivedValue(init) ?? init, true, scope, depth + 1);
          if (aliased.hits.length) return { ...aliased.hits[0], grants: [...aliased.grants], node: e };
        }
      }
    }
    // A component's prop: judged by the values it receives at its JSX uses in this file.
    if (root && depth < 3 && scope.propValues) {
      const binding = scope.resolve(root.text, e);
      if (binding?.kind === 'parameter') {
        const prop = binding.propertyPath ? binding.propertyPath[binding.propertyPath.length - 1] : path[1];
        const values = prop !== undefined && (binding.propertyPath ? path.length === 1 : path.length === 2) ? scope.propValues(binding, prop) : undefined;
        if (values && values.length > 0) {
          const proofs = values.map((v) => this.prove(v, true, scope, depth + 1));
          const combined = proofs.reduce(intersection);
          if (combined.hits.length > 0) {
            const confidence = combined.hits.every((h) => h.confidence === 'high') ? 'high' : 'medium';
            return hit(e, [...combined.grants], confidence, combined.hits[0].origin);
          }
        }
      }
    }
    // Hand-rolled flag, by name: `consent.marketing`, `analyticsConsent`, `props.hasConsent`.
    const named = path.findIndex(namesConsent);
    if (named >= 0) {
      const words = path.slice(named).flatMap(categoriesInIdentifier);
      return hit(e, words.length ? [...new Set(words)] : ['any'], 'medium', 'heuristic');
    }
    return undefined;
  }

  /** The hook a `useX()` initialiser calls, if it is a known consent hook. */
  private hookOf(init: ts.Expression): { checkMethod?: string; map?: Record<string, ConsentCategory>; origin: string } | undefined {
    const e = skipOuter(init);
    if (!ts.isCallExpression(e)) return undefined;
    const path = pathOf(e.expression);
    return path ? this.hooks.get(path.join('.')) : undefined;
  }

  /** A check declared with `module` must be imported from it; other checks must be the unshadowed global. */
  private fromExpectedSource(shape: ConsentCheckShape, root: string, at: ts.Node, scope: ScopeResolver): boolean {
    const binding = scope.resolve(root, at);
    if (shape.module) return binding?.kind === 'import' && (binding.module === shape.module || binding.module.startsWith(`${shape.module}/`));
    return !binding || binding.kind === 'import' || (binding.kind === 'parameter' && PARAMETER_ROOT.test(shape.path));
  }

  /** A catalogue global (`Cookiebot`) shadowed by a local declaration is not the CMP. */
  private isShadowed(root: string, at: ts.Node, scope: ScopeResolver, allowImports = false): boolean {
    const binding = scope.resolve(root, at);
    if (!binding) return false;
    if (allowImports && (binding.kind === 'import' || binding.kind === 'function')) return false;
    return binding.kind !== 'import';
  }
}

interface StorageKey { name: string; tool: string; category: ConsentCategory | 'any'; granted: string[] }
/** Consent tools' cookies and storage keys (`knowledge/consent-storage.json` + `knowledge.consentStorage`). */
const storageIndex = derived(({ consentStorage: storage }) => ({
  keys: new Map((storage.keys as StorageKey[]).map((k) => [k.name.toLowerCase(), k])),
  readers: new Set(storage.readers),
}));

/** A read of a consent tool's cookie or storage key (catalogue: high; a key named like consent: medium). */
function storageRead(call: ts.CallExpression, method: string, constKey?: string): CheckHit | undefined {
  if (!storageIndex().readers.has(method)) return undefined;
  const key = stringArg(call) ?? constKey;
  if (key === undefined) return undefined;
  const known = storageIndex().keys.get(key.toLowerCase());
  if (known) return hit(call, [known.category], 'high', `storage:${known.tool}`);
  if (namesConsent(key) || /accept/i.test(key) && /cookie|consent|tracking/i.test(key)) {
    const words = categoriesInIdentifier(key);
    return hit(call, words.length ? words : ['any'], 'medium', 'heuristic');
  }
  return undefined;
}

/**
 * A condition that spells out a consent tool's cookie with a granted value somewhere inside
 * (`document.cookie.split(';').filter((c) => c.indexOf('cookieconsent_status=allow') >= 0).length`):
 * medium confidence, the shape around it is not understood.
 */
function storageMention(condition: ts.Expression): CheckHit | undefined {
  let found: CheckHit | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isStringLiteralLike(node) && node.text.includes('=')) {
      // only `name=value` with a value the tool uses for "yes"
      const [name, value] = node.text.replace(/^[;\s]+/, '').split('=');
      const key = storageIndex().keys.get(name.trim().toLowerCase());
      if (key && value !== undefined && key.granted.includes(value.trim())) found = hit(condition, [key.category], 'medium', `storage:${key.tool}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(condition);
  return found;
}

/** `document.cookie.includes('cookieconsent_status=allow')`: the tool's cookie with a granted value. */
const GRANTED_SETTING = /^(true|yes|1|accepted?|allow(ed)?|granted|all|opt-?in)$/i;

function cookieContainment(value: string, node: ts.Node): CheckHit | undefined {
  const [name, setting] = value.split('=');
  const known = storageIndex().keys.get(name.trim().toLowerCase());
  if (!known) {
    // document.cookie.includes('cookieAccepted=true'): a cookie named for consent with a granted value (medium)
    const key = name.trim();
    if (setting === undefined || !GRANTED_SETTING.test(setting.trim())) return undefined;
    if (!namesConsent(key) && !(/accept|allow/i.test(key) && /cookie|consent|tracking|analytics/i.test(key))) return undefined;
    const words = categoriesInIdentifier(key);
    return hit(node, words.length ? words : ['any'], 'medium', 'heuristic');
  }
  if (setting !== undefined && known.granted.length > 0 && !known.granted.includes(setting.trim())) return undefined;
  return hit(node, [known.category], 'high', `storage:${known.tool}`);
}

function hit(node: ts.Node, grants: Grant[], confidence: 'high' | 'medium', origin: string): CheckHit {
  return { node, grants, confidence, origin };
}

function empty(): ConditionProof {
  return { grants: new Set(), hits: [] };
}

function union(a: ConditionProof, b: ConditionProof): ConditionProof {
  return { grants: new Set([...a.grants, ...b.grants]), hits: [...a.hits, ...b.hits] };
}

function intersection(a: ConditionProof, b: ConditionProof): ConditionProof {
  const grants = new Set<Grant>();
  for (const g of a.grants) if (b.grants.has(g) || b.grants.has('any')) grants.add(g);
  for (const g of b.grants) if (a.grants.has('any')) grants.add(g);
  return { grants, hits: grants.size ? [...a.hits, ...b.hits] : [] };
}

function isFalsyLiteral(e: ts.Expression): boolean {
  const x = skipOuter(e);
  return x.kind === ts.SyntaxKind.FalseKeyword || x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === 'undefined') || (ts.isNumericLiteral(x) && x.text === '0') || (ts.isStringLiteralLike(x) && x.text === '');
}

function literalValue(e: ts.Expression): string | number | boolean | null | undefined {
  const x = skipOuter(e);
  if (ts.isStringLiteralLike(x)) return x.text;
  if (ts.isNumericLiteral(x)) return Number(x.text);
  if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(x.operand)) return -Number(x.operand.text);
  if (x.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (x.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (x.kind === ts.SyntaxKind.NullKeyword) return null;
  return undefined;
}

function stripGlobal(path: string): string {
  return path.replace(/^(window|globalThis|self)\./, '');
}

/** Turns a check hit into guard evidence for traces. */
export function evidenceOf(h: CheckHit, form: GuardEvidence['form'], sourceText: string): GuardEvidence {
  const start = h.node.getStart();
  const end = h.node.getEnd();
  const text = sourceText.slice(start, end).replace(/\s+/g, ' ');
  return {
    span: { start, end },
    text: text.length > 60 ? `${text.slice(0, 57)}...` : text,
    grants: h.grants,
    form,
    confidence: h.confidence,
    origin: h.origin,
  };
}
