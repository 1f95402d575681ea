/**
 * Small syntax helpers shared by the form passes: JSX attributes and text, static values,
 * and the text edits of the quick fixes (removing an attribute, a property, a whole element
 * with its line).
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import { skipOuter } from '../consent';
import type { ScopeResolver } from '../scope';
import type { FieldEdit, Span } from '../types';

export type JsxTag = ts.JsxOpeningElement | ts.JsxSelfClosingElement;

/** `input`, `TextField`, `Form.Item`, `Field.Root`; `''` for other tag expressions. */
export function tagText(element: JsxTag): string {
  const tag = element.tagName;
  if (ts.isIdentifier(tag)) return tag.text;
  if (ts.isPropertyAccessExpression(tag) && ts.isIdentifier(tag.expression)) return `${tag.expression.text}.${tag.name.text}`;
  return '';
}

/** The root identifier of a tag (`Form` of `Form.Item`). */
export function tagRoot(element: JsxTag): ts.Identifier | undefined {
  const tag = element.tagName;
  if (ts.isIdentifier(tag)) return tag;
  if (ts.isPropertyAccessExpression(tag) && ts.isIdentifier(tag.expression)) return tag.expression;
  return undefined;
}

export function attributeName(attribute: ts.JsxAttribute): string {
  const name = attribute.name;
  return ts.isIdentifier(name) ? name.text : `${name.namespace.text}:${name.name.text}`;
}

export function attribute(element: JsxTag, name: string): ts.JsxAttribute | undefined {
  for (const a of element.attributes.properties) if (ts.isJsxAttribute(a) && attributeName(a) === name) return a;
  return undefined;
}

/** The expression of `x={…}`; a string literal initializer is returned as is. */
export function attributeExpression(a: ts.JsxAttribute | undefined): ts.Expression | undefined {
  const init = a?.initializer;
  if (!init) return undefined;
  if (ts.isStringLiteral(init)) return init;
  if (ts.isJsxExpression(init) && init.expression) return skipOuter(init.expression);
  return undefined;
}

/** A static string: a literal, a template without substitutions, or a `const` holding one. */
export function staticString(expression: ts.Expression | undefined, scope?: ScopeResolver): string | undefined {
  if (!expression) return undefined;
  const e = skipOuter(expression);
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isIdentifier(e) && scope) {
    const binding = scope.resolve(e.text, e);
    const init = binding?.kind === 'variable' && binding.isConst && !binding.propertyPath ? binding.declaration.initializer : undefined;
    if (init && ts.isStringLiteralLike(skipOuter(init))) return (skipOuter(init) as ts.StringLiteralLike).text;
  }
  return undefined;
}

export function attributeString(element: JsxTag, name: string, scope?: ScopeResolver): string | undefined {
  return staticString(attributeExpression(attribute(element, name)), scope);
}

/** `required`, `required={true}`, `required="required"` (`required={false}` and dynamic values are not). */
export function attributeIsTrue(a: ts.JsxAttribute | undefined): boolean {
  if (!a) return false;
  if (!a.initializer) return true;
  const e = attributeExpression(a);
  if (!e) return false;
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  return ts.isStringLiteralLike(e) && e.text !== 'false';
}

/** A literal value (`'x'`, `1`, `true`, `false`, `null`) or undefined when not static. */
export function literalValue(expression: ts.Expression | undefined): { value: unknown } | undefined {
  if (!expression) return undefined;
  const e = skipOuter(expression);
  if (ts.isStringLiteralLike(e)) return { value: e.text };
  if (ts.isNumericLiteral(e)) return { value: Number(e.text) };
  if (e.kind === ts.SyntaxKind.TrueKeyword) return { value: true };
  if (e.kind === ts.SyntaxKind.FalseKeyword) return { value: false };
  if (e.kind === ts.SyntaxKind.NullKeyword) return { value: null };
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand)) return { value: -Number(e.operand.text) };
  return undefined;
}

/** Text of JSX children (JSX text and string literals in `{…}`), whitespace collapsed. */
export function jsxText(node: ts.Node, skip?: ts.Node): string {
  const parts: string[] = [];
  const visit = (n: ts.Node): void => {
    if (n === skip) return;
    if (ts.isJsxText(n)) parts.push(n.text);
    else if (ts.isJsxExpression(n) && n.expression && ts.isStringLiteralLike(n.expression)) parts.push(n.expression.text);
    else if (ts.isJsxAttributes(n)) return;
    ts.forEachChild(n, visit);
  };
  visit(node);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** The element node a tag belongs to (`<x>…</x>` for an opening tag, the tag itself when self-closing). */
export function elementOf(tag: JsxTag): ts.JsxElement | ts.JsxSelfClosingElement {
  return ts.isJsxOpeningElement(tag) ? tag.parent : tag;
}

export function spanOf(node: ts.Node, sourceFile: ts.SourceFile): Span {
  return { start: node.getStart(sourceFile), end: node.getEnd() };
}

/** Deletes an attribute with the whitespace before it. */
export function removeAttributeEdit(a: ts.JsxAttribute, sourceFile: ts.SourceFile): FieldEdit {
  const text = sourceFile.text;
  let start = a.getStart(sourceFile);
  while (start > 0 && /[ \t]/.test(text[start - 1])) start--;
  // An attribute alone on its line: take the line break too.
  if (start > 0 && text[start - 1] === '\n') {
    let end = a.getEnd();
    while (end < text.length && /[ \t]/.test(text[end])) end++;
    if (text[end] === '\n' || text[end] === '\r') return { start: start - (text[start - 2] === '\r' ? 2 : 1), end, text: '' };
  }
  return { start, end: a.getEnd(), text: '' };
}

/**
 * Deletes a span; when only whitespace surrounds it on its lines, the whole lines go (so no
 * blank line is left behind).
 */
export function removeLinesEdit(span: Span, text: string): FieldEdit {
  let start = span.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  let end = span.end;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  const atLineStart = start === 0 || text[start - 1] === '\n';
  const atLineEnd = end === text.length || text[end] === '\n' || text[end] === '\r';
  if (atLineStart && atLineEnd) {
    if (text[end] === '\r') end++;
    if (text[end] === '\n') end++;
    return { start, end, text: '' };
  }
  return { start: span.start, end: span.end, text: '' };
}

/**
 * Deletes a field together with a label standing apart from it (`<label for>`, a label right
 * before it): one deletion when only whitespace separates them, else two. Left behind, the
 * label would name the next field.
 */
export function removeWithLabel(field: Span, label: Span | undefined, text: string): FieldEdit[] {
  if (!label || (label.start < field.end && field.start < label.end)) return [removeLinesEdit(field, text)];
  const [a, b] = label.start < field.start ? [label, field] : [field, label];
  if (!text.slice(a.end, b.start).trim()) return [removeLinesEdit({ start: a.start, end: b.end }, text)];
  return [removeLinesEdit(a, text), removeLinesEdit(b, text)];
}

/** Deletes an object-literal property with its comma (and its line when it has one of its own). */
export function removePropertyEdit(property: ts.ObjectLiteralElementLike, sourceFile: ts.SourceFile): FieldEdit {
  const text = sourceFile.text;
  const start = property.getStart(sourceFile);
  let end = property.getEnd();
  let i = end;
  while (i < text.length && /[ \t]/.test(text[i])) i++;
  if (text[i] === ',') end = i + 1;
  else {
    // Last property: take the comma before it instead.
    const list = (property.parent as ts.ObjectLiteralExpression).properties;
    const index = list.indexOf(property);
    if (index > 0) {
      const previousEnd = list[index - 1].getEnd();
      const between = text.slice(previousEnd, start);
      const comma = between.indexOf(',');
      if (comma >= 0) return { start: previousEnd + comma, end, text: '' };
    }
  }
  return removeLinesEdit({ start, end }, text);
}

/** The nearest enclosing function-like node (a component or handler). */
export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return n as ts.SignatureDeclaration;
  return undefined;
}
