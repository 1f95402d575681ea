/**
 * The gate search: is every path to a sink dominated by a consent check that grants the
 * sink's category? Walks from the sink up to the top of the file, collecting the checks
 * that enclose it (if/else, early return, &&, ||, ?:, switch, CMP callbacks, consent
 * components), and follows a local function to its call sites when the function body
 * itself is not gated.
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import type { ConsentCategory } from '../knowledge/types';
import type { Knowledge } from '../knowledge';
import { positionAt } from '../text';
import { categoryFromName, ConsentMatcher, evidenceOf, pathOf, skipOuter, type ConditionProof, type Grant } from './consent';
import type { Binding, ScopeResolver } from './scope';
import type { GateResult, GuardEvidence } from './types';
import { acceptControlOf, acceptPathOf, consentEventListened, isAcceptHandlerName, isUnsubscribeArgument } from './consent-events';

const MAX_CALL_DEPTH = 4;
/** The purposes a consent state is tried for (`any` when a gate grants every purpose). */
const STATE_CATEGORIES: ConsentCategory[] = ['measurement', 'marketing', 'functionality', 'experience'];
const GRANTED_CASE = /^(granted|accepted|accept|allow(ed)?|yes|true|all|opt-?in)$/i;
const EFFECT_HOOKS = new Set(['useEffect', 'useLayoutEffect', 'useInsertionEffect', 'onMounted', 'useMount']);

/** Per-file state of the gate search. */
export class GateFinder {
  private identifierIndex: Map<string, ts.Identifier[]> | undefined;

  constructor(
    private readonly sourceFile: ts.SourceFile,
    private readonly lineStarts: number[],
    private readonly matcher: ConsentMatcher,
    private readonly scope: ScopeResolver,
    private readonly knowledge: Knowledge,
    /** Identifiers by name, when the caller's walk already collected them (saves a walk). */
    identifierIndex?: Map<string, ts.Identifier[]>,
    /** HTML inline handlers (`onclick="…"`, masked as `()=>{…}`) on accept controls, by the arrow's start: the control in words. */
    private readonly acceptHandlers?: ReadonlyMap<number, string>,
  ) {
    this.identifierIndex = identifierIndex;
    scope.propValues = (parameter, prop) => this.propValuesOf(parameter, prop);
    scope.stateGrants = (binding, name) => this.stateGrantsOf(binding, name);
  }

  /** Memo of `stateGrantsOf` per state declaration (null: not a consent state, or being judged). */
  private readonly states = new Map<ts.Node, { grants: Grant[]; confidence: 'high' | 'medium'; origin: string } | null>();

  /**
   * React state that starts off (`useState(false)`, `useState()`, `useState(null)`) and is turned on
   * only where consent was given: every call of its setter with anything but `false` is itself
   * gated (a consent tool's callback, an accept control's handler, a consent check). The state then
   * proves what all those gates grant in common.
   */
  private stateGrantsOf(binding: Extract<Binding, { kind: 'variable' | 'parameter' }>, name: ts.Identifier): { grants: Grant[]; confidence: 'high' | 'medium'; origin: string } | undefined {
    if (binding.kind === 'parameter') return this.propStateGrants(binding, name);
    const declaration = binding.declaration;
    if (this.states.has(declaration)) return this.states.get(declaration) ?? undefined;
    if (!ts.isArrayBindingPattern(declaration.name) || !declaration.initializer) return undefined;
    const init = skipOuter(declaration.initializer);
    if (!ts.isCallExpression(init) || !/(^|\.)useState$/.test(init.expression.getText(this.sourceFile))) return undefined;
    const first = init.arguments[0] && skipOuter(init.arguments[0]);
    if (first && first.kind !== ts.SyntaxKind.FalseKeyword && first.kind !== ts.SyntaxKind.NullKeyword && !(ts.isIdentifier(first) && first.text === 'undefined')) return undefined;
    const [value, setterElement] = declaration.name.elements;
    if (!value || ts.isOmittedExpression(value) || !ts.isIdentifier(value.name) || value.name.text !== name.text) return undefined;
    if (!setterElement || ts.isOmittedExpression(setterElement) || !ts.isIdentifier(setterElement.name)) return undefined;
    const setter = setterElement.name;
    this.states.set(declaration, null);
    const calls = (this.identifiers().get(setter.text) ?? []).filter((id) => id !== setter && isValueReference(id) && this.scope.resolve(id.text, id)?.node === declaration);
    const result = this.setterGrants(calls);
    this.states.set(declaration, result ?? null);
    return result;
  }

  /**
   * A component's boolean prop whose paired setter prop (`{ accepted, setAccepted }`, state lifted
   * to the parent) this component calls only where consent was given: the parent's state is not in
   * view, so at medium confidence.
   */
  private propStateGrants(binding: Extract<Binding, { kind: 'parameter' }>, name: ts.Identifier): { grants: Grant[]; confidence: 'high' | 'medium'; origin: string } | undefined {
    const pattern = binding.parameter.name;
    if (!ts.isObjectBindingPattern(pattern) || binding.propertyPath?.length !== 1) return undefined;
    const prop = binding.propertyPath[0];
    const setterName = `set${prop[0].toUpperCase()}${prop.slice(1)}`;
    const element = pattern.elements.find((e) => ts.isIdentifier(e.name) && (e.propertyName ? ts.isIdentifier(e.propertyName) && e.propertyName.text === setterName : e.name.text === setterName));
    if (!element || !ts.isIdentifier(element.name)) return undefined;
    if (this.states.has(element)) return this.states.get(element) ?? undefined;
    this.states.set(element, null);
    const local = element.name;
    const calls = (this.identifiers().get(local.text) ?? []).filter((id) => {
      if (id === local || !isValueReference(id)) return false;
      const b = this.scope.resolve(id.text, id);
      return b?.kind === 'parameter' && b.parameter === binding.parameter && b.propertyPath?.[0] === setterName;
    });
    const found = this.setterGrants(calls);
    const result = found ? { ...found, confidence: 'medium' as const } : undefined;
    this.states.set(element, result ?? null);
    void name;
    return result;
  }

  /** What every call that turns a state on (any argument but `false`) is gated by, in common; undefined when one is not. */
  private setterGrants(calls: readonly ts.Identifier[]): { grants: Grant[]; confidence: 'high' | 'medium'; origin: string } | undefined {
    let common: Set<Grant> | undefined;
    let confidence: 'high' | 'medium' = 'high';
    let origin = 'state';
    for (const id of calls) {
      const call = id.parent;
      // handed on (`onAccept={setOk}`): the receiver decides, not followed
      if (!ts.isCallExpression(call) || call.expression !== id) return undefined;
      const arg = call.arguments[0] && skipOuter(call.arguments[0]);
      if (arg && arg.kind === ts.SyntaxKind.FalseKeyword) continue;
      const granted = new Set<Grant>();
      for (const category of STATE_CATEGORIES) {
        const gate: GateResult = { gated: false, seen: [], trace: [] };
        this.walk(call, category, gate, 1, new Set());
        if (!gate.gated || !gate.by) continue;
        for (const g of gate.by.grants) granted.add(g);
        if (gate.by.confidence === 'medium') confidence = 'medium';
        origin = gate.by.origin ?? origin;
        if (granted.has('any')) break;
      }
      if (granted.size === 0) return undefined;
      common = common ? new Set([...common].filter((g) => granted.has(g) || granted.has('any')).concat(common.has('any') ? [...granted] : [])) : granted;
    }
    if (!common || common.size === 0) return undefined;
    return { grants: [...common], confidence, origin };
  }

  /**
   * The expressions passed as `prop` at every JSX use of the component that declares
   * `parameter` as its props, or undefined when any use is unknown (exported, spread, missing).
   */
  private propValuesOf(parameter: Extract<Binding, { kind: 'parameter' }>, prop: string): ts.Expression[] | undefined {
    const fn = parameter.parameter.parent;
    if (!ts.isFunctionLike(fn) || fn.parameters[0] !== parameter.parameter) return undefined;
    const name = functionName(fn as ts.SignatureDeclaration);
    if (!name || exportNamesOf(fn as ts.SignatureDeclaration, name, this.sourceFile).length > 0) return undefined;
    const values: ts.Expression[] = [];
    for (const id of this.identifiers().get(name) ?? []) {
      const element = id.parent;
      if (!(ts.isJsxOpeningElement(element) || ts.isJsxSelfClosingElement(element)) || element.tagName !== id) continue;
      let value: ts.Expression | undefined;
      for (const attribute of element.attributes.properties) {
        if (ts.isJsxSpreadAttribute(attribute)) return undefined;
        if (ts.isIdentifier(attribute.name) && attribute.name.text === prop) {
          const init = attribute.initializer;
          value = init && ts.isJsxExpression(init) && init.expression ? init.expression : undefined;
        }
      }
      if (!value) return undefined;
      values.push(value);
    }
    return values.length > 0 ? values : undefined;
  }

  /** Proofs per condition and truth value: sinks sharing an enclosing check evaluate it once. */
  private readonly proofs = [new Map<ts.Expression, ConditionProof>(), new Map<ts.Expression, ConditionProof>()];

  private prove(expression: ts.Expression, truthy: boolean): ConditionProof {
    const cache = this.proofs[truthy ? 1 : 0];
    let proof = cache.get(expression);
    if (!proof) cache.set(expression, (proof = this.matcher.prove(expression, truthy, this.scope)));
    return proof;
  }

  /** Searches the gate of `node` for a sink needing `category`. */
  find(node: ts.Node, category: ConsentCategory): GateResult {
    const result: GateResult = { gated: false, seen: [], trace: [] };
    this.optionalCallExistence(node, result);
    this.walk(node, category, result, 0, new Set());
    if (!result.gated && result.trace.length === 0) {
      result.trace.push('No consent check encloses this code on the way to the top of the file.');
    }
    return result;
  }

  private line(offset: number): number {
    return positionAt(this.lineStarts, offset).line;
  }

  /**
   * How many times a search met a check whose answer depends on the category asked for (a
   * proof with hits, a function handed to a consent tool). When a search leaves it unchanged,
   * the search would have gone the same way and said the same for every other category.
   */
  private categoryDecisionCount = 0;

  get categoryDecisions(): number {
    return this.categoryDecisionCount;
  }

  /** Records a proof; returns true when it gates the category. */
  private accept(proof: ConditionProof, form: GuardEvidence['form'], category: ConsentCategory, result: GateResult): boolean {
    if (proof.hits.length === 0) return false;
    this.categoryDecisionCount++;
    const evidence = evidenceOf({ ...proof.hits[0], grants: [...proof.grants] }, form, this.sourceFile.text);
    if (proof.grants.has('any') || proof.grants.has(category)) {
      result.gated = true;
      result.by = evidence;
      result.trace.push(`Gated by \`${evidence.text}\` (${describeForm(form)}, line ${this.line(evidence.span.start)}).`);
      return true;
    }
    result.seen.push(evidence);
    result.trace.push(
      `Found \`${evidence.text}\` on line ${this.line(evidence.span.start)}, but it checks ${describeGrants(evidence.grants)} consent and this needs ${category} consent.`,
    );
    return false;
  }

  private walk(start: ts.Node, category: ConsentCategory, result: GateResult, depth: number, visited: Set<ts.Node>): void {
    let child: ts.Node = start;
    for (let parent = start.parent; parent; child = parent, parent = parent.parent) {
      if (this.stepGates(child, parent, category, result)) return;
      if (ts.isFunctionLike(parent)) {
        const verdict = this.throughFunction(parent, category, result, depth, visited);
        if (verdict !== 'continue') return;
      }
    }
  }

  /** Checks the one step child → parent for an enclosing consent check. */
  private stepGates(child: ts.Node, parent: ts.Node, category: ConsentCategory, result: GateResult): boolean {
    const prove = (e: ts.Expression, truthy: boolean) => {
      this.noteExistence(e, truthy, result);
      return this.proveWithCallbacks(e, truthy);
    };
    if (ts.isIfStatement(parent)) {
      if (child === parent.thenStatement) return this.accept(prove(parent.expression, true), 'if', category, result);
      if (child === parent.elseStatement) return this.accept(prove(parent.expression, false), 'else', category, result);
      return false;
    }
    if (ts.isConditionalExpression(parent)) {
      if (child === parent.whenTrue) return this.accept(prove(parent.condition, true), 'ternary', category, result);
      if (child === parent.whenFalse) return this.accept(prove(parent.condition, false), 'ternary', category, result);
      return false;
    }
    if (ts.isBinaryExpression(parent) && child === parent.right) {
      const op = parent.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) return this.accept(prove(parent.left, true), 'and', category, result);
      if (op === ts.SyntaxKind.BarBarToken) return this.accept(prove(parent.left, false), 'or', category, result);
      return false;
    }
    if (ts.isCaseClause(parent) && parent.statements.includes(child as ts.Statement)) {
      if (this.caseGates(parent, category, result)) return true;
    }
    if ((ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isModuleBlock(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) && 'statements' in parent) {
      return this.earlyExitGates(parent.statements as ts.NodeArray<ts.Statement>, child, category, result);
    }
    if (ts.isJsxElement(parent) && child !== parent.openingElement) {
      return this.consentComponentGates(parent.openingElement, category, result);
    }
    return false;
  }

  /** A consent-check proof, or else a test of a consent tool callback's category parameter, or of a stored choice. */
  private proveWithCallbacks(expression: ts.Expression, truthy: boolean): ConditionProof {
    const proof = this.prove(expression, truthy);
    if (proof.hits.length > 0) return proof;
    return this.parameterProof(expression, truthy) ?? this.storedChoiceProof(expression, truthy) ?? proof;
  }

  /**
   * `readCookie('cookie-notice-option') == 'true'`, `getCookie('cc_status') === 'allow'`: a stored
   * value whose key does not say consent, judged by its use. The same file writes it
   * (`createCookie('k', 'true')`, `localStorage.setItem('k', …)`, `document.cookie = 'k=…'`) and every
   * write of the compared value sits on an accept path (the banner's accept click, an accept
   * handler): then reading it back proves the visitor accepted. Medium confidence.
   */
  private storedChoiceProof(expression: ts.Expression, truthy: boolean): ConditionProof | undefined {
    const e = skipOuter(expression);
    let read: ts.CallExpression | undefined;
    let value: string | undefined;
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
      const notEqual = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
      if (!(equal && truthy) && !(notEqual && !truthy)) return undefined;
      const [left, right] = [skipOuter(e.left), skipOuter(e.right)];
      read = storeRead(left) ?? storeRead(right);
      const other = storeRead(left) ? right : left;
      value = ts.isStringLiteralLike(other) || ts.isNumericLiteral(other) ? other.text : other.kind === ts.SyntaxKind.TrueKeyword ? 'true' : undefined;
      if (value === undefined) return undefined;
    } else if (truthy && ts.isCallExpression(e)) {
      read = storeRead(e);
    }
    if (!read) return undefined;
    const key = (read.arguments[0] as ts.StringLiteralLike).text;
    const writes = this.storedWrites(key);
    if (writes.length === 0) return undefined;
    const matching = writes.filter((w) => value === undefined || w.value === undefined || w.value === value);
    if (matching.length === 0 || !matching.every((w) => w.accept.accept)) return undefined;
    const grants: Grant[] = ['any'];
    return { grants: new Set(grants), hits: [{ node: e, grants, confidence: 'medium', origin: 'stored-choice' }] };
  }

  /** Memo of the writes of a stored key in this file. */
  private readonly writesByKey = new Map<string, { value?: string; accept: { accept: boolean; path: string } }[]>();

  /** Writes of the stored key `key` in this file, each with its value (when literal) and what makes it run. */
  private storedWrites(key: string): { value?: string; accept: { accept: boolean; path: string } }[] {
    const known = this.writesByKey.get(key);
    if (known) return known;
    const out: { value?: string; accept: { accept: boolean; path: string } }[] = [];
    this.writesByKey.set(key, out);
    const text = this.sourceFile.text;
    for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + key.length)) {
      const node = tokenAt(this.sourceFile, at);
      if (!node || !ts.isStringLiteralLike(node)) continue;
      const parent = node.parent;
      // createCookie('k', 'true', 31), Cookies.set('k', 'allow'), localStorage.setItem('k', '1')
      if (ts.isCallExpression(parent) && parent.arguments[0] === node && node.text === key && WRITE_CALL.test(calleeLast(parent.expression) ?? '')) {
        const v = parent.arguments[1] && skipOuter(parent.arguments[1]);
        const value = v && (ts.isStringLiteralLike(v) || ts.isNumericLiteral(v)) ? v.text : v && (v.kind === ts.SyntaxKind.TrueKeyword || v.kind === ts.SyntaxKind.FalseKeyword) ? v.getText(this.sourceFile) : undefined;
        out.push({ value, accept: acceptPathOf(parent, this.sourceFile, this.scope, this.identifiers()) });
        continue;
      }
      // document.cookie = 'k=true; path=/' (or a template / concatenation starting so)
      const m = new RegExp(`^\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}=([^;]*)`).exec(node.text);
      if (!m) continue;
      let assigned: ts.Node = node;
      while (assigned.parent && (ts.isBinaryExpression(assigned.parent) && assigned.parent.operatorToken.kind === ts.SyntaxKind.PlusToken || ts.isTemplateExpression(assigned.parent) || ts.isParenthesizedExpression(assigned.parent))) assigned = assigned.parent;
      const assignment = assigned.parent;
      if (!assignment || !ts.isBinaryExpression(assignment) || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken || assignment.right !== assigned || pathOf(assignment.left)?.join('.') !== 'document.cookie') continue;
      out.push({ value: m[1].trim() || undefined, accept: acceptPathOf(assignment, this.sourceFile, this.scope, this.identifiers()) });
    }
    return out;
  }

  /**
   * The callback parameter an expression reads (`category`, `change.ANALYTICS`): a parameter of
   * a consent tool callback that runs for every choice (`onAllow(category)`, `onStatusChange`),
   * with the property path read from it and the tool's category map.
   */
  private callbackParameter(expression: ts.Expression): { path: string[]; api: string; map?: Record<string, ConsentCategory> } | undefined {
    const path = pathOf(expression);
    if (!path) return undefined;
    const root = rootOf(expression);
    if (!root) return undefined;
    const binding = this.scope.resolve(root.text, root);
    if (binding?.kind !== 'parameter') return undefined;
    const fn = binding.parameter.parent;
    if (!ts.isFunctionLike(fn) || fn.parameters[0] !== binding.parameter) return undefined;
    const callback = this.cmpCallback(fn as ts.SignatureDeclaration);
    if (!callback || !callback.needsInnerCheck) return undefined;
    return { path: [...(binding.propertyPath ?? []), ...path.slice(1)], api: callback.api, map: this.knowledge.consentApiById(callback.api)?.categoryMap };
  }

  /**
   * `category === 'analytics'`, `category !== 'marketing'` (falsy), `['analytics'].includes(category)`,
   * `categories.includes('analytics')`, `categories.indexOf('analytics') > -1`, `change.ANALYTICS === 'ACCEPT'`,
   * `consents.analytics`, on a consent tool callback's parameter: a purpose-specific gate.
   */
  private parameterProof(expression: ts.Expression, truthy: boolean): ConditionProof | undefined {
    const e = skipOuter(expression);
    const proofOf = (grants: ConsentCategory[], node: ts.Node, api: string): ConditionProof | undefined =>
      grants.length === 0 ? undefined : { grants: new Set<Grant>(grants), hits: [{ node, grants, confidence: 'high', origin: api }] };
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return this.parameterProof(e.operand, !truthy);
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken && truthy) return this.parameterProof(e.left, true) ?? this.parameterProof(e.right, true);
      if (op === ts.SyntaxKind.BarBarToken && !truthy) return this.parameterProof(e.left, false) ?? this.parameterProof(e.right, false);
      const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
      const notEqual = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
      if (equal || notEqual) {
        if (equal !== truthy) return undefined;
        const [left, right] = [skipOuter(e.left), skipOuter(e.right)];
        const param = this.callbackParameter(left) ?? this.callbackParameter(right);
        const other = this.callbackParameter(left) ? right : left;
        if (!param) {
          // categories.indexOf('analytics') > -1 is handled below through the call
          return undefined;
        }
        const value = ts.isStringLiteralLike(other) ? other.text : other.kind === ts.SyntaxKind.TrueKeyword ? 'true' : undefined;
        if (value === undefined) return undefined;
        // category === 'analytics'
        if (param.path.length === 0) {
          const mapped = categoryFromName(value, param.map);
          return mapped ? proofOf([mapped], e, param.api) : undefined;
        }
        // change.ANALYTICS === 'ACCEPT', consents['analytics'] === true
        const mapped = categoryFromName(param.path[param.path.length - 1], param.map);
        return mapped && GRANTED_CASE.test(value) ? proofOf([mapped], e, param.api) : undefined;
      }
      // categories.indexOf('analytics') > -1 / >= 0 / !== -1
      const index = indexOfCall(e);
      if (index && truthy) return this.containsProof(index, proofOf);
      return undefined;
    }
    if (!truthy) return undefined;
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'includes') {
      // ['analytics', 'statistics'].includes(category): every listed word must name the same purpose
      const receiver = skipOuter(e.expression.expression);
      const arg = e.arguments[0] && skipOuter(e.arguments[0]);
      if (ts.isArrayLiteralExpression(receiver) && arg) {
        const param = this.callbackParameter(arg);
        if (!param || param.path.length !== 0) return undefined;
        const mapped = new Set(receiver.elements.map((el) => (ts.isStringLiteralLike(el) ? categoryFromName(el.text, param.map) : undefined)));
        const only = [...mapped][0];
        return mapped.size === 1 && only ? proofOf([only], e, param.api) : undefined;
      }
      return this.containsProof(e, proofOf);
    }
    // consents.analytics (a consent object handed to the callback)
    const param = this.callbackParameter(e);
    if (param && param.path.length > 0 && !ts.isCallExpression(e)) {
      const mapped = categoryFromName(param.path[param.path.length - 1], param.map);
      return mapped ? proofOf([mapped], e, param.api) : undefined;
    }
    return undefined;
  }

  /** `x.includes('analytics')` / `x.indexOf('analytics')` on a callback parameter (`x` = the parameter or a property of it). */
  private containsProof(call: ts.CallExpression, proofOf: (grants: ConsentCategory[], node: ts.Node, api: string) => ConditionProof | undefined): ConditionProof | undefined {
    if (!ts.isPropertyAccessExpression(call.expression)) return undefined;
    const param = this.callbackParameter(call.expression.expression);
    const arg = call.arguments[0] && skipOuter(call.arguments[0]);
    if (!param || !arg || !ts.isStringLiteralLike(arg)) return undefined;
    const mapped = categoryFromName(arg.text, param.map);
    return mapped ? proofOf([mapped], call, param.api) : undefined;
  }

  /** Records the first tracker global whose existence `expression` proves when it is `truthy`. */
  private noteExistence(expression: ts.Expression, truthy: boolean, result: GateResult): void {
    if (result.existence) return;
    const tested = existenceTested(expression, truthy, this.knowledge, this.scope);
    if (tested) result.existence = { global: tested.name, span: { start: tested.node.getStart(this.sourceFile), end: tested.node.getEnd() } };
  }

  /** `window.posthog?.capture(…)`, `window.gtag?.('event', …)`: the optional chain tests the global. */
  private optionalCallExistence(node: ts.Node, result: GateResult): void {
    if (!ts.isCallExpression(node)) return;
    for (let e: ts.Expression = node; ts.isCallExpression(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isNonNullExpression(e); e = e.expression) {
      if ((ts.isCallExpression(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) && e.questionDotToken) this.noteExistence(e.expression, true, result);
    }
  }

  /** `switch (consent) { case 'granted': … }` and `switch (true) { case hasConsent('ads'): … }`. */
  private caseGates(clause: ts.CaseClause, category: ConsentCategory, result: GateResult): boolean {
    const switchStatement = clause.parent.parent;
    const subject = skipOuter(switchStatement.expression);
    if (subject.kind === ts.SyntaxKind.TrueKeyword) {
      return this.accept(this.proveWithCallbacks(clause.expression, true), 'if', category, result);
    }
    // onAllow(category) { switch (category) { case 'analytics': … } }: the consent tool's category parameter
    const label = skipOuter(clause.expression);
    const param = this.callbackParameter(subject);
    if (param && param.path.length === 0 && ts.isStringLiteralLike(label)) {
      const mapped = categoryFromName(label.text, param.map);
      if (mapped) return this.accept({ grants: new Set<Grant>([mapped]), hits: [{ node: clause.expression, grants: [mapped], confidence: 'high', origin: param.api }] }, 'if', category, result);
    }
    // switch (status) { case 'granted': … }: the case proves the subject means "granted".
    const value = skipOuter(clause.expression);
    const granted = value.kind === ts.SyntaxKind.TrueKeyword || (ts.isStringLiteralLike(value) && GRANTED_CASE.test(value.text));
    return granted && this.accept(this.prove(subject, true), 'if', category, result);
  }

  /** `if (!consent) return;` before the statement that leads to the sink. */
  private earlyExitGates(statements: ts.NodeArray<ts.Statement>, child: ts.Node, category: ConsentCategory, result: GateResult): boolean {
    const index = statements.indexOf(child as ts.Statement);
    for (let i = index - 1; i >= 0; i--) {
      const statement = statements[i];
      if (!ts.isIfStatement(statement)) continue;
      const thenExits = alwaysExits(statement.thenStatement);
      if (thenExits && (!statement.elseStatement || !alwaysExits(statement.elseStatement))) {
        this.noteExistence(statement.expression, false, result);
        if (this.accept(this.proveWithCallbacks(statement.expression, false), 'early-return', category, result)) return true;
      } else if (!thenExits && statement.elseStatement && alwaysExits(statement.elseStatement)) {
        this.noteExistence(statement.expression, true, result);
        if (this.accept(this.proveWithCallbacks(statement.expression, true), 'early-return', category, result)) return true;
      }
    }
    return false;
  }

  /** `<ConsentGate category="marketing">…</ConsentGate>` from the team's config. */
  private consentComponentGates(opening: ts.JsxOpeningElement, category: ConsentCategory, result: GateResult): boolean {
    if (this.matcher.componentNames.size === 0) return false;
    const tag = opening.tagName.getText(this.sourceFile);
    const decl = this.matcher.componentNames.get(tag);
    if (!decl) return false;
    let grants: Grant[] = [decl.category && decl.category !== 'fromArg' ? decl.category : 'any'];
    for (const attribute of opening.attributes.properties) {
      if (!ts.isJsxAttribute(attribute) || !attribute.initializer || !ts.isStringLiteral(attribute.initializer)) continue;
      const name = attribute.name.getText(this.sourceFile);
      if (['category', 'purpose', 'consent', 'type', 'requires'].includes(name)) {
        const mapped = categoryOf(attribute.initializer.text, decl.categoryMap);
        if (mapped) grants = [mapped];
      }
    }
    return this.accept({ grants: new Set(grants), hits: [{ node: opening, grants, confidence: 'high', origin: 'config' }] }, 'component', category, result);
  }

  /**
   * Reached a function boundary. CMP callbacks gate; function expressions continue to
   * their lexical context; named functions are followed to their call sites.
   */
  /**
   * Answers of {@link throughFunction} for searches that start in the file (depth 0, nothing
   * visited yet), per function and category. The answer depends on the function and the category
   * only, so every sink and every imported binding's use inside one function shares it (a
   * component with many tracker calls or imported helpers is followed once); what the search
   * added to its result is kept and added to each asker's result (it only ever adds).
   */
  private readonly functionAnswers = new Map<ts.Node, Map<ConsentCategory, { verdict: 'gated' | 'continue' | 'stop'; delta: GateResult; decisions: number }>>();

  private throughFunction(fn: ts.SignatureDeclaration, category: ConsentCategory, result: GateResult, depth: number, visited: Set<ts.Node>): 'gated' | 'continue' | 'stop' {
    // deeper searches depend on the path that led there (the functions visited): not shared
    if (depth !== 0 || visited.size !== 0) return this.throughFunctionUncached(fn, category, result, depth, visited);
    let byCategory = this.functionAnswers.get(fn);
    let answer = byCategory?.get(category);
    if (!answer) {
      const delta: GateResult = { gated: false, seen: [], trace: [] };
      const before = this.categoryDecisionCount;
      answer = { verdict: this.throughFunctionUncached(fn, category, delta, depth, new Set()), delta, decisions: 0 };
      answer.decisions = this.categoryDecisionCount - before;
      if (!byCategory) this.functionAnswers.set(fn, (byCategory = new Map()));
      byCategory.set(category, answer);
    } else {
      // the answer's checks count for this search as if it had met them again
      this.categoryDecisionCount += answer.decisions;
    }
    const { delta } = answer;
    result.seen.push(...delta.seen);
    result.trace.push(...delta.trace);
    if (delta.gated) result.gated = true;
    if (delta.by) result.by = delta.by;
    if (delta.exportNames) result.exportNames = [...delta.exportNames];
    if (delta.existence) result.existence ??= delta.existence;
    if (delta.consentEvent) result.consentEvent = delta.consentEvent;
    if (delta.ungatedUses) result.ungatedUses = [...delta.ungatedUses];
    if (delta.globalFunction !== undefined) result.globalFunction = delta.globalFunction;
    return answer.verdict;
  }

  private throughFunctionUncached(fn: ts.SignatureDeclaration, category: ConsentCategory, result: GateResult, depth: number, visited: Set<ts.Node>): 'gated' | 'continue' | 'stop' {
    const callback = this.cmpCallback(fn);
    if (callback) {
      if (callback.needsInnerCheck) {
        result.trace.push(`Inside ${callback.label}, which also runs before or without consent, so it needs a check of its own.`);
      } else {
        const grants: Grant[] = [callback.category];
        if (this.accept({ grants: new Set(grants), hits: [{ node: callback.node, grants, confidence: 'high', origin: callback.api }] }, 'callback', category, result)) return 'gated';
      }
    }
    // the click handler of a control that says it accepts (a hand-written banner's accept button)
    const control = callback ? undefined : acceptControlOf(fn, this.sourceFile, this.scope) ?? (this.acceptHandlers && ts.isArrowFunction(fn) ? this.acceptHandlers.get(fn.getStart(this.sourceFile)) : undefined);
    if (control !== undefined) {
      const grants: Grant[] = ['any'];
      if (this.accept({ grants: new Set(grants), hits: [{ node: fn.parent, grants, confidence: 'medium', origin: 'heuristic' }] }, 'callback', category, result)) {
        result.trace.push(`Runs on ${control}.`);
        return 'gated';
      }
    }
    // addEventListener('cookie-consent-accepted', …): the site's own consent event; its dispatches decide (project pass).
    const siteEvent = callback ? undefined : consentEventListened(fn);
    if (siteEvent !== undefined) {
      result.consentEvent = { name: siteEvent, span: { start: fn.parent.getStart(this.sourceFile), end: fn.parent.getEnd() } };
      result.trace.push(`Inside a listener of the site's own \`${siteEvent}\` event (line ${this.line(fn.parent.getStart(this.sourceFile))}): it gates only if every dispatch of the event is on an accept path.`);
      return 'stop';
    }
    const parent = fn.parent;
    // Effects run when their component renders: keep walking into the component body.
    if (ts.isCallExpression(parent) && parent.arguments[0] === fn) {
      const callee = pathOf(parent.expression);
      if (callee && EFFECT_HOOKS.has(callee[callee.length - 1])) return 'continue';
    }
    // A method (class, or an object such as Vue's Options API `methods`): its `this.name` uses decide.
    const method = callbackMethod(fn);
    if (method) {
      const verdict = this.throughMethodUses(fn, method, category, result, depth, visited);
      if (verdict !== 'continue') return verdict;
    }
    const name = functionName(fn);
    if (!name) {
      // export default function () {…} / export default () => {…}
      const names = exportNamesOf(fn, undefined, this.sourceFile);
      if (names.length > 0) {
        result.exportNames = names;
        result.trace.push('The enclosing function is the default export; the callers in other files decide.');
        return 'stop';
      }
    }
    if (ts.isFunctionDeclaration(fn) || name) {
      if (!name || depth >= MAX_CALL_DEPTH || visited.has(fn)) {
        result.trace.push(name ? `Stopped following \`${name}\` (call chain too deep or recursive).` : 'Reached the enclosing function.');
        return 'stop';
      }
      visited.add(fn);
      return this.throughCallSites(fn, name, category, result, depth, visited) ? 'gated' : 'stop';
    }
    return 'continue';
  }

  /**
   * The value references of a name with their bindings, resolved once per name: files repeat
   * handler names (`onClick` in every component), and each function of that name filters the
   * same list by its own binding.
   */
  private readonly valueReferences = new Map<string, { id: ts.Identifier; binding: Binding | undefined }[]>();

  private valueReferencesOf(name: string): { id: ts.Identifier; binding: Binding | undefined }[] {
    let list = this.valueReferences.get(name);
    if (!list) {
      list = (this.identifiers().get(name) ?? []).filter(isValueReference).map((id) => ({ id, binding: this.scope.resolve(name, id) }));
      this.valueReferences.set(name, list);
    }
    return list;
  }

  /** Gated when every reference (call, JSX use, handler value) of the function is gated. */
  private throughCallSites(fn: ts.SignatureDeclaration, name: string, category: ConsentCategory, result: GateResult, depth: number, visited: Set<ts.Node>): boolean {
    const exportNames = exportNamesOf(fn, name, this.sourceFile);
    const declarationNode = ts.isFunctionDeclaration(fn) ? fn : fn.parent;
    const globalTarget = assignedGlobal(fn);
    const ownUse = (id: ts.Identifier) => !(id.parent === declarationNode || (ts.isVariableDeclaration(id.parent) && id.parent.name === id) || isExportReference(id));
    const references = globalTarget
      ? (this.identifiers().get(name) ?? []).filter((id) => {
        if (!ownUse(id)) return false;
        // uses of the global: `startAnalytics()` (undeclared here) or `window.startAnalytics()`
        if (id === globalTarget) return false;
        if (ts.isPropertyAccessExpression(id.parent) && id.parent.name === id) {
          return ts.isIdentifier(id.parent.expression) && ['window', 'globalThis', 'self'].includes(id.parent.expression.text);
        }
        return this.scope.resolve(name, id) === undefined;
      })
      // By binding, never by bare name: `posthog.identify(…)` inside a local `identify` is not a call of it;
      // removeEventListener('x', fn) unsubscribes: it is not a call of fn.
      : this.valueReferencesOf(name)
        .filter(({ id, binding }) => binding !== undefined && (binding.node === declarationNode || binding.node === fn) && ownUse(id) && !isUnsubscribeArgument(id))
        .map(({ id }) => id);
    if (references.length === 0) {
      if (exportNames.length > 0) {
        result.exportNames = exportNames;
        result.trace.push(`\`${name}\` is exported; the callers in other files decide.`);
      } else if (isAcceptHandlerName(name)) {
        // acceptCookies(), called from the banner's markup (onclick="acceptCookies()")
        const grants: Grant[] = ['any'];
        if (this.accept({ grants: new Set(grants), hits: [{ node: fn, grants, confidence: 'medium', origin: 'heuristic' }] }, 'callback', category, result)) {
          result.trace.push(`\`${name}\` is not called in this file and its name says it is the banner's accept handler.`);
          return true;
        }
      } else {
        result.trace.push(`\`${name}\` is not called anywhere in this file.`);
        // a global function of a classic script: the including pages' inline handlers may call it
        const topLevel = ts.isSourceFile(declarationNode.parent) || (ts.isVariableDeclaration(declarationNode) && ts.isSourceFile(declarationNode.parent.parent.parent));
        if (depth === 0 && topLevel && !ts.isExternalModule(this.sourceFile)) result.globalFunction = name;
      }
      return false;
    }
    // Uses inside other exported functions defer to the callers of those (cross-file).
    const deferred = new Set(exportNames);
    let siteEvent: GateResult['consentEvent'];
    // For the sink's own helper (depth 0): every ungated reference, so that a helper called both
    // behind a check and without one is reported where the check is missing.
    const ungated: NonNullable<GateResult['ungatedUses']> = [];
    let gatedUses = 0;
    for (const reference of references) {
      // Handed to the consent tool by name: `<CookieConsent onAccept={start}>`,
      // `addEventListener('CookiebotOnAccept', start)`, `run({ onConsent: load })`.
      const handedOver = this.findCmpCallback(reference);
      if (handedOver) this.categoryDecisionCount++;
      if (handedOver && !handedOver.needsInnerCheck && (handedOver.category === 'any' || handedOver.category === category)) {
        result.trace.push(`\`${name}\` is passed to ${handedOver.label}, which runs it after consent.`);
        gatedUses++;
        continue;
      }
      // addEventListener('consent-accepted', start): the site's own consent event decides (never a consent tool's own event)
      const listened = handedOver ? undefined : consentEventListened(reference);
      if (listened !== undefined) {
        siteEvent ??= { name: listened, span: { start: reference.parent.getStart(this.sourceFile), end: reference.parent.getEnd() } };
        result.trace.push(`\`${name}\` listens to the site's own \`${listened}\` event (line ${this.line(reference.getStart())}).`);
        continue;
      }
      const sub: GateResult = { gated: false, seen: [], trace: [] };
      this.walk(reference, category, sub, depth + 1, visited);
      result.seen.push(...sub.seen);
      if (sub.gated) {
        gatedUses++;
        continue;
      }
      if (sub.consentEvent) {
        siteEvent ??= sub.consentEvent;
        result.trace.push(`\`${name}\` is used on line ${this.line(reference.getStart())} in a listener of the site's own \`${sub.consentEvent.name}\` event.`);
        continue;
      }
      if (sub.exportNames?.length) {
        for (const n of sub.exportNames) deferred.add(n);
        result.trace.push(`\`${name}\` is used on line ${this.line(reference.getStart())} inside an exported function.`, ...sub.trace.map((t) => `  ${t}`));
        continue;
      }
      result.trace.push(`\`${name}\` is used on line ${this.line(reference.getStart())} without a consent check.`, ...sub.trace.map((t) => `  ${t}`));
      if (depth > 0) return false;
      const statement = enclosingStatementOf(reference);
      const call = ts.isCallExpression(reference.parent) && reference.parent.expression === reference;
      ungated.push({
        span: { start: reference.getStart(this.sourceFile), end: call ? reference.parent.getEnd() : reference.getEnd() },
        helper: name,
        call,
        ...(call && statement && ts.isExpressionStatement(statement) && statement.expression === reference.parent ? { statement: { start: statement.getStart(this.sourceFile), end: statement.getEnd() } } : {}),
        trace: sub.trace,
      });
    }
    if (ungated.length > 0) {
      // some paths check consent and these do not: the findings belong where the check is missing
      if (gatedUses > 0) result.ungatedUses = ungated;
      return false;
    }
    if (siteEvent) {
      // every other use is gated: the event's dispatches decide (with the exported uses, if any, left to their callers)
      result.consentEvent = siteEvent;
      return false;
    }
    if (deferred.size > 0) {
      result.exportNames = [...deferred];
      result.trace.push(`Every use of \`${name}\` in this file is gated or inside exported functions; the callers in other files decide.`);
      return false;
    }
    result.gated = true;
    result.by = { span: { start: references[0].getStart(), end: references[0].getEnd() }, text: name, grants: [category], form: 'call-site', confidence: 'high', origin: 'call-sites' };
    result.trace.push(`Every use of \`${name}\` in this file (${references.length}) is behind a consent check.`);
    return true;
  }

  /**
   * A method judged by its uses: `this.name` inside its class or (Vue Options API) inside the
   * component's options object, and, in a component template's module, the template's bare
   * `name` (a handler `@click="name"`). Gated when every use is gated; 'continue' when it has no
   * use here (lifecycle hooks, methods only a separate template calls): the walk goes on as before.
   */
  private throughMethodUses(fn: ts.SignatureDeclaration, method: { name: string; owner: ts.Node }, category: ConsentCategory, result: GateResult, depth: number, visited: Set<ts.Node>): 'gated' | 'continue' | 'stop' {
    const { name, owner } = method;
    const uses: ts.Node[] = [];
    const inTemplateModule = /\.(vue|svelte|astro)\.ts$/.test(this.sourceFile.fileName);
    for (const id of this.identifiers().get(name) ?? []) {
      const parent = id.parent;
      if (ts.isPropertyAccessExpression(parent) && parent.name === id) {
        if (parent.expression.kind === ts.SyntaxKind.ThisKeyword && parent.pos >= owner.pos && parent.end <= owner.end) uses.push(parent);
      } else if (inTemplateModule && isValueReference(id) && !(ts.isShorthandPropertyAssignment(parent)) && this.scope.resolve(name, id) === undefined) {
        uses.push(id);
      }
    }
    if (uses.length === 0) return 'continue';
    // a method named as the banner's accept handler (`accept`, `acceptAll`, `acceptCookies`) is the accept path itself
    if (isAcceptHandlerName(name)) {
      const grants: Grant[] = ['any'];
      if (this.accept({ grants: new Set(grants), hits: [{ node: fn, grants, confidence: 'medium', origin: 'heuristic' }] }, 'callback', category, result)) {
        result.trace.push(`The method \`${name}\` is named as the banner's accept handler: what it runs runs after the visitor accepted.`);
        return 'gated';
      }
    }
    if (depth >= MAX_CALL_DEPTH || visited.has(fn)) {
      result.trace.push(`Stopped following \`${name}\` (call chain too deep or recursive).`);
      return 'stop';
    }
    visited.add(fn);
    for (const use of uses) {
      const sub: GateResult = { gated: false, seen: [], trace: [] };
      this.walk(use, category, sub, depth + 1, visited);
      result.seen.push(...sub.seen);
      if (sub.gated) continue;
      result.trace.push(`\`${name}\` is used on line ${this.line(use.getStart())} without a consent check.`, ...sub.trace.map((t) => `  ${t}`));
      return 'stop';
    }
    result.gated = true;
    result.by = { span: { start: uses[0].getStart(), end: uses[0].getEnd() }, text: name, grants: [category], form: 'call-site', confidence: 'high', origin: 'call-sites' };
    result.trace.push(`Every use of the method \`${name}\` in this file (${uses.length}) is behind a consent check.`);
    return 'gated';
  }

  /** All identifiers of the file by name (built once, on first need). */
  private identifiers(): Map<string, ts.Identifier[]> {
    if (!this.identifierIndex) {
      const index = new Map<string, ts.Identifier[]>();
      const visit = (node: ts.Node): void => {
        if (ts.isIdentifier(node)) {
          const list = index.get(node.text);
          if (list) list.push(node);
          else index.set(node.text, [node]);
        }
        ts.forEachChild(node, visit);
      };
      visit(this.sourceFile);
      this.identifierIndex = index;
    }
    return this.identifierIndex;
  }

  /** Recognises a function that a CMP calls after consent. */
  private readonly callbacks = new Map<ts.Node, CmpCallback | null>();

  /** Recognises a function that a CMP calls after consent (memoised per function). */
  private cmpCallback(fn: ts.SignatureDeclaration): CmpCallback | undefined {
    let known = this.callbacks.get(fn);
    if (known === undefined) this.callbacks.set(fn, (known = this.findCmpCallback(fn) ?? null));
    return known ?? undefined;
  }

  private findCmpCallback(fn: ts.SignatureDeclaration | ts.Identifier): CmpCallback | undefined {
    // Where the function (or a reference to a named one) sits: its name, the call it is passed
    // to, the option or JSX prop it is the value of, or the global it is assigned to.
    const parent = fn.parent;
    const name = ts.isIdentifier(fn) ? undefined : functionName(fn);
    const asArgument = ts.isCallExpression(parent) && parent.arguments.includes(fn as ts.Expression) ? parent : undefined;
    const callee = asArgument ? pathOf(asArgument.expression)?.join('.') : undefined;
    const first = asArgument?.arguments[0];
    const firstText = first && ts.isStringLiteralLike(first) ? first.text : undefined;
    const option = ts.isPropertyAssignment(parent) ? propertyName(parent.name) : undefined;
    const optionCall = option !== undefined && ts.isCallExpression(parent.parent.parent) ? pathOf(parent.parent.parent.expression)?.join('.') : undefined;
    let jsx: { tag: string; prop: string } | undefined;
    if (ts.isJsxExpression(parent) && ts.isJsxAttribute(parent.parent)) {
      const element = parent.parent.parent.parent;
      if (ts.isJsxOpeningElement(element) || ts.isJsxSelfClosingElement(element)) jsx = { tag: element.tagName.getText(this.sourceFile), prop: parent.parent.name.getText(this.sourceFile) };
    }
    // tarteaucitron.services.x = { needConsent: true, js: function () { … } }
    let assignedOption: string | undefined;
    if (option !== undefined && ts.isObjectLiteralExpression(parent.parent) && ts.isBinaryExpression(parent.parent.parent) && parent.parent.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.parent.parent.right === parent.parent) {
      const target = pathOf(parent.parent.parent.left);
      // `needConsent: false` runs the service without asking
      const runsWithout = parent.parent.properties.some((p) => ts.isPropertyAssignment(p) && propertyName(p.name) === 'needConsent' && skipOuter(p.initializer).kind === ts.SyntaxKind.FalseKeyword);
      if (target && target.length >= 2 && !runsWithout) assignedOption = target.slice(0, -1).join('.');
    }
    // window.OptanonWrapper = function () { … }
    const assigned = ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === fn ? pathOf(parent.left) : undefined;
    const assignedName = assigned && assigned.length === 1 ? assigned[0] : undefined;
    if (!name && !callee && !optionCall && !jsx && !assignedName && !assignedOption) return undefined;

    for (const api of this.knowledge.consentApis) {
      for (const cb of api.callbacks) {
        const found = { category: cb.category, needsInnerCheck: cb.needsInnerCheck === true, node: fn, api: api.id };
        const cbName = cb.name.replace(/^window\./, '');
        if (cb.kind === 'function' && (name === cb.name || assignedName === cb.name)) return { ...found, label: `\`${cb.name}\` (${api.name})` };
        if (cb.kind === 'event' && callee && /(^|\.)addEventListener$/.test(callee) && firstText === cb.name) {
          return { ...found, label: `the \`${cb.name}\` event listener (${api.name})` };
        }
        if (cb.kind === 'callArg' && callee === cbName && (cb.firstArg === undefined || firstText === cb.firstArg)) {
          return { ...found, label: `the \`${cb.name}\` callback (${api.name})` };
        }
        if (cb.kind === 'option' && option === cb.property && optionCall === cbName) {
          return { ...found, label: `\`${cb.property}\` of \`${cb.name}\` (${api.name})` };
        }
        if (cb.kind === 'assignedOption' && assignedOption === cbName && option === cb.property) {
          return { ...found, label: `\`${cb.property}\` of a \`${cb.name}\` entry (${api.name})` };
        }
        if (cb.kind === 'jsxProp' && jsx && jsx.tag === cb.name && jsx.prop === cb.property) {
          return { ...found, label: `\`${cb.property}\` of \`<${cb.name}>\` (${api.name})` };
        }
      }
    }
    return undefined;
  }
}

/** A call that writes a stored value by key (`createCookie`, `setCookie`, `Cookies.set`, `localStorage.setItem`). */
const WRITE_CALL = /^(set|setItem|put|save|store|write|(set|create|write|save|store|bake|add|put)_?(cookie|storage|item|value|local|consent|choice|pref\w*))$/i;
/** A call that reads a stored value by a literal key (`readCookie('k')`, `getCookie('k')`, `Cookies.get('k')`, `localStorage.getItem('k')`). */
const READ_CALL = /^(get|getItem|read|load|fetch|(get|read|load|fetch|check|has)_?(cookie|storage|item|value|local|consent|choice|pref\w*))$/i;

function calleeLast(expression: ts.Expression): string | undefined {
  const e = skipOuter(expression);
  return ts.isPropertyAccessExpression(e) ? e.name.text : ts.isIdentifier(e) ? e.text : undefined;
}

/** The read call when `e` is one, with a string-literal key. */
function storeRead(e: ts.Expression): ts.CallExpression | undefined {
  const call = skipOuter(e);
  if (!ts.isCallExpression(call) || !READ_CALL.test(calleeLast(call.expression) ?? '')) return undefined;
  const key = call.arguments[0];
  return key && ts.isStringLiteralLike(key) && key.text.length >= 2 ? call : undefined;
}

/** The innermost node that contains `offset`. */
function tokenAt(sourceFile: ts.SourceFile, offset: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (offset < node.getStart(sourceFile) || offset >= node.getEnd()) return;
    found = node;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sourceFile, visit);
  return found;
}

/** The statement that contains `node` (within its function). */
function enclosingStatementOf(node: ts.Node): ts.Statement | undefined {
  for (let n: ts.Node | undefined = node; n && !ts.isFunctionLike(n) && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isStatement(n) && !ts.isBlock(n)) return n;
  }
  return undefined;
}

/**
 * Whether an identifier reads a binding in scope, rather than naming a property, a member, an
 * attribute or an import/export alias (`x.identify`, `{ identify: … }`, `identify() {}` in a
 * class, `<a identify>`). A shorthand `{ identify }` does read the binding.
 */
export function isValueReference(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent)) return parent.expression === id;
  if (ts.isQualifiedName(parent)) return parent.left === id;
  if (ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent) || ts.isMethodSignature(parent) || ts.isGetAccessorDeclaration(parent) || ts.isSetAccessorDeclaration(parent) || ts.isEnumMember(parent)) {
    return parent.name !== id;
  }
  if (ts.isJsxAttribute(parent)) return parent.name !== id;
  if (ts.isBindingElement(parent)) return parent.propertyName !== id && parent.name !== id;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) return false;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  return true;
}

/** A CMP callback recognised around a sink. */
interface CmpCallback {
  category: Grant;
  needsInnerCheck: boolean;
  label: string;
  node: ts.Node;
  api: string;
}

/**
 * The name as it is exported, not used: `export { track }`, `export default track`,
 * `module.exports = { track }`, `exports.track = track` (exportNamesOf reads these).
 */
function isExportReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isExportSpecifier(p) || ts.isExportAssignment(p)) return true;
  let holder: ts.Node = p;
  if (ts.isShorthandPropertyAssignment(p) || (ts.isPropertyAssignment(p) && p.initializer === id)) holder = p.parent.parent;
  if (!ts.isBinaryExpression(holder) || holder.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const target = pathOf(holder.left);
  return !!target && (target[0] === 'exports' || (target[0] === 'module' && target[1] === 'exports'));
}

function alwaysExits(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement) || ts.isContinueStatement(statement) || ts.isBreakStatement(statement)) return true;
  if (ts.isBlock(statement)) return statement.statements.some(alwaysExits);
  if (ts.isIfStatement(statement)) return !!statement.elseStatement && alwaysExits(statement.thenStatement) && alwaysExits(statement.elseStatement);
  return false;
}

/** The name a function is known by in its file (declaration name or `const name = () => …`). */
export function functionName(fn: ts.SignatureDeclaration): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) return fn.name.text;
  const parent = fn.parent;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && parent) {
    if (ts.isVariableDeclaration(parent) && parent.initializer === fn && ts.isIdentifier(parent.name)) return parent.name.text;
    // startAnalytics = () => {…} / window.startAnalytics = function () {…}: a global function
    const target = assignedGlobal(fn);
    if (target) return target.text;
    // const Tracker = memo(() => …) / forwardRef(…)
    if (ts.isCallExpression(parent) && ts.isVariableDeclaration(parent.parent) && ts.isIdentifier(parent.parent.name)) {
      const callee = pathOf(parent.expression);
      if (callee && ['memo', 'forwardRef', 'useCallback'].includes(callee[callee.length - 1])) return parent.parent.name.text;
    }
  }
  return undefined;
}

/**
 * A method of a class or of an object literal (`m() {}`, `m: function () {}`, `m = () => {}` in a
 * class): its name and where `this.m` refers to it (the class, or the outermost object literal,
 * as Vue's Options API merges `methods` into the component instance).
 */
function callbackMethod(fn: ts.SignatureDeclaration): { name: string; owner: ts.Node } | undefined {
  let holder: ts.Node = fn;
  if ((ts.isFunctionExpression(fn) || ts.isArrowFunction(fn)) && fn.parent && (ts.isPropertyAssignment(fn.parent) || ts.isPropertyDeclaration(fn.parent)) && fn.parent.initializer === fn) holder = fn.parent;
  else if (!ts.isMethodDeclaration(fn)) return undefined;
  const nameNode = (holder as ts.MethodDeclaration | ts.PropertyAssignment | ts.PropertyDeclaration).name;
  if (!nameNode || !(ts.isIdentifier(nameNode) || ts.isStringLiteral(nameNode))) return undefined;
  const container = holder.parent;
  if (!container) return undefined;
  if (ts.isClassLike(container)) return { name: nameNode.text, owner: container };
  if (!ts.isObjectLiteralExpression(container)) return undefined;
  let owner: ts.Node = container;
  // methods: { … } inside the component's options: `this` is the component instance
  while (owner.parent && ts.isPropertyAssignment(owner.parent) && owner.parent.parent && ts.isObjectLiteralExpression(owner.parent.parent)) owner = owner.parent.parent;
  return { name: nameNode.text, owner };
}

/** The name a function expression is assigned to as a global (`x = () => …`, `window.x = function …`). */
function assignedGlobal(fn: ts.SignatureDeclaration): ts.Identifier | undefined {
  const parent = fn.parent;
  if (!parent || !ts.isBinaryExpression(parent) || parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken || parent.right !== fn) return undefined;
  const left = skipOuter(parent.left);
  if (ts.isIdentifier(left)) return left;
  if (ts.isPropertyAccessExpression(left) && ts.isIdentifier(left.expression) && ['window', 'globalThis', 'self'].includes(left.expression.text)) return left.name as ts.Identifier;
  return undefined;
}

/** The names under which this file exports the function (`default` for default exports); empty when not exported. */
export function exportNamesOf(fn: ts.SignatureDeclaration, name: string | undefined, sourceFile: ts.SourceFile): string[] {
  const names = new Set<string>();
  // export function f() {} / export default function () {} / export const f = () => {}
  const holder: ts.Node | undefined = ts.isFunctionDeclaration(fn) ? fn : fn.parent?.parent?.parent;
  const modifiers = holder && ts.canHaveModifiers(holder) ? ts.getModifiers(holder) : undefined;
  if (modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
    names.add(modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ? 'default' : name ?? 'default');
  }
  // export default () => {} / export default memo(function X() {})
  for (let n: ts.Node | undefined = fn.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isExportAssignment(n)) names.add('default');
    if (ts.isBlock(n) || ts.isFunctionLike(n)) break;
  }
  if (name) {
    for (const statement of sourceFile.statements) {
      if (ts.isExportAssignment(statement) && ts.isIdentifier(statement.expression) && statement.expression.text === name) names.add('default');
      if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        for (const e of statement.exportClause.elements) {
          if ((e.propertyName ?? e.name).getText(sourceFile) === name) names.add(e.name.getText(sourceFile));
        }
      }
      // module.exports = { name } / exports.name = name / module.exports = name
      if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const left = statement.expression.left.getText(sourceFile);
        const right = statement.expression.right;
        if (/^(module\.)?exports\.(\w+)$/.test(left) && ts.isIdentifier(right) && right.text === name) names.add(left.replace(/^(module\.)?exports\./, ''));
        if (left === 'module.exports' && ts.isIdentifier(right) && right.text === name) names.add('default');
        if (left === 'module.exports' && ts.isObjectLiteralExpression(right)) {
          for (const p of right.properties) {
            if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) names.add(name);
            if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.initializer) && p.initializer.text === name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) names.add(p.name.text);
          }
        }
      }
    }
  }
  return [...names];
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

function categoryOf(value: string, map?: Record<string, ConsentCategory>): ConsentCategory | undefined {
  if (map && value in map) return map[value];
  const v = value.toLowerCase();
  if (['necessary', 'functionality', 'experience', 'measurement', 'marketing'].includes(v)) return v as ConsentCategory;
  if (/analytic|statistic|measure|performance/.test(v)) return 'measurement';
  if (/marketing|ads?$|advertis|targeting/.test(v)) return 'marketing';
  if (/function|preference/.test(v)) return 'functionality';
  return undefined;
}

function describeForm(form: GuardEvidence['form']): string {
  switch (form) {
    case 'if': return 'if';
    case 'else': return 'else branch';
    case 'early-return': return 'early return';
    case 'and': return '&&';
    case 'or': return '||';
    case 'ternary': return '?:';
    case 'callback': return 'consent callback';
    case 'call-site': return 'every call site';
    case 'markup': return 'CMP markup';
    case 'component': return 'consent component';
    case 'option': return 'install option';
    case 'config': return 'plugin consent option';
  }
}

function describeGrants(grants: readonly Grant[]): string {
  return grants.filter((g) => g !== 'any').join(' / ') || 'general';
}

const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self']);

/**
 * The tracker global (a catalogue global root: `gtag`, `fbq`, `posthog`) whose existence the
 * expression proves when it evaluates to `truthy`: `window.gtag`, `'fbq' in window`,
 * `typeof fbq === 'function'`, `typeof window.posthog !== 'undefined'`, negations, `&&` (truthy)
 * and `||` (falsy) of them. A local binding of the name is not the global.
 */
export function existenceTested(expression: ts.Expression, truthy: boolean, knowledge: Knowledge, scope: ScopeResolver, depth = 0): { name: string; node: ts.Node } | undefined {
  const e = skipOuter(expression);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return existenceTested(e.operand, !truthy, knowledge, scope, depth);
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if ((op === ts.SyntaxKind.AmpersandAmpersandToken && truthy) || (op === ts.SyntaxKind.BarBarToken && !truthy)) {
      return existenceTested(e.left, truthy, knowledge, scope, depth) ?? existenceTested(e.right, truthy, knowledge, scope, depth);
    }
    // 'fbq' in window
    if (op === ts.SyntaxKind.InKeyword && truthy && ts.isStringLiteralLike(e.left) && ts.isIdentifier(skipOuter(e.right)) && GLOBAL_OBJECTS.has((skipOuter(e.right) as ts.Identifier).text)) {
      return knowledge.globalRoots.has(e.left.text) && scope.resolve((skipOuter(e.right) as ts.Identifier).text, e) === undefined ? { name: e.left.text, node: e } : undefined;
    }
    // typeof fbq === 'function', typeof window.gtag !== 'undefined'
    const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
    const notEqual = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    if (!equal && !notEqual) return undefined;
    const [typeOf, literal] = ts.isTypeOfExpression(skipOuter(e.left)) ? [skipOuter(e.left), skipOuter(e.right)] : [skipOuter(e.right), skipOuter(e.left)];
    if (!ts.isTypeOfExpression(typeOf) || !ts.isStringLiteralLike(literal)) return undefined;
    const exists = literal.text === 'undefined' ? notEqual : literal.text === 'function' || literal.text === 'object' ? equal : undefined;
    if (exists === undefined || exists !== truthy) return undefined;
    const name = globalNameOf(typeOf.expression, knowledge, scope);
    return name ? { name, node: e } : undefined;
  }
  // hasTrackFunction(): a local helper whose only statement returns an existence test
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.arguments.length === 0 && depth < 2) {
    const binding = scope.resolve(e.expression.text, e);
    const body = binding?.kind === 'function' ? binding.node.body : binding?.kind === 'variable' && binding.declaration.initializer && ts.isArrowFunction(binding.declaration.initializer) ? binding.declaration.initializer.body : undefined;
    const returned = body && (ts.isBlock(body) ? (body.statements.length === 1 && ts.isReturnStatement(body.statements[0]) ? body.statements[0].expression : undefined) : (body as ts.Expression));
    const tested = returned && existenceTested(returned, truthy, knowledge, scope, depth + 1);
    return tested && { name: tested.name, node: e };
  }
  if (!truthy) return undefined;
  const name = globalNameOf(e, knowledge, scope);
  return name ? { name, node: e } : undefined;
}

/** `gtag` (undeclared), `window.gtag`, `window['gtag']`: the tracker global's name. */
function globalNameOf(expression: ts.Expression, knowledge: Knowledge, scope: ScopeResolver): string | undefined {
  const e = skipOuter(expression);
  let name: string | undefined;
  if (ts.isIdentifier(e)) name = scope.resolve(e.text, e) === undefined ? e.text : undefined;
  else if ((ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) && ts.isIdentifier(skipOuter(e.expression)) && GLOBAL_OBJECTS.has((skipOuter(e.expression) as ts.Identifier).text)) {
    const root = skipOuter(e.expression) as ts.Identifier;
    if (scope.resolve(root.text, root) !== undefined) return undefined;
    name = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : undefined;
  }
  return name !== undefined && knowledge.globalRoots.has(name) ? name : undefined;
}

/** The identifier an access path starts from (`change` of `change.ANALYTICS`). */
function rootOf(expression: ts.Expression): ts.Identifier | undefined {
  let e = skipOuter(expression);
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = skipOuter(e.expression);
  return ts.isIdentifier(e) ? e : undefined;
}

/** `x.indexOf('a') > -1`, `>= 0`, `!== -1`, `!= -1`: the indexOf call when the comparison means "contains". */
function indexOfCall(e: ts.BinaryExpression): ts.CallExpression | undefined {
  const left = skipOuter(e.left);
  const right = skipOuter(e.right);
  if (!ts.isCallExpression(left) || !ts.isPropertyAccessExpression(left.expression) || left.expression.name.text !== 'indexOf') return undefined;
  const number = ts.isPrefixUnaryExpression(right) && right.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(right.operand) ? -Number(right.operand.text) : ts.isNumericLiteral(right) ? Number(right.text) : undefined;
  if (number === undefined) return undefined;
  const op = e.operatorToken.kind;
  if ((op === ts.SyntaxKind.GreaterThanToken && number === -1) || (op === ts.SyntaxKind.GreaterThanEqualsToken && number === 0)) return left;
  if ((op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) && number === -1) return left;
  return undefined;
}
