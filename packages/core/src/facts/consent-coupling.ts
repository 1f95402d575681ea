/**
 * What makes marketing consent a condition of submitting: a schema that accepts only `true`
 * for a marketing field (`z.literal(true)`, `.refine(v => v)`, yup `.oneOf([true])` /
 * `.isTrue()`, joi `.valid(true)`, express-validator `.equals('true')`, class-validator
 * `@Equals(true)`), a required marketing checkbox (`required`, `isRequired`, react-hook-form
 * `register(key, { required })` / `rules={{ required }}`), a submit button disabled until it
 * is ticked, and a handler that rejects the request when the field is false. Each comes with
 * the names around it (component, function, schema, route) for the purpose decision, which
 * the rule makes with the form model's purposes (`knowledge/form-purposes.json`).
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import { pathOf, skipOuter } from './consent';
import { attribute, attributeExpression, attributeString, labelText } from './consent-forms';
import { marketingWords, namesTerms } from './embeds';
import { calleeName, propertyName, unwrapBoolean } from './form-values';
import type { ScopeResolver } from './scope';
import type { ConsentRequirement, Span } from './types';

/** Callee names the walk hands to this pass. */
export const COUPLING_CALLS = new Set(['literal', 'oneOf', 'isTrue', 'valid', 'equals', 'refine', 'register', 'Equals', 'IsIn']);

const SCHEMA_OBJECTS = new Set(['object', 'shape', 'extend', 'strictObject', 'looseObject', 'merge', 'keys', 'append']);
const CHECKBOX_TAGS = new Set(['Checkbox', 'Switch']);
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'all', 'route', 'use', 'handle', 'on']);
/** Calls that look a record up (their result is a stored thing, not the visitor's answer). */
const LOOKUP_CALLS = /^(find|fetch|load|query|select|lookup|retrieve)|^get[A-Z]/;

/** Calls in a rejecting branch that say "error". */
const ERROR_CALLS = /^(setError|setErrors|setFieldError|badRequest|reject|alert|error|fail|unprocessable|abort)$/;

type Element = ts.JsxSelfClosingElement | ts.JsxOpeningElement;

/** Keys naming an identifier, a link or a number (`subscriptionId`, `newsletterUrl`, `offerCount`): never a yes/no box. */
const NOT_A_CHOICE = /(Id|ID|Ids|IDs|_id|_ids|Key|Token|Url|URL|Count|Limit)$/;

/** The marketing words of a field, or [] when it is terms acceptance or not marketing at all. */
export function marketingOf(key: string, label: string): string[] {
  if (namesTerms([key]) || NOT_A_CHOICE.test(key)) return [];
  const fromKey = marketingWords([key]);
  if (fromKey.length) return fromKey;
  if (namesTerms([label])) return [];
  return marketingWords([label]);
}

/** Runs the coupling pass over the collected nodes. */
export function consentRequirements(
  sourceFile: ts.SourceFile,
  scope: ScopeResolver,
  calls: readonly ts.CallExpression[],
  jsx: readonly Element[],
  ifs: readonly ts.IfStatement[],
): ConsentRequirement[] {
  const out: ConsentRequirement[] = [];
  const span = (n: ts.Node): Span => ({ start: n.getStart(sourceFile), end: n.getEnd() });
  const text = sourceFile.text;

  for (const call of calls) {
    const name = calleeName(call);
    if (!name || !COUPLING_CALLS.has(name)) continue;
    if (name === 'register') registerRules(call);
    else if (name === 'Equals' || name === 'IsIn') decorator(call, name);
    else schemaOnlyTrue(call, name);
  }
  for (const element of jsx) {
    const tag = ts.isIdentifier(element.tagName) ? element.tagName.text : ts.isPropertyAccessExpression(element.tagName) ? element.tagName.name.text : '';
    if (tag === 'button' || tag === 'Button' || (tag === 'input' && attributeString(element, 'type') === 'submit')) disabledSubmit(element, tag);
    else requiredBox(element, tag);
  }
  for (const statement of ifs) rejects(statement);
  return out;

  function push(kind: ConsentRequirement['kind'], key: string, label: string, anchor: ts.Node, how: string, context: ConsentRequirement['context'], fix?: ConsentRequirement['fix']): void {
    const words = marketingOf(key, label);
    if (!words.length) return;
    const at = span(anchor);
    if (out.some((r) => r.span.start === at.start && r.kind === kind)) return;
    out.push({ kind, key, words, label: label.trim().slice(0, 120) || undefined, span: at, how, context, fix });
  }

  /** `newsletter: z.literal(true)`, `z.boolean().refine((v) => v)`, `yup.boolean().oneOf([true])`, `Joi.boolean().valid(true)`, `body('newsletter').equals('true')`. */
  function schemaOnlyTrue(call: ts.CallExpression, name: string): void {
    const args = call.arguments.map((a) => skipOuter(a));
    const first = args[0];
    let onlyTrue = false;
    if (name === 'literal' || name === 'valid') onlyTrue = !!first && first.kind === ts.SyntaxKind.TrueKeyword && (name === 'literal' || args.length === 1);
    else if (name === 'isTrue') onlyTrue = true;
    else if (name === 'oneOf') onlyTrue = !!first && ts.isArrayLiteralExpression(first) && first.elements.length > 0 && first.elements.every((e) => skipOuter(e).kind === ts.SyntaxKind.TrueKeyword);
    else if (name === 'equals') onlyTrue = !!first && (first.kind === ts.SyntaxKind.TrueKeyword || (ts.isStringLiteralLike(first) && ['true', 'on', 'yes', '1'].includes(first.text)));
    else if (name === 'refine') onlyTrue = !!first && acceptsOnlyTruthy(first);
    if (!onlyTrue) return;
    // express-validator: body('newsletter').equals('true') / check('newsletter').isIn(...)
    let root: ts.Expression = call;
    while (ts.isCallExpression(root) || ts.isPropertyAccessExpression(root)) {
      const inner = skipOuter(root.expression);
      if (ts.isCallExpression(root) && ts.isIdentifier(inner) && ['body', 'check', 'query'].includes(inner.text) && root.arguments[0] && ts.isStringLiteralLike(root.arguments[0])) {
        push('schema', root.arguments[0].text, '', call, `express-validator \`.${name}(…)\``, contextOf(call));
        return;
      }
      root = inner;
    }
    // Climb the chain to the property it initialises in an object schema.
    let top: ts.Node = call;
    while (ts.isPropertyAccessExpression(top.parent) || (ts.isCallExpression(top.parent) && top.parent.expression === top)) top = top.parent;
    const property = top.parent;
    if (!ts.isPropertyAssignment(property) || property.initializer !== top || !ts.isObjectLiteralExpression(property.parent)) return;
    const owner = property.parent.parent;
    if (!ts.isCallExpression(owner) || !SCHEMA_OBJECTS.has(calleeName(owner) ?? '')) return;
    const key = propertyName(property.name);
    if (key === undefined) return;
    const written = call.getText(sourceFile).replace(/\s+/g, ' ');
    const how = name === 'literal' || name === 'refine' || name === 'isTrue' || name === 'oneOf' || name === 'valid' ? `\`${shortCall(written, name)}\`` : `\`.${name}(…)\``;
    push('schema', key, '', call, how, contextOf(owner), fixOf(call, name));
  }

  /** `@Equals(true) newsletter: boolean` / `@IsIn([true])`. */
  function decorator(call: ts.CallExpression, name: string): void {
    if (!ts.isDecorator(call.parent) || !ts.isPropertyDeclaration(call.parent.parent)) return;
    const first = call.arguments[0] && skipOuter(call.arguments[0]);
    const onlyTrue = name === 'Equals' ? first?.kind === ts.SyntaxKind.TrueKeyword : !!first && ts.isArrayLiteralExpression(first) && first.elements.length > 0 && first.elements.every((e) => skipOuter(e).kind === ts.SyntaxKind.TrueKeyword);
    const key = propertyName(call.parent.parent.name);
    if (!onlyTrue || key === undefined) return;
    push('schema', key, '', call.parent, `class-validator \`@${name}(…)\``, contextOf(call.parent.parent));
  }

  /** `register('newsletter', { required: 'Please tick' })`. */
  function registerRules(call: ts.CallExpression): void {
    const key = call.arguments[0] && skipOuter(call.arguments[0]);
    const options = call.arguments[1] && skipOuter(call.arguments[1]);
    if (!key || !ts.isStringLiteralLike(key) || !options || !ts.isObjectLiteralExpression(options)) return;
    const required = options.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyName(p.name) === 'required');
    if (!required || !truthyRule(required.initializer)) return;
    // The element the spread sits on gives the label; only a checkbox is a consent box.
    let element: ts.Node | undefined = call.parent;
    while (element && !ts.isJsxSelfClosingElement(element) && !ts.isJsxOpeningElement(element) && !ts.isSourceFile(element)) element = element.parent;
    const jsx = element && (ts.isJsxSelfClosingElement(element) || ts.isJsxOpeningElement(element)) ? element : undefined;
    const tag = jsx && (ts.isIdentifier(jsx.tagName) ? jsx.tagName.text : ts.isPropertyAccessExpression(jsx.tagName) ? jsx.tagName.name.text : '');
    if (jsx && !(tag === 'input' ? attributeString(jsx, 'type')?.toLowerCase() === 'checkbox' : CHECKBOX_TAGS.has(tag ?? ''))) return;
    const label = jsx ? labelText(jsx, ts.isJsxOpeningElement(jsx) ? jsx.parent : jsx, sourceFile) : '';
    push('required', key.text, label, required, '`register(…, { required })`', contextOf(call), { title: 'Make it optional (remove required)', edits: [removeProperty(required, options)] });
  }

  /** A marketing checkbox with `required` / `isRequired` / Controller `rules={{ required }}`. */
  function requiredBox(element: Element, tag: string): void {
    const isBox = (tag === 'input' && attributeString(element, 'type')?.toLowerCase() === 'checkbox') || CHECKBOX_TAGS.has(tag) || ((tag === 'Field' || tag === 'FastField') && attributeString(element, 'type') === 'checkbox');
    const rules = tag === 'Controller' || tag === 'FormField' ? attribute(element, 'rules') : undefined;
    if (!isBox && !rules) return;
    const key = attributeString(element, 'name') ?? '';
    const target = ts.isJsxOpeningElement(element) ? element.parent : element;
    if (rules) {
      const e = attributeExpression(rules);
      const object = e && skipOuter(e);
      const required = object && ts.isObjectLiteralExpression(object) ? object.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyName(p.name) === 'required') : undefined;
      if (required && truthyRule(required.initializer)) push('required', key, labelText(element, target, sourceFile), required, '`rules={{ required }}`', contextOf(element), { title: 'Make it optional (remove required)', edits: [removeProperty(required, object as ts.ObjectLiteralExpression)] });
      return;
    }
    const attr = attribute(element, 'required') ?? attribute(element, 'isRequired') ?? attribute(element, 'aria-required');
    if (!attr) return;
    const value = attributeExpression(attr);
    if (attr.initializer && !(value && skipOuter(value).kind === ts.SyntaxKind.TrueKeyword) && !(ts.isStringLiteral(attr.initializer) && attr.initializer.text === 'true')) return;
    let start = attr.getStart(sourceFile);
    while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    push('required', key || attributeString(element, 'id') || '', labelText(element, target, sourceFile), attr, `the \`${attr.name.getText(sourceFile)}\` attribute`, contextOf(element), { title: 'Make it optional (remove required)', edits: [{ start, end: attr.getEnd(), text: '' }] });
  }

  /** `<button type="submit" disabled={!newsletter}>`: the form cannot be sent until the box is ticked. */
  function disabledSubmit(element: Element, tag: string): void {
    const type = attributeString(element, 'type');
    if (type !== undefined && type !== 'submit') return;
    if (tag !== 'input' && type === undefined && !insideForm(element)) return;
    const disabled = attribute(element, 'disabled') ?? attribute(element, 'isDisabled');
    const e = disabled && attributeExpression(disabled);
    if (!e) return;
    for (const key of falseWhenUnticked(e)) push('disabled-submit', key.name, '', key.node, `\`disabled={${e.getText(sourceFile).replace(/\s+/g, ' ').slice(0, 60)}}\``, contextOf(element));
  }

  /** `if (!body.newsletter) return res.status(400)…` / `throw` / `setError(…)`. */
  function rejects(statement: ts.IfStatement): void {
    const keys = falseWhenUnticked(statement.expression);
    if (!keys.length || !rejecting(statement.thenStatement)) return;
    for (const key of keys) {
      // `!body.newsletter` may test for a missing object (a newsletter being edited): a bare truthiness
      // test counts only when the key is a yes/no in this file (typed boolean, a checkbox, a boolean schema).
      if (key.truthiness && isTopicNoun(key.name) && !isBooleanInFile(key.name)) continue;
      // `const partner = await prisma.partner.findUnique(…); if (!partner) return 404`: a record that
      // was looked up, not a box the visitor ticked
      if (key.truthiness && ts.isIdentifier(key.node) && boundToCallResult(key.node, scope)) continue;
      push('rejects', key.name, '', statement.expression, 'rejects the request when it is not ticked', contextOf(statement));
    }
  }

  function isBooleanInFile(key: string): boolean {
    const k = key.replace(/[$]/g, '\\$');
    return new RegExp(`\\b${k}\\??\\s*:\\s*(boolean\\b|z\\.boolean|z\\.literal\\(true|yup\\.boolean|Joi\\.boolean|true\\b|false\\b)|name=["']${k}["'][^>]*type=["']checkbox|type=["']checkbox["'][^>]*name=["']${k}["']`).test(text);
  }

  /**
   * References of a condition that make it true when a marketing field is false:
   * `!x.newsletter`, `x.newsletter === false`, `x.newsletter !== true`, `!watch('newsletter')`, in `||` chains.
   */
  function falseWhenUnticked(condition: ts.Expression): { name: string; node: ts.Node; truthiness: boolean }[] {
    const e = skipOuter(condition);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.BarBarToken) return [...falseWhenUnticked(e.left), ...falseWhenUnticked(e.right)];
    let ref: ts.Expression | undefined;
    let truthiness = false;
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
      ref = unwrapBoolean(e.operand);
      truthiness = true;
    }
    else if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      const right = skipOuter(e.right);
      if ((op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken) && right.kind === ts.SyntaxKind.FalseKeyword) ref = e.left;
      if ((op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) && (right.kind === ts.SyntaxKind.TrueKeyword || (ts.isStringLiteralLike(right) && ['true', 'on', 'yes'].includes(right.text)))) ref = e.left;
    }
    if (!ref) return [];
    ref = skipOuter(ref);
    let name: string | undefined;
    if (ts.isIdentifier(ref)) name = ref.text;
    else if (ts.isPropertyAccessExpression(ref)) name = ref.name.text;
    else if (ts.isElementAccessExpression(ref) && ts.isStringLiteralLike(ref.argumentExpression)) name = ref.argumentExpression.text;
    else if (ts.isCallExpression(ref) && ref.arguments[0] && ts.isStringLiteralLike(ref.arguments[0]) && /^(watch|getValues|get|getAll|has)$/.test(calleeName(ref) ?? '')) name = ref.arguments[0].text;
    return name === undefined ? [] : [{ name, node: ref, truthiness }];
  }

  /** The branch ends the request with an error: `throw`, a 4xx status, `setError`, `{ error }`. */
  function rejecting(branch: ts.Statement): boolean {
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found || ts.isFunctionLike(node)) return;
      if (ts.isThrowStatement(node)) found = true;
      else if (ts.isNumericLiteral(node) && /^4\d\d$/.test(node.text)) found = true;
      else if (ts.isCallExpression(node) && ERROR_CALLS.test(calleeName(node) ?? '')) found = true;
      else if (ts.isReturnStatement(node) && node.expression && ts.isObjectLiteralExpression(skipOuter(node.expression))) {
        found = (skipOuter(node.expression) as ts.ObjectLiteralExpression).properties.some((p) => /^(error|errors|message)$/.test(p.name && propertyName(p.name as ts.PropertyName) || ''));
      }
      if (!found) ts.forEachChild(node, visit);
    };
    visit(branch);
    return found;
  }

  /** Names around a node, nearest first: functions, components, schema variables, routes, the enclosing form. */
  function contextOf(node: ts.Node): ConsentRequirement['context'] {
    const context: ConsentRequirement['context'] = [];
    for (let n: ts.Node | undefined = node; n && !ts.isSourceFile(n); n = n.parent) {
      if (ts.isJsxElement(n)) {
        const opening = n.openingElement;
        const tag = opening.tagName.getText(sourceFile);
        if (tag === 'form' || tag === 'Form' || tag.endsWith('.Form')) {
          for (const a of ['id', 'name', 'aria-label', 'action']) {
            const s = attributeString(opening, a);
            if (s) context.push({ what: `form ${a}`, text: s });
          }
          const submit = attribute(opening, 'onSubmit') ?? attribute(opening, 'onFinish');
          const handler = submit && attributeExpression(submit);
          const handlerName = handler && (ts.isCallExpression(skipOuter(handler)) ? (skipOuter(handler) as ts.CallExpression).arguments[0] : handler);
          if (handlerName && ts.isIdentifier(skipOuter(handlerName))) context.push({ what: 'submit handler', text: (skipOuter(handlerName) as ts.Identifier).text });
        }
      }
      const name = ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n) || ts.isMethodDeclaration(n) ? n.name?.getText(sourceFile) : ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) ? n.name.text : undefined;
      if (name) context.push({ what: ts.isVariableDeclaration(n) ? 'variable' : ts.isClassDeclaration(n) ? 'class' : 'function', text: name });
      // app.post('/api/orders', …) / router.post('/checkout', …)
      if (ts.isCallExpression(n) && ROUTE_METHODS.has(calleeName(n) ?? '') && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0]) && n.arguments[0].text.startsWith('/')) context.push({ what: 'route', text: n.arguments[0].text });
    }
    return context;
  }

  /** A fix that accepts `false` too: `z.literal(true)` → `z.boolean()`, drop `.refine(…)` / `.oneOf([true])` / `.isTrue()`. */
  function fixOf(call: ts.CallExpression, name: string): ConsentRequirement['fix'] {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    if (name === 'literal') {
      const owner = pathOf(callee.expression);
      const base = skipOuter(callee.expression);
      // z.literal(true) / v.literal(true): the library's boolean
      if (!owner || !ts.isIdentifier(base)) return undefined;
      return { title: 'Accept false too (boolean instead of literal true)', edits: [{ start: call.getStart(sourceFile), end: call.getEnd(), text: `${base.text}.boolean()` }] };
    }
    // `.refine(…)` etc.: remove from the dot to the end of the call (the chain stays valid)
    const dot = callee.expression.getEnd();
    return { title: `Accept false too (remove .${name}(…))`, edits: [{ start: dot, end: call.getEnd(), text: '' }] };
  }
}

/**
 * The identifier is bound (by scope) to a variable whose value is the result of a call
 * (`await findUnique(…)`, `getPartner(id)`): a looked-up record, not a yes/no from the request.
 */
function boundToCallResult(identifier: ts.Identifier, scope: ScopeResolver): boolean {
  const binding = scope.resolve(identifier.text, identifier);
  if (binding?.kind !== 'variable' || binding.propertyPath || !binding.declaration.initializer) return false;
  let value = skipOuter(binding.declaration.initializer);
  const awaited = ts.isAwaitExpression(value);
  if (ts.isAwaitExpression(value)) value = skipOuter(value.expression);
  if (!ts.isCallExpression(value)) return false;
  // `formData.get('newsletter')`, `Boolean(x)`, `watch('newsletter')` read the visitor's answer
  return awaited || LOOKUP_CALLS.test(calleeName(value) ?? '');
}

/** A key that may name a thing rather than a yes/no (`body.newsletter` can be the newsletter being edited). */
function isTopicNoun(key: string): boolean {
  return /^(newsletters?|marketing|offers?|promos?|promotions?|mailing|campaigns?)$/i.test(key);
}

/** `(v) => v`, `(v) => v === true`, `(v) => !!v`, `Boolean`, `(v) => v == true`. */
function acceptsOnlyTruthy(fn: ts.Expression): boolean {
  if (ts.isIdentifier(fn)) return fn.text === 'Boolean';
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  const param = fn.parameters[0];
  if (!param || !ts.isIdentifier(param.name)) return false;
  let body: ts.Node = fn.body;
  if (ts.isBlock(body)) {
    const only = body.statements.length === 1 ? body.statements[0] : undefined;
    if (!only || !ts.isReturnStatement(only) || !only.expression) return false;
    body = only.expression;
  }
  const inner = unwrapBoolean(body as ts.Expression);
  return ts.isIdentifier(inner) && inner.text === param.name.text;
}

/** `required: true`, `required: 'Please tick'`, `required: { value: true, message }`. */
function truthyRule(value: ts.Expression): boolean {
  const e = skipOuter(value);
  if (e.kind === ts.SyntaxKind.TrueKeyword || ts.isStringLiteralLike(e) || ts.isTemplateExpression(e)) return !ts.isStringLiteralLike(e) || e.text !== '';
  if (ts.isObjectLiteralExpression(e)) return e.properties.some((p) => ts.isPropertyAssignment(p) && propertyName(p.name) === 'value' && skipOuter(p.initializer).kind === ts.SyntaxKind.TrueKeyword);
  return false;
}

/** Removes a property and its separating comma. */
function removeProperty(property: ts.PropertyAssignment, object: ts.ObjectLiteralExpression): { start: number; end: number; text: string } {
  const sf = property.getSourceFile();
  const list = object.properties;
  const i = list.indexOf(property);
  if (list.length === 1) return { start: list.pos, end: list.end, text: list.hasTrailingComma ? '' : '' };
  if (i < list.length - 1) return { start: property.getStart(sf), end: list[i + 1].getStart(sf), text: '' };
  return { start: list[i - 1].getEnd(), end: property.getEnd(), text: '' };
}

function insideForm(element: ts.Node): boolean {
  for (let n: ts.Node | undefined = element.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isJsxElement(n)) {
      const tag = n.openingElement.tagName.getText();
      if (tag === 'form' || tag === 'Form') return true;
    }
  }
  return false;
}

function shortCall(written: string, name: string): string {
  const at = written.lastIndexOf(`.${name}(`);
  const from = at >= 0 ? written.slice(at) : written;
  return from.length > 50 ? `${from.slice(0, 47)}...` : from;
}
