/**
 * JSX forms: `<form>` (and library form containers) with the fields inside them, native
 * inputs and the component libraries of `knowledge/form-components.json`, react-hook-form
 * `register` and `Controller`, Mantine `getInputProps`, Formik `<Field>`. Works on the JSX
 * tags the one syntax walk collected; only parent chains are walked here.
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import { skipOuter } from '../consent';
import { functionName } from '../gating';
import type { ScopeResolver } from '../scope';
import type { FieldEdit, FieldFact, FieldOrigin, FormFact } from '../types';
import {
  attribute,
  attributeExpression,
  attributeIsTrue,
  attributeName,
  attributeString,
  elementOf,
  jsxText,
  literalValue,
  removeAttributeEdit,
  removeLinesEdit,
  removeWithLabel,
  spanOf,
  staticString,
  tagText,
  type JsxTag,
} from './ast';
import { libraryRole, originOf, typeFromTag, type LibraryEntry, type Role } from './libraries';
import type { PurposeEvidence } from './purpose';
import { cleanText } from './words';

const NATIVE_FIELDS = new Set(['input', 'select', 'textarea']);
const NOT_FIELDS = new Set(['submit', 'button', 'reset', 'image']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'legend', 'DialogTitle', 'CardTitle', 'SheetTitle', 'Title', 'Heading']);
/** Project components that look like a field: `<Input name="email">`, `<EmailField name="email">`. */
const GENERIC_FIELD = /(Input|Field|Select|Textarea|TextArea|Checkbox|Picker|Radio)$/;

interface Classified {
  tag: JsxTag;
  text: string;
  role?: Role;
  library?: LibraryEntry;
  native: boolean;
}

/** A form under construction: the container (or the component, for forms without a `<form>`). */
export interface JsxFormDraft {
  form: FormFact;
  /** The container element, or the component function for container-less field groups. */
  key: ts.Node;
  fn?: ts.SignatureDeclaration;
  evidence: PurposeEvidence[];
  handler?: ts.Expression;
}

/** Collects JSX forms from the file's JSX tags. */
export function collectJsxForms(tags: readonly JsxTag[], scope: ScopeResolver, sourceFile: ts.SourceFile): JsxFormDraft[] {
  if (tags.length === 0) return [];
  const classified = new Map<ts.Node, Classified>();
  const labelsFor = new Map<string, string>();
  /** `<label htmlFor>` elements by target id (a removed field takes its label along). */
  const labelElementsFor = new Map<string, ts.Node[]>();
  const groupLabels = new Map<ts.Node, string>();
  const binderLabels = new Map<ts.Node, string>();
  const list: Classified[] = [];
  for (const tag of tags) {
    const text = tagText(tag);
    const lib = text && /^[A-Z]/.test(text) ? libraryRole(tag, scope) : undefined;
    const c: Classified = { tag, text, role: lib?.role, library: lib?.library, native: NATIVE_FIELDS.has(text) };
    classified.set(elementOf(tag), c);
    list.push(c);
  }
  // Labels: `<label htmlFor>`, group labels (`FormLabel` in a `FormControl`), binder labels (`FormLabel` in a `FormField` render).
  for (const c of list) {
    const isLabel = c.text === 'label' || c.text === 'Label' || c.role === 'groupLabel' || c.role === 'binderLabel';
    if (!isLabel) continue;
    const element = elementOf(c.tag);
    const text = cleanText(jsxText(element));
    if (!text) continue;
    const target = attributeString(c.tag, 'htmlFor', scope) ?? attributeString(c.tag, 'for', scope);
    if (target) {
      labelsFor.set(target, text);
      labelElementsFor.set(target, [...(labelElementsFor.get(target) ?? []), element]);
    }
    if (c.role === 'groupLabel') {
      const group = ancestor(element, classified, (a) => a.role === 'group');
      if (group) groupLabels.set(group, text);
    }
    if (c.role === 'binderLabel' || c.text === 'FormLabel') {
      const binder = ancestor(element, classified, (a) => a.role === 'binder');
      if (binder) binderLabels.set(binder, text);
    }
  }

  const drafts = new Map<ts.Node, JsxFormDraft>();
  const draftFor = (at: ts.Node): JsxFormDraft => {
    const container = outermostContainer(at, classified);
    const fn = container ? undefined : componentOf(at);
    const key = container ?? fn ?? sourceFile;
    let draft = drafts.get(key);
    if (!draft) {
      draft = newDraft(key, container ? classified.get(container) : undefined, fn ?? componentOf(key), scope, sourceFile);
      drafts.set(key, draft);
    }
    return draft;
  };

  for (const c of list) {
    const element = elementOf(c.tag);
    if (c.role === 'binder') {
      const field = binderField(c, element, binderLabels.get(element), scope, sourceFile);
      if (field) draftFor(element).form.fields.push(field);
      continue;
    }
    // The input drawn inside a binder (`Form.Item`, `Controller`, `FormField`) is the binder's field.
    const inputLike = c.native || c.role === 'field' || (!c.role && GENERIC_FIELD.test(c.text));
    const binder = inputLike ? ancestor(element, classified, (a) => a.role === 'binder') : undefined;
    if (binder) {
      const field = draftFor(binder).form.fields.find((f) => f.span.start === binder.getStart(sourceFile));
      if (field) enrich(field, c, scope);
      continue;
    }
    if (isFieldTag(c)) {
      const field = elementField(c, element, classified, labelsFor, labelElementsFor, groupLabels, scope, sourceFile);
      if (field) draftFor(element).form.fields.push(field);
      continue;
    }
    if (HEADINGS.has(c.text)) {
      const text = cleanText(jsxText(element));
      if (text && hasForm(element, classified, drafts)) draftFor(element).evidence.push({ tier: 3, what: 'heading', text });
      continue;
    }
    const submit = submitOf(c, element, scope, sourceFile);
    if (submit && hasForm(element, classified, drafts)) {
      const draft = draftFor(element);
      draft.form.submit ??= submit;
      if (submit.text) draft.evidence.push({ tier: 3, what: 'submit button', text: submit.text });
    }
  }
  return [...drafts.values()].filter((d) => d.form.fields.length > 0);
}

/** A heading or button belongs to a form only when that form (container or component) has fields or is a container. */
function hasForm(element: ts.Node, classified: Map<ts.Node, Classified>, drafts: Map<ts.Node, JsxFormDraft>): boolean {
  const container = outermostContainer(element, classified);
  if (container) return true;
  const fn = componentOf(element);
  return fn !== undefined && drafts.has(fn);
}

function isFieldTag(c: Classified): boolean {
  if (c.native) return true;
  if (c.role === 'field') return true;
  if (c.role || !/^[A-Z]/.test(c.text) || !GENERIC_FIELD.test(c.text)) return false;
  // A project component that takes a field name: `<Input name="email" />`, `<Field name="x" />`.
  return attribute(c.tag, 'name') !== undefined || spreadBinding(c.tag) !== undefined;
}

function newDraft(key: ts.Node, container: Classified | undefined, fn: ts.SignatureDeclaration | undefined, scope: ScopeResolver, sourceFile: ts.SourceFile): JsxFormDraft {
  const evidence: PurposeEvidence[] = [];
  const component = fn ? functionName(fn) : undefined;
  if (component) evidence.push({ tier: 2, what: 'component', text: component });
  const form: FormFact = {
    id: '',
    span: spanOf(key === sourceFile ? sourceFile : key, sourceFile),
    component,
    kind: 'jsx',
    purposeHints: [],
    purposeEvidence: evidence,
    fields: [],
  };
  let handler: ts.Expression | undefined;
  if (container) {
    const tag = container.tag;
    const id = attributeString(tag, 'id', scope);
    const name = attributeString(tag, 'name', scope);
    const aria = attributeString(tag, 'aria-label', scope);
    form.name = id ?? name ?? aria;
    for (const [what, text] of [['form id', id], ['form name', name], ['form label', aria]] as const) if (text) evidence.push({ tier: 2, what, text });
    const action = attributeExpression(attribute(tag, 'action'));
    const actionText = staticString(action, scope);
    if (actionText !== undefined) {
      form.action = actionText;
      evidence.push({ tier: 1, what: 'action', text: actionText }, { tier: 2, what: 'action', text: actionText });
    } else if (action && ts.isIdentifier(action)) {
      evidence.push({ tier: 2, what: 'server action', text: action.text });
      handler = action;
    }
    const onSubmit = attributeExpression(attribute(tag, 'onSubmit')) ?? attributeExpression(attribute(tag, 'onFinish'));
    if (onSubmit) {
      handler ??= onSubmit;
      for (const name of handlerNames(onSubmit)) evidence.push({ tier: 2, what: 'submit handler', text: name });
    }
  }
  return { form, key, fn, evidence, handler };
}

/** `handleSubmit(onSubscribe)` → `onSubscribe`; `onSignup` → `onSignup`; `form.onSubmit(save)` → `save`. */
function handlerNames(expression: ts.Expression): string[] {
  const e = skipOuter(expression);
  if (ts.isIdentifier(e)) return [e.text];
  if (ts.isPropertyAccessExpression(e)) return [e.name.text];
  if (ts.isCallExpression(e)) return e.arguments.flatMap((a) => handlerNames(a));
  return [];
}

/** The outermost form container around a node, within its component (render props included). */
function outermostContainer(node: ts.Node, classified: Map<ts.Node, Classified>): ts.Node | undefined {
  let found: ts.Node | undefined;
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n)) {
      const c = classified.get(n);
      if (c && isContainer(c)) found = n;
    }
    if (ts.isFunctionLike(n) && !isRenderProp(n)) break;
  }
  return found;
}

function isContainer(c: Classified): boolean {
  if (c.text === 'form' || c.role === 'container') return true;
  // Remix / React Router / project `<Form>` components; MUI `<Box component="form">`.
  if (c.text === 'Form') return true;
  return attributeString(c.tag, 'component') === 'form';
}

/** A function written inside JSX (a render prop, a `.map` callback): the form continues through it. */
function isRenderProp(fn: ts.Node): boolean {
  for (let n = fn.parent; n; n = n.parent) {
    if (ts.isJsxExpression(n) || ts.isJsxAttribute(n)) return true;
    if (ts.isStatement(n) || ts.isSourceFile(n)) return false;
  }
  return false;
}

/** The component (top-level function) a node is drawn in. */
function componentOf(node: ts.Node): ts.SignatureDeclaration | undefined {
  let found: ts.SignatureDeclaration | undefined;
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n)) {
      found = n as ts.SignatureDeclaration;
      if (!isRenderProp(n)) break;
    }
  }
  return found;
}

/** The nearest enclosing tag with the given role (render props included, up to 20 levels). */
function ancestor(node: ts.Node, classified: Map<ts.Node, Classified>, test: (c: Classified) => boolean): ts.Node | undefined {
  let depth = 0;
  for (let n: ts.Node | undefined = node.parent; n && depth < 20; n = n.parent, depth++) {
    if (ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n)) {
      const c = classified.get(n);
      if (c && test(c)) return n;
    }
    if (ts.isFunctionLike(n) && !isRenderProp(n)) return undefined;
  }
  return undefined;
}

/** `{...register('email', {…})}`, `{...form.getInputProps('email')}`, `{...formik.getFieldProps('email')}`. */
function spreadBinding(tag: JsxTag): { name: string; options?: ts.ObjectLiteralExpression; call: ts.CallExpression } | undefined {
  for (const a of tag.attributes.properties) {
    if (!ts.isJsxSpreadAttribute(a)) continue;
    const e = skipOuter(a.expression);
    if (!ts.isCallExpression(e)) continue;
    const callee = skipOuter(e.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    if (!['register', 'getInputProps', 'getFieldProps'].includes(name)) continue;
    const key = e.arguments[0] && ts.isStringLiteralLike(skipOuter(e.arguments[0])) ? (skipOuter(e.arguments[0]) as ts.StringLiteralLike).text : undefined;
    if (key === undefined) continue;
    const options = e.arguments[1] && skipOuter(e.arguments[1]);
    return { name: key, options: options && ts.isObjectLiteralExpression(options) ? options : undefined, call: e };
  }
  return undefined;
}

/** `required: true` / `required: 'Please enter…'` / `required: { value: true }` in a rules object; the edit that turns it off. */
export function rulesRequired(rules: ts.ObjectLiteralExpression | undefined, sourceFile: ts.SourceFile): { span: ts.Node; edit: FieldEdit } | undefined {
  if (!rules) return undefined;
  for (const p of rules.properties) {
    if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) || p.name.text !== 'required') continue;
    const v = skipOuter(p.initializer);
    const on = v.kind === ts.SyntaxKind.TrueKeyword || (ts.isStringLiteralLike(v) && v.text !== '') || (ts.isObjectLiteralExpression(v) && v.properties.some((q) => ts.isPropertyAssignment(q) && q.name.getText(sourceFile) === 'value' && skipOuter(q.initializer).kind === ts.SyntaxKind.TrueKeyword));
    if (!on) return undefined;
    return { span: p, edit: { start: p.initializer.getStart(sourceFile), end: p.initializer.getEnd(), text: 'false' } };
  }
  return undefined;
}

function elementField(
  c: Classified,
  element: ts.JsxElement | ts.JsxSelfClosingElement,
  classified: Map<ts.Node, Classified>,
  labelsFor: Map<string, string>,
  labelElementsFor: Map<string, ts.Node[]>,
  groupLabels: Map<ts.Node, string>,
  scope: ScopeResolver,
  sourceFile: ts.SourceFile,
): FieldFact | undefined {
  const { tag } = c;
  const type = (attributeString(tag, 'type', scope) ?? (c.native ? (c.text === 'input' ? 'text' : c.text) : typeFromTag(c.text)))?.toLowerCase();
  if (type && NOT_FIELDS.has(type)) return undefined;
  const spread = spreadBinding(tag);
  const id = attributeString(tag, 'id', scope);
  const name = attributeString(tag, 'name', scope) ?? spread?.name ?? valueName(tag) ?? id ?? '';
  const origin: FieldOrigin = c.library ? originOf(c.library) : spread?.call && /register/.test(spread.call.expression.getText(sourceFile)) ? 'rhf' : c.native ? 'jsx' : 'jsx';
  const group = ancestor(element, classified, (a) => a.role === 'group');
  const wrapping = ancestor(element, classified, (a) => a.text === 'label');
  let label = attributeString(tag, 'aria-label', scope);
  for (const prop of c.library?.labelProps ?? ['label']) if (prop !== 'placeholder') label ??= attributeString(tag, prop, scope);
  if (label === undefined && id) label = labelsFor.get(id);
  // The label's own text, not the options of a select inside it.
  if (label === undefined && wrapping) label = cleanText(jsxText(wrapping, element));
  if (label === undefined && group) label = groupLabels.get(group);
  const sibling = label === undefined ? siblingLabel(element, classified) : undefined;
  label ??= sibling && cleanText(jsxText(sibling));
  const field: FieldFact = {
    name,
    label,
    placeholder: attributeString(tag, 'placeholder', scope),
    inputType: type,
    required: false,
    span: spanOf(element, sourceFile),
    origin,
    hidden: type === 'hidden' || undefined,
    optionalEdits: [],
  };
  // Required: the element's own flag, its group's flag, or register()'s rules.
  const requiredProps = c.library?.requiredProps ?? ['required', 'isRequired', 'aria-required'];
  for (const prop of requiredProps) {
    const a = attribute(tag, prop);
    if (attributeIsTrue(a)) {
      field.required = true;
      field.requiredSpan ??= spanOf(a!, sourceFile);
      field.optionalEdits!.push(removeAttributeEdit(a!, sourceFile));
    }
  }
  if (group) {
    const g = classified.get(group)!;
    for (const prop of g.library?.groupRequiredProps ?? []) {
      const a = attribute(g.tag, prop);
      if (attributeIsTrue(a)) {
        field.required = true;
        field.requiredSpan ??= spanOf(a!, sourceFile);
        field.optionalEdits!.push(removeAttributeEdit(a!, sourceFile));
      }
    }
  }
  const rules = rulesRequired(spread?.options, sourceFile);
  if (rules) {
    field.required = true;
    field.requiredSpan ??= spanOf(rules.span, sourceFile);
    field.optionalEdits!.push(rules.edit);
  }
  const dflt = defaultOf(tag, type, sourceFile);
  if (dflt) field.defaultValue = dflt;
  const outer = group ?? (wrapping && onlyField(wrapping, element, classified) ? wrapping : undefined) ?? element;
  // A label standing apart (`htmlFor`, right before it) goes too: left behind it would name the next field.
  const forLabels = id ? labelElementsFor.get(id) : undefined;
  const apart = outer === element ? sibling ?? (forLabels?.length === 1 ? forLabels[0] : undefined) : undefined;
  field.removeEdits = removeWithLabel(spanOf(outer, sourceFile), apart && spanOf(apart, sourceFile), sourceFile.text);
  return field;
}

/** `value={email}` / `value={form.email}` names a controlled input after its state. */
function valueName(tag: JsxTag): string | undefined {
  const e = attributeExpression(attribute(tag, 'value')) ?? attributeExpression(attribute(tag, 'checked'));
  if (!e) return undefined;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

function defaultOf(tag: JsxTag, type: string | undefined, sourceFile: ts.SourceFile): FieldFact['defaultValue'] {
  for (const name of ['defaultValue', 'defaultChecked', 'checked']) {
    const a = attribute(tag, name);
    if (!a) continue;
    if (!a.initializer) return { value: true, span: spanOf(a, sourceFile) };
    const literal = literalValue(attributeExpression(a));
    if (literal && (name !== 'checked' || type === 'checkbox' || type === 'radio')) return { value: literal.value, span: spanOf(a, sourceFile) };
  }
  return undefined;
}

/** A `<label>` sibling right before the field (`<label>Email</label><input …/>`), with no other field between. */
function siblingLabel(element: ts.Node, classified: Map<ts.Node, Classified>): ts.JsxElement | undefined {
  const parent = element.parent;
  if (!parent || !ts.isJsxElement(parent)) return undefined;
  const children = parent.children;
  const index = children.indexOf(element as ts.JsxChild);
  for (let i = index - 1; i >= 0; i--) {
    const child = children[i];
    if (ts.isJsxText(child) && !child.text.trim()) continue;
    if (!ts.isJsxElement(child)) return undefined;
    const c = classified.get(child);
    // A label naming another field (`htmlFor`, or one wrapping an input) is not this field's.
    if (c && (c.text === 'label' || c.text === 'Label' || c.role === 'groupLabel' || c.text === 'FormLabel') && !attribute(c.tag, 'htmlFor') && !containsField(child, classified)) return cleanText(jsxText(child)) ? child : undefined;
    return undefined;
  }
  return undefined;
}

function containsField(node: ts.Node, classified: Map<ts.Node, Classified>): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    const c = (ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n)) && classified.get(n);
    if (c && n !== node && (c.native || c.role === 'field')) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** True when `field` is the only field inside `wrapper`. */
function onlyField(wrapper: ts.Node, field: ts.Node, classified: Map<ts.Node, Classified>): boolean {
  let count = 0;
  const visit = (n: ts.Node): void => {
    if (count > 1) return;
    const c = (ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n)) && classified.get(n);
    if (c && (c.native || c.role === 'field')) count++;
    ts.forEachChild(n, visit);
  };
  visit(wrapper);
  return count === 1 && field !== wrapper;
}

function binderField(c: Classified, element: ts.JsxElement | ts.JsxSelfClosingElement, innerLabel: string | undefined, scope: ScopeResolver, sourceFile: ts.SourceFile): FieldFact | undefined {
  const library = c.library!;
  let name: string | undefined;
  for (const prop of library.binderNameProps ?? ['name']) {
    const e = attributeExpression(attribute(c.tag, prop));
    name ??= staticString(e, scope);
    // antd: name={['user', 'email']}
    if (name === undefined && e && ts.isArrayLiteralExpression(e)) {
      const parts = e.elements.map((x) => staticString(x, scope) ?? (ts.isNumericLiteral(x) ? x.text : undefined));
      if (parts.every((p) => p !== undefined)) name = parts.join('.');
    }
  }
  if (name === undefined) return undefined;
  let label: string | undefined;
  for (const prop of library.binderLabelProps ?? []) label ??= attributeString(c.tag, prop, scope);
  label ??= innerLabel;
  const field: FieldFact = { name, label, required: false, span: spanOf(element, sourceFile), origin: originOf(library), optionalEdits: [] };
  const rulesAttr = library.binderRules ? attribute(c.tag, library.binderRules) : undefined;
  const rules = attributeExpression(rulesAttr);
  if (rules) {
    // rules={{ required: true }} (react-hook-form) / rules={[{ required: true, message }]} (antd)
    const objects = ts.isArrayLiteralExpression(rules) ? rules.elements.map((e) => skipOuter(e)).filter(ts.isObjectLiteralExpression) : ts.isObjectLiteralExpression(rules) ? [rules] : [];
    for (const object of objects) {
      const r = rulesRequired(object, sourceFile);
      if (!r) continue;
      field.required = true;
      field.requiredSpan ??= spanOf(r.span, sourceFile);
      field.optionalEdits!.push(r.edit);
    }
  }
  const dflt = attribute(c.tag, 'defaultValue') ?? attribute(c.tag, 'initialValue');
  const literal = literalValue(attributeExpression(dflt));
  if (dflt && literal) field.defaultValue = { value: literal.value, span: spanOf(dflt, sourceFile) };
  field.removeEdits = [removeLinesEdit(field.span, sourceFile.text)];
  return field;
}

/** What the input drawn inside a binder adds: placeholder, type, a label prop. */
function enrich(field: FieldFact, c: Classified, scope: ScopeResolver): void {
  field.placeholder ??= attributeString(c.tag, 'placeholder', scope);
  field.inputType ??= (attributeString(c.tag, 'type', scope) ?? (c.native ? (c.text === 'input' ? 'text' : c.text) : typeFromTag(c.text)))?.toLowerCase();
  field.label ??= attributeString(c.tag, 'label', scope) ?? attributeString(c.tag, 'aria-label', scope);
  if (!field.required) {
    for (const prop of c.library?.requiredProps ?? ['required']) if (attributeIsTrue(attribute(c.tag, prop))) field.required = true;
  }
}

/** A submit control: `<button>` (submit by default), `<Button type="submit">`, `<input type="submit" value>`. */
function submitOf(c: Classified, element: ts.JsxElement | ts.JsxSelfClosingElement, scope: ScopeResolver, sourceFile: ts.SourceFile): FormFact['submit'] | undefined {
  const type = attributeString(c.tag, 'type', scope)?.toLowerCase();
  const isButton = c.text === 'button' ? type === undefined || type === 'submit' : c.text === 'input' ? type === 'submit' : /Button$/.test(c.text) && type === 'submit';
  if (!isButton) return undefined;
  const text = c.text === 'input' ? attributeString(c.tag, 'value', scope) : cleanText(jsxText(element));
  const disabled = attribute(c.tag, 'disabled');
  const disabledExpr = disabled && attributeExpression(disabled) ? attributeExpression(disabled)!.getText(sourceFile) : disabled ? 'true' : undefined;
  return { span: spanOf(element, sourceFile), text, disabledExpr };
}

export { attributeName };
