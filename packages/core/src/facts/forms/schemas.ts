/**
 * Validation schemas as form fields: zod (`z.object`), yup (`object().shape`), valibot
 * (`v.object`) and joi (`Joi.object().keys`). Each property becomes a field with its
 * required flag (zod and valibot: required unless optional/nullish/default; yup and joi:
 * required only with `.required()`), its default, a refinement accepting only `true`, and
 * the edits of the quick fixes (make optional, remove).
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import { skipOuter } from '../consent';
import type { ScopeResolver } from '../scope';
import type { FieldEdit, FieldFact, SchemaFact } from '../types';
import { literalValue, removePropertyEdit, spanOf } from './ast';

export type SchemaLibrary = 'zod' | 'yup' | 'valibot' | 'joi';

const MODULES: Record<string, SchemaLibrary> = {
  zod: 'zod',
  'zod/v4': 'zod',
  'zod/v3': 'zod',
  yup: 'yup',
  valibot: 'valibot',
  joi: 'joi',
  '@hapi/joi': 'joi',
  // celebrate re-exports joi (`import { celebrate, Joi } from 'celebrate'`)
  celebrate: 'joi',
};

/** Callee names that may start a schema object (`z.object`, `object().shape`, `Joi.object().keys`). */
export const SCHEMA_OBJECT_CALLS = new Set(['object', 'strictObject', 'looseObject', 'shape', 'keys']);

interface Step {
  name: string;
  call: ts.CallExpression;
}

/** `z.string().email().optional()` → base `string` (the call on the namespace) and the method steps, innermost first. */
function decompose(expression: ts.Expression): { base?: ts.CallExpression; baseName?: string; steps: Step[] } {
  const steps: Step[] = [];
  let e = skipOuter(expression);
  while (ts.isCallExpression(e)) {
    const callee = skipOuter(e.expression);
    if (ts.isPropertyAccessExpression(callee) && ts.isCallExpression(skipOuter(callee.expression))) {
      steps.unshift({ name: callee.name.text, call: e });
      e = skipOuter(callee.expression);
      continue;
    }
    const baseName = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
    return { base: e, baseName, steps };
  }
  return { steps };
}

/** The schema library of a call chain, from the import its root name comes from. */
export function schemaLibraryOf(call: ts.CallExpression, scope: ScopeResolver): SchemaLibrary | undefined {
  let e: ts.Expression = call.expression;
  for (;;) {
    e = skipOuter(e);
    if (ts.isPropertyAccessExpression(e)) e = e.expression;
    else if (ts.isCallExpression(e)) e = e.expression;
    else break;
  }
  if (!ts.isIdentifier(e)) return undefined;
  const binding = scope.resolve(e.text, e);
  return binding?.kind === 'import' ? MODULES[binding.module] : undefined;
}

/** The object literal a schema-object call declares, and whether the schema makes every field optional (`.partial()`). */
function objectArgument(call: ts.CallExpression): ts.ObjectLiteralExpression | undefined {
  const name = ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : ts.isIdentifier(call.expression) ? call.expression.text : '';
  if (!SCHEMA_OBJECT_CALLS.has(name)) return undefined;
  const arg = call.arguments[0] && skipOuter(call.arguments[0]);
  return arg && ts.isObjectLiteralExpression(arg) ? arg : undefined;
}

/** Reads the schema objects among `calls`; nested objects become dotted field names of their parent. */
export function collectSchemas(calls: readonly ts.CallExpression[], scope: ScopeResolver, sourceFile: ts.SourceFile): { schemas: SchemaFact[]; byCall: Map<ts.CallExpression, number> } {
  const schemas: SchemaFact[] = [];
  const byCall = new Map<ts.CallExpression, number>();
  const nested = new Set<ts.Node>();
  for (const call of [...calls].sort((a, b) => a.pos - b.pos)) {
    if (nested.has(call)) continue;
    const object = objectArgument(call);
    if (!object) continue;
    const library = schemaLibraryOf(call, scope);
    if (!library) continue;
    const partial = chainAbove(call).some((s) => s === 'partial');
    const fields: FieldFact[] = [];
    readObject(object, '', library, partial, sourceFile, scope, fields, nested);
    const holder = variableOf(call);
    const name = holder && ts.isIdentifier(holder.name) ? holder.name.text : undefined;
    byCall.set(call, schemas.length);
    schemas.push({ library, name, exportNames: holder && name ? variableExportNames(holder, name, sourceFile) : [], span: spanOf(call, sourceFile), fields });
  }
  return { schemas, byCall };
}

function readObject(object: ts.ObjectLiteralExpression, prefix: string, library: SchemaLibrary, partial: boolean, sourceFile: ts.SourceFile, scope: ScopeResolver, out: FieldFact[], nested: Set<ts.Node>): void {
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) continue;
    const key = ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) ? property.name.text : undefined;
    if (key === undefined) continue;
    let value: ts.Expression | undefined = ts.isPropertyAssignment(property) ? property.initializer : property.name;
    let editable = ts.isPropertyAssignment(property);
    if (ts.isIdentifier(skipOuter(value))) {
      // email: emailSchema — a const holding the field schema.
      const id = skipOuter(value) as ts.Identifier;
      const binding = scope.resolve(id.text, id);
      value = binding?.kind === 'variable' && binding.isConst && !binding.propertyPath ? binding.declaration.initializer : undefined;
      editable = false;
    }
    if (!value) continue;
    const { base, baseName, steps } = decompose(value);
    const inner = innerObject(base, baseName, library);
    if (inner) {
      nested.add(base!);
      readObject(inner, `${prefix}${key}.`, library, partial || steps.some((s) => s.name === 'partial'), sourceFile, scope, out, nested);
      continue;
    }
    out.push(fieldOf(`${prefix}${key}`, property, value, base, baseName, steps, library, partial, editable, sourceFile));
  }
}

function innerObject(base: ts.CallExpression | undefined, baseName: string | undefined, library: SchemaLibrary): ts.ObjectLiteralExpression | undefined {
  if (!base || !baseName) return undefined;
  if (library === 'valibot' && (baseName === 'pipe' || baseName === 'optional') && base.arguments[0]) {
    const { base: b, baseName: n } = decompose(base.arguments[0]);
    return innerObject(b, n, library);
  }
  return objectArgument(base);
}

const ZOD_OPTIONAL_STEPS = new Set(['optional', 'nullish', 'default', 'catch', 'prefault']);
const ZOD_OPTIONAL_BASES = new Set(['optional', 'nullish', 'undefined', 'any', 'unknown', 'void', 'never']);
const VALIBOT_OPTIONAL_BASES = new Set(['optional', 'nullish', 'exactOptional', 'undefinedable', 'any', 'unknown']);

function fieldOf(
  name: string,
  property: ts.ObjectLiteralElementLike,
  value: ts.Expression,
  base: ts.CallExpression | undefined,
  baseName: string | undefined,
  steps: Step[],
  library: SchemaLibrary,
  partial: boolean,
  editable: boolean,
  sourceFile: ts.SourceFile,
): FieldFact {
  const span = spanOf(property, sourceFile);
  const names = steps.map((s) => s.name);
  let required: boolean;
  let requiredSpan = span;
  const optionalEdits: FieldEdit[] = [];
  let inputType = baseName;
  let mustBeTrue: FieldFact['mustBeTrue'];
  let defaultValue: FieldFact['defaultValue'];
  const defaultStep = steps.find((s) => s.name === 'default');
  if (defaultStep) {
    const literal = literalValue(defaultStep.call.arguments[0]);
    if (literal) defaultValue = { value: literal.value, span: spanOf(defaultStep.call.arguments[0], sourceFile) };
  }
  if (library === 'zod') {
    const emptyAllowed = steps.some((s) => s.name === 'or' && isEmptyLiteral(s.call.arguments[0]));
    required = !partial && !(baseName && ZOD_OPTIONAL_BASES.has(baseName)) && !names.some((n) => ZOD_OPTIONAL_STEPS.has(n)) && !emptyAllowed;
    if (baseName === 'literal' && base && base.arguments[0]?.kind === ts.SyntaxKind.TrueKeyword) mustBeTrue = spanOf(base, sourceFile);
    const refine = steps.find((s) => s.name === 'refine' && acceptsOnlyTrue(s.call.arguments[0]));
    if (refine) mustBeTrue = spanOf(refine.call, sourceFile);
    if (required && editable) {
      const ns = base && ts.isPropertyAccessExpression(base.expression) ? base.expression.expression.getText(sourceFile) : undefined;
      const stringy = baseName === 'string' || baseName === 'email';
      optionalEdits.push({ start: value.getEnd(), end: value.getEnd(), text: stringy && ns ? `.optional().or(${ns}.literal(''))` : '.optional()' });
    }
  } else if (library === 'valibot') {
    let core = base;
    let coreName = baseName;
    if (baseName === 'pipe' && base?.arguments[0]) {
      const inner = decompose(base.arguments[0]);
      core = inner.base;
      coreName = inner.baseName;
      if (base.arguments.slice(1).some((a) => { const d = decompose(a); return d.baseName === 'value' && d.base?.arguments[0]?.kind === ts.SyntaxKind.TrueKeyword; })) mustBeTrue = spanOf(base, sourceFile);
    }
    inputType = coreName;
    required = !partial && !(baseName && VALIBOT_OPTIONAL_BASES.has(baseName));
    if (coreName === 'literal' && core?.arguments[0]?.kind === ts.SyntaxKind.TrueKeyword) mustBeTrue = spanOf(core, sourceFile);
    if (required && editable && base && ts.isPropertyAccessExpression(base.expression)) {
      const ns = base.expression.expression.getText(sourceFile);
      optionalEdits.push({ start: value.getStart(sourceFile), end: value.getStart(sourceFile), text: `${ns}.optional(` }, { start: value.getEnd(), end: value.getEnd(), text: ')' });
    }
  } else {
    // yup and joi: optional unless `.required()`; a later `.optional()`/`.notRequired()` undoes it.
    let last: Step | undefined;
    for (const step of steps) {
      if (step.name === 'required' || (library === 'yup' && step.name === 'defined')) last = step;
      else if (['optional', 'notRequired', 'nullable', 'allow'].includes(step.name)) last = undefined;
    }
    required = !partial && last !== undefined;
    if (last) {
      requiredSpan = spanOf(last.call, sourceFile);
      const callee = last.call.expression as ts.PropertyAccessExpression;
      if (editable) optionalEdits.push({ start: callee.expression.getEnd(), end: last.call.getEnd(), text: '' });
    }
    const oneOf = steps.find((s) => (s.name === 'oneOf' || s.name === 'valid') && onlyTrue(s.call.arguments));
    const isTrue = steps.find((s) => s.name === 'isTrue');
    if (oneOf || isTrue) mustBeTrue = spanOf((oneOf ?? isTrue)!.call, sourceFile);
  }
  return {
    name,
    inputType,
    required,
    requiredSpan: required ? requiredSpan : undefined,
    defaultValue,
    span,
    origin: library,
    mustBeTrue,
    optionalEdits: required ? optionalEdits : [],
    removeEdits: editable ? [removePropertyEdit(property, sourceFile)] : [],
  };

}

function isEmptyLiteral(arg: ts.Expression | undefined): boolean {
  if (!arg) return false;
  const { base, baseName } = decompose(arg);
  const value = base?.arguments[0];
  return baseName === 'literal' && !!value && ts.isStringLiteralLike(value) && value.text === '';
}

/** `[true]`, `[true, null]` as the only accepted values. */
function onlyTrue(args: ts.NodeArray<ts.Expression>): boolean {
  const first = args[0] && skipOuter(args[0]);
  if (first && ts.isArrayLiteralExpression(first)) return first.elements.length > 0 && first.elements.some((e) => e.kind === ts.SyntaxKind.TrueKeyword) && first.elements.every((e) => e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.NullKeyword);
  return args.length > 0 && args.every((e) => e.kind === ts.SyntaxKind.TrueKeyword);
}

/** `(v) => v`, `(v) => v === true`, `Boolean`, `v => !!v`. */
function acceptsOnlyTrue(arg: ts.Expression | undefined): boolean {
  if (!arg) return false;
  const e = skipOuter(arg);
  if (ts.isIdentifier(e)) return e.text === 'Boolean';
  if (!ts.isArrowFunction(e) && !ts.isFunctionExpression(e)) return false;
  const param = e.parameters[0]?.name;
  if (!param || !ts.isIdentifier(param)) return false;
  let body: ts.Node = e.body;
  if (ts.isBlock(body)) {
    const ret = body.statements.length === 1 && ts.isReturnStatement(body.statements[0]) ? body.statements[0].expression : undefined;
    if (!ret) return false;
    body = ret;
  }
  let b = skipOuter(body as ts.Expression);
  while (ts.isPrefixUnaryExpression(b) && b.operator === ts.SyntaxKind.ExclamationToken && ts.isPrefixUnaryExpression(b.operand) && b.operand.operator === ts.SyntaxKind.ExclamationToken) b = skipOuter(b.operand.operand);
  if (ts.isIdentifier(b)) return b.text === param.text;
  if (ts.isBinaryExpression(b) && (b.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || b.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken)) {
    const [l, r] = [skipOuter(b.left), skipOuter(b.right)];
    return (ts.isIdentifier(l) && l.text === param.text && r.kind === ts.SyntaxKind.TrueKeyword) || (ts.isIdentifier(r) && r.text === param.text && l.kind === ts.SyntaxKind.TrueKeyword);
  }
  return false;
}

/** Method names applied above a call (`z.object({…}).partial().strict()` → partial, strict). */
function chainAbove(call: ts.CallExpression): string[] {
  const out: string[] = [];
  let n: ts.Node = call;
  while (ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n && ts.isCallExpression(n.parent.parent)) {
    out.push(n.parent.name.text);
    n = n.parent.parent;
  }
  return out;
}

/** The variable a schema (possibly with methods chained after it) is assigned to. */
function variableOf(call: ts.CallExpression): ts.VariableDeclaration | undefined {
  let n: ts.Node = call;
  for (;;) {
    const p = n.parent;
    if (!p) return undefined;
    if (ts.isPropertyAccessExpression(p) && p.expression === n && ts.isCallExpression(p.parent)) n = p.parent;
    else if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p)) n = p;
    else if (ts.isVariableDeclaration(p) && p.initializer === n) return p;
    else return undefined;
  }
}

/** Export names of a variable: `export const x`, `export { x as y }`, `export default x`. */
export function variableExportNames(declaration: ts.VariableDeclaration, name: string, sourceFile: ts.SourceFile): string[] {
  const names = new Set<string>();
  const statement = declaration.parent?.parent;
  if (statement && ts.isVariableStatement(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) names.add(name);
  for (const s of sourceFile.statements) {
    if (ts.isExportAssignment(s) && ts.isIdentifier(s.expression) && s.expression.text === name) names.add('default');
    if (ts.isExportDeclaration(s) && !s.moduleSpecifier && s.exportClause && ts.isNamedExports(s.exportClause)) {
      for (const e of s.exportClause.elements) if ((e.propertyName ?? e.name).text === name) names.add(e.name.text);
    }
  }
  return [...names];
}
