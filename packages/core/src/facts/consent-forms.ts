/**
 * Consent in forms, from the nodes the one walk collected (`findSinks`): opt-in checkboxes
 * ticked through their initial values (state, reducer, context, form-library defaults,
 * schema defaults), components that render a checkbox from their props, and JSX uses of
 * components whose props start as `true` (for the cross-file case in the project pass).
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import { skipOuter } from './consent';
import { optInWords } from './embeds';
import { calleeName, FORM_HOOKS, isFormHook, propertyName, unwrapBoolean, ValueResolver } from './form-values';
import type { ScopeResolver } from './scope';
import { schemaLibraryOf } from './forms/schemas';
import { COUPLING_CALLS, consentRequirements } from './consent-coupling';
import type { CheckedBox, CheckboxComponent, ComponentUse, ConsentFormFacts, PrecheckedValue, Span } from './types';

/** What the walk collects for this pass. */
export interface FormNodes {
  jsx: (ts.JsxSelfClosingElement | ts.JsxOpeningElement)[];
  calls: ts.CallExpression[];
  /** Calls that may write consent to storage (`facts/consent-records.ts`). */
  writes: ts.CallExpression[];
  /** `document.cookie = …` assignments. */
  cookieWrites: ts.BinaryExpression[];
  /** `if` statements (handlers rejecting a request, `facts/consent-coupling.ts`). */
  ifs: ts.IfStatement[];
  /** Classes with decorated properties (class-validator DTOs). */
  classes?: ts.ClassDeclaration[];
}

/** Callee names the walk hands to this pass (a set test per call). */
export const FORM_CALLS = new Set([...FORM_HOOKS, 'default', ...COUPLING_CALLS]);

/** Tags that render a checkbox or switch (plain, and the UI libraries' components). */
const CHECKBOX_TAGS = new Set(['Checkbox', 'Switch', 'Toggle']);
/** Attributes holding a checkbox's ticked state. */
const CHECKED_ATTRIBUTES = ['checked', 'defaultChecked', 'isChecked', 'defaultIsChecked'];
/** Form-library helpers whose spread binds an input to a field key (`{...register('k')}`). */
const BINDERS = new Set(['register', 'getInputProps', 'getFieldProps']);
/** Components whose `render` / children bind a field by `name` (react-hook-form, shadcn, Formik, antd). */
const FIELD_WRAPPERS = new Set(['Controller', 'FormField', 'Field', 'FastField', 'Item', 'FormItem']);
/** Schema builders whose object argument maps field keys to schemas. */
const SCHEMA_OBJECTS = new Set(['object', 'shape', 'extend', 'strictObject', 'looseObject', 'merge']);

type Element = ts.JsxSelfClosingElement | ts.JsxOpeningElement;

/** Runs the form-consent pass over the collected nodes. */
export function consentFormFacts(sourceFile: ts.SourceFile, scope: ScopeResolver, nodes: FormNodes, checkedOut: CheckedBox[]): ConsentFormFacts {
  const out: ConsentFormFacts = { prechecked: [], checkboxComponents: [], componentUses: [], requirements: [] };
  if (nodes.jsx.length === 0 && nodes.calls.length === 0 && nodes.ifs.length === 0 && !nodes.classes?.length) return out;
  out.requirements = consentRequirements(sourceFile, scope, nodes.calls, nodes.jsx, nodes.ifs);
  const resolver = new ValueResolver(scope);
  const byLiteral = new Map<number, PrecheckedValue>();
  const span = (n: ts.Node): Span => ({ start: n.getStart(sourceFile), end: n.getEnd() });

  const note = (literal: ts.Node, key: string, words: string[], via: string, box?: ts.Node): void => {
    if (!words.length) return;
    const at = literal.getStart(sourceFile);
    const known = byLiteral.get(at);
    if (known) {
      for (const w of words) if (!known.words.includes(w)) known.words.push(w);
      if (box && !known.boxes.some((b) => b.start === box.getStart(sourceFile))) known.boxes.push(span(box));
      return;
    }
    const value: PrecheckedValue = { span: span(literal), key, words: [...words], via, boxes: box ? [span(box)] : [] };
    byLiteral.set(at, value);
    out.prechecked.push(value);
  };

  // Providers first: `useContext(Ctx)` prefers the value this file provides.
  for (const element of nodes.jsx) {
    const tag = element.tagName;
    if (ts.isPropertyAccessExpression(tag) && tag.name.text === 'Provider' && ts.isIdentifier(tag.expression)) {
      const value = attribute(element, 'value');
      const e = value && attributeExpression(value);
      if (e) resolver.providers.set(tag.expression.text, e);
    }
  }
  for (const call of nodes.calls) if (isFormHook(calleeName(call))) resolver.formHooks.push(call);

  // Initial values of forms, by key alone: `useForm({ defaultValues: { newsletter: true } })`.
  const noteDefaults = (defaults: { expr: ts.Expression; via: string } | undefined): void => {
    const object = defaults && resolver.follow(defaults.expr);
    if (!object || !ts.isObjectLiteralExpression(object.expr)) return;
    trueKeys(object.expr, resolver, '', (key, literal) => note(literal, key, optInWords([key]), defaults!.via));
  };
  for (const call of nodes.calls) {
    const name = calleeName(call);
    if (isFormHook(name) && name !== 'useFormContext') noteDefaults(resolver.defaultsOfHook(call));
    if (name === 'default') schemaDefault(call, sourceFile, scope, note);
  }
  // class-validator DTOs: `@IsBoolean() newsletter = true` (a request without the field gets the initial value)
  for (const c of nodes.classes ?? []) dtoDefaults(c, scope, note);

  for (const element of nodes.jsx) {
    const tag = tagName(element);
    // <Formik initialValues={…}>, antd <Form initialValues={…}>
    if (tag === 'Formik' || tag === 'Form') {
      const init = attribute(element, 'initialValues');
      const e = init && attributeExpression(init);
      if (e) noteDefaults({ expr: e, via: '`initialValues`' });
    }
    if (isCheckbox(element, tag)) checkbox(element, tag);
    else if (/^[A-Z]/.test(tag)) componentUse(element, tag);
  }
  return out;

  function checkbox(element: Element, tag: string): void {
    if (isOn(attribute(element, 'disabled'))) return;
    const target = ts.isJsxOpeningElement(element) ? element.parent : element;
    const label = labelText(element, target, sourceFile);
    const valueAttr = CHECKED_ATTRIBUTES.map((n) => attribute(element, n)).find(Boolean);
    if (valueAttr) {
      const e = attributeExpression(valueAttr);
      if (!e) {
        if (tag !== 'input') literalBox(element, target, valueAttr, label);
        return;
      }
      if (unwrapBoolean(e).kind === ts.SyntaxKind.TrueKeyword) {
        if (tag !== 'input') literalBox(element, target, valueAttr, label);
        return;
      }
      const inner = unwrapBoolean(e);
      let followed = resolver.follow(inner);
      // checked={values[name]}: the object is the prop
      if (!followed?.param && ts.isElementAccessExpression(inner) && !ts.isStringLiteralLike(inner.argumentExpression)) {
        const object = resolver.follow(inner.expression);
        if (object?.param) followed = object;
      }
      if (followed?.param) {
        componentFromProps(element, target, e, followed, label);
        // `field.value` inside a Controller's render: the wrapper names the key.
        if (wrapperBinding(element, target, label)) return;
        return;
      }
      const initial = resolver.initialBoolean(e);
      if (initial?.value) note(initial.literal, keyOf(e), optInWords([keyOf(e), label]), initial.via, target);
      return;
    }
    const name = attributeString(element, 'name');
    // {...register('newsletter')}, {...form.getInputProps('newsletter', { type: 'checkbox' })}
    for (const property of element.attributes.properties) {
      if (!ts.isJsxSpreadAttribute(property)) continue;
      const call = skipOuter(property.expression);
      if (!ts.isCallExpression(call) || !BINDERS.has(calleeName(call) ?? '') || !call.arguments[0] || !ts.isStringLiteralLike(call.arguments[0])) continue;
      const key = call.arguments[0].text;
      const defaults = resolver.formDefaults(call.expression);
      const initial = defaults && resolver.initialBoolean(defaults.expr, key.split('.'));
      if (initial?.value) note(initial.literal, key, optInWords([key, label]), defaults!.via, target);
      return;
    }
    if (wrapperBinding(element, target, label)) return;
    // Formik <Field type="checkbox" name="k"> / a plain named input under <Formik initialValues>
    if (name) {
      const initial = enclosingInitial(target, name);
      if (initial?.value) note(initial.literal, name, optInWords([name, label]), initial.via, target);
    }
  }

  /** A checkbox inside a field wrapper (`<Controller name render>`, `<FormField>`, antd `<Form.Item name>`). */
  function wrapperBinding(element: Element, target: ts.Node, label: string): boolean {
    const wrapper = enclosingWrapper(target);
    if (!wrapper) return false;
    const key = attributeString(wrapper, 'name');
    if (!key) return false;
    const own = attribute(wrapper, 'defaultValue');
    const ownValue = own && attributeExpression(own);
    const words = optInWords([key, label, labelText(wrapper, ts.isJsxOpeningElement(wrapper) ? wrapper.parent : wrapper, sourceFile)]);
    if (ownValue && unwrapBoolean(ownValue).kind === ts.SyntaxKind.TrueKeyword) {
      note(unwrapBoolean(ownValue), key, words, '`defaultValue`', target);
      return true;
    }
    const control = attribute(wrapper, 'control');
    const handle = control && attributeExpression(control);
    const defaults = handle ? resolver.formDefaults(handle) : undefined;
    const initial = defaults ? resolver.initialBoolean(defaults.expr, key.split('.')) : enclosingInitial(wrapper, key);
    if (initial?.value) note(initial.literal, key, words, defaults?.via ?? initial.via, target);
    return true;
  }

  /** The value of `key` in the initial values of an enclosing `<Formik>` / `<Form>`. */
  function enclosingInitial(node: ts.Node, key: string): ReturnType<ValueResolver['initialBoolean']> {
    for (let n: ts.Node | undefined = node.parent; n && !ts.isSourceFile(n); n = n.parent) {
      if (!ts.isJsxElement(n)) continue;
      const tag = tagName(n.openingElement);
      if (tag !== 'Formik' && tag !== 'Form') continue;
      const init = attribute(n.openingElement, 'initialValues');
      const e = init && attributeExpression(init);
      if (e) {
        const initial = resolver.initialBoolean(e, key.split('.'));
        return initial && { ...initial, via: '`initialValues`' };
      }
    }
    return undefined;
  }

  function literalBox(element: Element, target: ts.Node, attr: ts.JsxAttribute, label: string): void {
    // `checked` with a change handler is state the visitor controls.
    if (attributeName(attr) === 'checked' && ['onChange', 'onCheckedChange'].some((n) => attribute(element, n))) return;
    if (attr.initializer && !(ts.isJsxExpression(attr.initializer) && attr.initializer.expression && unwrapBoolean(attr.initializer.expression).kind === ts.SyntaxKind.TrueKeyword)) return;
    const words = optInWords([attributeString(element, 'name') ?? '', attributeString(element, 'id') ?? '', attributeString(element, 'aria-label') ?? '', label]);
    if (!words.length) return;
    let start = attr.getStart(sourceFile);
    while (start > 0 && (sourceFile.text[start - 1] === ' ' || sourceFile.text[start - 1] === '\t')) start--;
    checkedOut.push({ span: span(target), attribute: attributeName(attr), words, remove: { start, end: attr.getEnd() } });
  }

  /** A checkbox whose ticked state is a prop: the enclosing component is a checkbox component. */
  function componentFromProps(element: Element, target: ts.Node, checkedExpr: ts.Expression, followed: NonNullable<ReturnType<ValueResolver['follow']>>, label: string): void {
    const param = followed.param!;
    const fn = param.binding.parameter.parent;
    if (!ts.isFunctionLike(fn) || fn.parameters[0] !== param.binding.parameter) return;
    const names = componentNames(fn);
    if (!names) return;
    const component: CheckboxComponent = { localName: names.local, exportNames: names.exports, labelText: label, span: span(target) };
    const e = unwrapBoolean(checkedExpr);
    if (!ts.isElementAccessExpression(e) || ts.isStringLiteralLike(e.argumentExpression)) {
      if (param.path.length === 1) component.checkedProp = param.path[0];
    } else {
      // checked={values[name]}
      const values = resolver.follow(e.expression);
      const key = resolver.follow(e.argumentExpression);
      if (values?.param?.path.length === 1 && key?.param?.path.length === 1) {
        component.valuesProp = values.param.path[0];
        component.keyProp = key.param.path[0];
      }
    }
    if (!component.checkedProp && !component.valuesProp) return;
    const name = attribute(element, 'name');
    const nameExpr = name && attributeExpression(name);
    if (name && !nameExpr) component.nameLiteral = attributeString(element, 'name');
    else if (nameExpr) {
      const f = resolver.follow(nameExpr);
      if (f?.param?.path.length === 1) component.keyProp ??= f.param.path[0];
    }
    component.labelProp = labelProp(target);
    out.checkboxComponents.push(component);
  }

  /** The prop rendered as text next to the box (`{label}` in the enclosing label / parent, or `label={label}`). */
  function labelProp(target: ts.Node): string | undefined {
    const candidates: ts.Expression[] = [];
    const element = ts.isJsxElement(target) ? target.openingElement : (target as Element);
    const own = attribute(element, 'label');
    const ownExpr = own && attributeExpression(own);
    if (ownExpr) candidates.push(ownExpr);
    let parent: ts.Node | undefined = target.parent;
    for (let depth = 0; parent && depth < 3; depth++, parent = parent.parent) {
      if (!ts.isJsxElement(parent)) continue;
      for (const child of parent.children) if (ts.isJsxExpression(child) && child.expression) candidates.push(child.expression);
      if (candidates.length) break;
    }
    for (const c of candidates) {
      const f = resolver.follow(c);
      if (f?.param?.path.length === 1) return f.param.path[0];
    }
    return undefined;
  }

  function componentUse(element: Element, tag: string): void {
    if (!ts.isIdentifier(element.tagName)) return;
    const binding = scope.resolve(tag, element);
    let specifier: string | undefined;
    let exportName: string | undefined;
    if (binding?.kind === 'import') {
      if (!binding.module.startsWith('.') && !binding.module.startsWith('@/') && !binding.module.startsWith('~/')) return;
      specifier = binding.module;
      exportName = binding.exportName;
    } else if (binding?.kind !== 'function' && binding?.kind !== 'variable') return;
    const use: ComponentUse = { localName: tag, specifier, exportName, span: span(ts.isJsxOpeningElement(element) ? element.parent : element), strings: {}, initials: {}, objectInitials: {} };
    let interesting = false;
    for (const property of element.attributes.properties) {
      if (!ts.isJsxAttribute(property)) continue;
      const name = attributeName(property);
      const init = property.initializer;
      if (init && ts.isStringLiteral(init)) {
        use.strings[name] = init.text;
        continue;
      }
      const e = attributeExpression(property);
      if (!e) continue;
      if (ts.isStringLiteralLike(skipOuter(e))) {
        use.strings[name] = (skipOuter(e) as ts.StringLiteralLike).text;
        continue;
      }
      const initial = resolver.initialBoolean(e);
      if (initial?.value && !isWithin(initial.literal, property)) {
        use.initials[name] = { span: span(initial.literal), via: initial.via };
        interesting = true;
        continue;
      }
      const object = resolver.follow(e);
      if (object && ts.isObjectLiteralExpression(object.expr) && !isWithin(object.expr, property)) {
        const keys: Record<string, { span: Span; via: string }> = {};
        trueKeys(object.expr, resolver, '', (key, literal) => (keys[key] = { span: span(literal), via: object.via }));
        if (Object.keys(keys).length) {
          use.objectInitials[name] = keys;
          interesting = true;
        }
      }
    }
    if (!interesting) return;
    if (ts.isJsxOpeningElement(element)) {
      const text = jsxText(element.parent).trim();
      if (text) use.strings.children = text;
    }
    out.componentUses.push(use);
  }
}

/** Keys of an initial-values object whose value starts as `true` (one nested level: `prefs.newsletter`). */
function trueKeys(object: ts.ObjectLiteralExpression, resolver: ValueResolver, prefix: string, found: (key: string, literal: ts.Expression) => void, depth = 0): void {
  for (const p of object.properties) {
    if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
    const key = propertyName(p.name);
    if (key === undefined) continue;
    const value = ts.isPropertyAssignment(p) ? p.initializer : p.name;
    const e = skipOuter(value);
    if (e.kind === ts.SyntaxKind.TrueKeyword) found(prefix + key, e);
    else if (ts.isObjectLiteralExpression(e) && depth < 1) trueKeys(e, resolver, `${prefix}${key}.`, found, depth + 1);
    else if (ts.isIdentifier(e)) {
      const initial = resolver.initialBoolean(e);
      if (initial?.value) found(prefix + key, initial.literal);
    }
  }
}

/** `newsletter: z.boolean().default(true)` / `yup.boolean().default(true)` in an object schema. */
function schemaDefault(call: ts.CallExpression, sourceFile: ts.SourceFile, scope: ScopeResolver, note: (literal: ts.Node, key: string, words: string[], via: string) => void): void {
  const arg = call.arguments[0];
  if (call.arguments.length !== 1 || skipOuter(arg).kind !== ts.SyntaxKind.TrueKeyword || !ts.isPropertyAccessExpression(call.expression)) return;
  // express-validator: body('newsletter').default(true)
  for (let e = skipOuter(call.expression.expression); ts.isCallExpression(e); ) {
    const callee = skipOuter(e.expression);
    if (ts.isIdentifier(callee)) {
      const binding = scope.resolve(callee.text, callee);
      const first = e.arguments[0] && skipOuter(e.arguments[0]);
      if (binding?.kind === 'import' && binding.module.startsWith('express-validator') && first && ts.isStringLiteralLike(first)) note(skipOuter(arg), first.text, optInWords([first.text]), "express-validator's `.default(true)`");
      return;
    }
    if (!ts.isPropertyAccessExpression(callee)) return;
    e = skipOuter(callee.expression);
  }
  // Climb the method chain (`.default(true).optional()`) to the property it initialises.
  let top: ts.Node = call;
  while (ts.isPropertyAccessExpression(top.parent) || (ts.isCallExpression(top.parent) && top.parent.expression === top)) top = top.parent;
  const property = top.parent;
  if (!ts.isPropertyAssignment(property) || property.initializer !== top || !ts.isObjectLiteralExpression(property.parent)) return;
  const owner = property.parent.parent;
  if (!ts.isCallExpression(owner) || !SCHEMA_OBJECTS.has(calleeName(owner) ?? '')) return;
  const key = propertyName(property.name);
  if (key === undefined) return;
  const library = schemaLibraryOf(owner, scope) ?? (/\byup\b|from ['"]yup['"]/.test(sourceFile.text) && !/from ['"]zod['"]/.test(sourceFile.text) ? 'yup' : 'zod');
  note(skipOuter(arg), key, optInWords([key]), `the ${library} schema's \`.default(true)\``);
}

/** `@IsBoolean() newsletter: boolean = true` in a class-validator DTO. */
function dtoDefaults(c: ts.ClassDeclaration, scope: ScopeResolver, note: (literal: ts.Node, key: string, words: string[], via: string) => void): void {
  for (const member of c.members) {
    if (!ts.isPropertyDeclaration(member) || !member.initializer || skipOuter(member.initializer).kind !== ts.SyntaxKind.TrueKeyword) continue;
    const key = propertyName(member.name);
    const validated = (ts.getDecorators(member) ?? []).some((d) => {
      const e = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
      const binding = ts.isIdentifier(e) ? scope.resolve(e.text, e) : undefined;
      return binding?.kind === 'import' && binding.module === 'class-validator';
    });
    if (key !== undefined && validated) note(skipOuter(member.initializer), key, optInWords([key]), "the DTO's initial value `= true`");
  }
}

/** Local name and export names of a function component (`function F`, `const F = (…) =>`, `forwardRef(…)`). */
function componentNames(fn: ts.SignatureDeclaration): { local: string; exports: string[] } | undefined {
  let local: string | undefined;
  let holder: ts.Node | undefined;
  if (ts.isFunctionDeclaration(fn) && fn.name) {
    local = fn.name.text;
    holder = fn;
  } else {
    let n: ts.Node = fn;
    while (ts.isCallExpression(n.parent) || ts.isParenthesizedExpression(n.parent)) n = n.parent;
    if (ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name)) {
      local = n.parent.name.text;
      holder = n.parent.parent.parent;
    } else if (ts.isExportAssignment(n.parent)) {
      return { local: 'default', exports: ['default'] };
    }
  }
  if (!local || !holder) return undefined;
  const exports: string[] = [];
  const modifiers = ts.canHaveModifiers(holder) ? ts.getModifiers(holder) : undefined;
  if (modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) exports.push(modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ? 'default' : local);
  for (const statement of fn.getSourceFile().statements) {
    if (ts.isExportAssignment(statement) && ts.isIdentifier(statement.expression) && statement.expression.text === local) exports.push('default');
    if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const e of statement.exportClause.elements) if ((e.propertyName ?? e.name).text === local) exports.push(e.name.text);
    }
  }
  return { local, exports };
}

function tagName(element: Element): string {
  const tag = element.tagName;
  if (ts.isIdentifier(tag)) return tag.text;
  if (ts.isPropertyAccessExpression(tag)) return tag.name.text;
  return '';
}

function isCheckbox(element: Element, tag: string): boolean {
  if (tag === 'input' || tag === 'Field' || tag === 'FastField') return attributeString(element, 'type')?.toLowerCase() === 'checkbox';
  return CHECKBOX_TAGS.has(tag);
}

/** The field wrapper whose `render` prop or children hold the node. */
function enclosingWrapper(node: ts.Node): Element | undefined {
  for (let n: ts.Node | undefined = node.parent, depth = 0; n && !ts.isSourceFile(n) && depth < 12; n = n.parent, depth++) {
    if (ts.isJsxAttribute(n) && attributeName(n) === 'render') {
      const owner = n.parent.parent;
      return FIELD_WRAPPERS.has(tagName(owner)) ? owner : undefined;
    }
    if (ts.isJsxElement(n) && FIELD_WRAPPERS.has(tagName(n.openingElement)) && attributeString(n.openingElement, 'name')) return n.openingElement;
  }
  return undefined;
}

function attributeName(attribute: ts.JsxAttribute): string {
  const name = attribute.name;
  return ts.isIdentifier(name) ? name.text : `${name.namespace.text}:${name.name.text}`;
}

export function attribute(element: Element, name: string): ts.JsxAttribute | undefined {
  return element.attributes.properties.find((a): a is ts.JsxAttribute => ts.isJsxAttribute(a) && attributeName(a) === name);
}

/** The expression of `attr={…}`; undefined for a bare attribute or a string. */
export function attributeExpression(attr: ts.JsxAttribute): ts.Expression | undefined {
  const init = attr.initializer;
  return init && ts.isJsxExpression(init) && init.expression ? init.expression : undefined;
}

/** A literal string attribute (`name="x"`, `name={'x'}`). */
export function attributeString(element: Element, name: string): string | undefined {
  const attr = attribute(element, name);
  const init = attr?.initializer;
  if (!init) return undefined;
  if (ts.isStringLiteral(init)) return init.text;
  const e = attributeExpression(attr);
  return e && ts.isStringLiteralLike(skipOuter(e)) ? (skipOuter(e) as ts.StringLiteralLike).text : undefined;
}

/** A bare attribute or `={true}`. */
function isOn(attr: ts.JsxAttribute | undefined): boolean {
  if (!attr) return false;
  const e = attributeExpression(attr);
  return !attr.initializer || (!!e && skipOuter(e).kind === ts.SyntaxKind.TrueKeyword);
}

function isWithin(node: ts.Node, container: ts.Node): boolean {
  return node.pos >= container.pos && node.end <= container.end;
}

/** The key a value expression names: `newsletter` of `prefs.newsletter` / `newsletter`. */
function keyOf(expression: ts.Expression): string {
  const e = unwrapBoolean(expression);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  if (ts.isCallExpression(e) && e.arguments[0] && ts.isStringLiteralLike(e.arguments[0])) return e.arguments[0].text;
  return '';
}

/**
 * Text that labels a checkbox: its `label` / `aria-label` props, its own children, an
 * enclosing `<label>`, an MUI `<FormControlLabel label>` around `control={…}`, or the text of
 * the nearest enclosing element (up to three levels) that has any.
 */
export function labelText(element: Element, target: ts.Node, sourceFile: ts.SourceFile): string {
  const parts: string[] = [];
  for (const n of ['label', 'aria-label', 'title']) {
    const s = attributeString(element, n);
    if (s) parts.push(s);
  }
  if (ts.isJsxElement(target)) parts.push(jsxText(target));
  // <FormControlLabel control={<Checkbox …/>} label="…" />
  const attr = target.parent && ts.isJsxExpression(target.parent) && ts.isJsxAttribute(target.parent.parent) ? target.parent.parent : undefined;
  if (attr) {
    const owner = attr.parent.parent;
    const s = attributeString(owner, 'label');
    if (s) parts.push(s);
    target = ts.isJsxOpeningElement(owner) ? owner.parent : owner;
  }
  let parent: ts.Node | undefined = target.parent;
  for (let depth = 0; parent && depth < 3; depth++, parent = parent.parent) {
    if (!ts.isJsxElement(parent)) continue;
    const isLabel = parent.openingElement.tagName.getText(sourceFile) === 'label';
    // An ancestor that holds other fields too is not this box's label.
    if (!isLabel && inputCount(parent) > 1) break;
    const text = jsxText(parent);
    if (isLabel || (text.trim() && text.length < 400)) {
      parts.push(text);
      break;
    }
  }
  return parts.join(' ');
}

/** Input-like elements under a node (inputs, selects, textareas, checkbox / switch components). */
function inputCount(node: ts.Node): number {
  let n = 0;
  const visit = (c: ts.Node): void => {
    if (n > 1) return;
    if (ts.isJsxSelfClosingElement(c) || ts.isJsxOpeningElement(c)) {
      const tag = ts.isIdentifier(c.tagName) ? c.tagName.text : ts.isPropertyAccessExpression(c.tagName) ? c.tagName.name.text : '';
      if (/^(input|select|textarea|Input|Select|Textarea|TextField|Checkbox|Switch|Field|Controller|FormField)$/.test(tag)) n++;
    }
    ts.forEachChild(c, visit);
  };
  visit(node);
  return n;
}

function jsxText(node: ts.Node): string {
  const parts: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isJsxText(n)) parts.push(n.text);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return parts.join(' ').replace(/\s+/g, ' ');
}
