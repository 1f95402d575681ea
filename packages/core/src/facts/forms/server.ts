/**
 * Server-side validation read as forms (`kind: 'route'`): what an endpoint accepts is a form
 * too, whoever renders it. Filled from the nodes the one syntax walk collected:
 * - zod / yup / joi / valibot schemas validated in a server handler (`schema.parse(req.body)`,
 *   `safeParse(await request.json())`, `validateAsync(req.body)`), defined or used inside an
 *   Express/Fastify/Koa route (`app.post('/subscribe', validate(schema), …)`, celebrate,
 *   Hono `zValidator('json', schema)`), a Next.js route handler (`export async function POST`
 *   in `app/api/…/route.ts`), a server action (`'use server'`) or a NestJS controller method;
 *   a schema imported from another project file becomes that file's schema (`resolveForms`);
 * - express-validator chains (`body('email').isEmail()`, `check(…)`) of one route or one
 *   exported list of validators;
 * - class-validator DTO classes (`@IsEmail() email`, `@IsOptional()`).
 * Each field keeps name, required flag, default, a refinement accepting only `true` and the
 * edits of the quick fixes. Purpose evidence: the route path, the handler, schema, list or
 * class name (tier 2), the file path (tier 4).
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import { skipOuter } from '../consent';
import { functionName } from '../gating';
import type { ScopeResolver } from '../scope';
import type { FieldEdit, FieldFact, FormFact, SchemaFact } from '../types';
import { literalValue, removeLinesEdit, spanOf } from './ast';
import { routeOf, type PurposeEvidence } from './purpose';

/** Methods of a schema that validate input (zod, yup, joi). */
const VALIDATE_METHODS = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'validate', 'validateAsync', 'validateSync', 'cast', 'attempt']);
/** Route-registering methods whose handlers receive submitted data. */
const ROUTE_METHODS = new Set(['post', 'put', 'patch', 'all']);
/** NestJS method decorators of such routes. */
const NEST_METHODS = new Set(['Post', 'Put', 'Patch', 'All']);
/** Next.js route handler exports that receive a body. */
const NEXT_HANDLERS = new Set(['POST', 'PUT', 'PATCH']);
/** Middleware factories taking a schema (`validate(schema)`, Hono `zValidator('json', schema)`, celebrate). */
const MIDDLEWARE = /^(validate\w*|zValidator|vValidator|yupValidator|celebrate|validator)$/;
/** Request data: `req.body`, `await request.json()`, `formData`, `ctx.request.body`. */
const REQUEST_DATA = /\b(req|request|ctx\.request|c\.req)\s*\.\s*(body|json\s*\(|formData\s*\(|valid\s*\()|\bformData\b|\bevent\.body\b/;

/** Names of record operations (`CreateLeadDto`, `update_contact`). */
const RECORD_OPERATION = /^(?:[cC]reate|[uU]pdate|[aA]dd|[eE]dit|[pP]atch|[uU]psert|[iI]nsert|[sS]ave|[pP]ut|[dD]elete|[rR]emove|[nN]ew)(?:[A-Z_-]|$)/;
/** Field names of a password (sign-up and login endpoints). */
const PASSWORD = /(^|[._-])(password|passwort|passwd|pwd)$|^(password|passwort)[A-Z_]?|Password$/;
/** express-validator methods that only transform (a chain of these alone validates nothing). */
const EV_SANITIZERS = new Set(['trim', 'ltrim', 'rtrim', 'escape', 'unescape', 'normalizeEmail', 'toInt', 'toFloat', 'toBoolean', 'toDate', 'toLowerCase', 'toUpperCase', 'blacklist', 'whitelist', 'stripLow', 'customSanitizer', 'default', 'replace', 'withMessage', 'bail', 'if', 'run']);
/** class-validator decorators that make a property optional. */
const CV_OPTIONAL = new Set(['IsOptional', 'ValidateIf']);
/** class-validator decorators that say nothing about the value (documentation, nesting). */
const CV_INPUT_TYPES: Record<string, string> = {
  IsEmail: 'email',
  IsBoolean: 'boolean',
  IsDate: 'date',
  IsDateString: 'date',
  IsISO8601: 'date',
  IsPhoneNumber: 'tel',
  IsMobilePhone: 'tel',
  IsStrongPassword: 'password',
  IsNumber: 'number',
  IsInt: 'number',
  IsString: 'string',
};

/** Where a validation sits on the server. */
interface ServerContext {
  route?: string;
  /** Handler or action name. */
  handler?: string;
  /** What kind of server code it is, for the inventory (`Express route`, `Next.js route handler`, …). */
  kind: string;
  node: ts.Node;
}

/** One route form under construction. */
interface Draft {
  form: FormFact;
  evidence: PurposeEvidence[];
}

/**
 * The route forms of a script file. `clientSchemas`: indexes of local schemas a rendered form
 * of this file uses (those are the client form's, not an endpoint's).
 */
export function serverForms(
  file: string,
  sourceFile: ts.SourceFile,
  calls: readonly ts.CallExpression[],
  classes: readonly ts.ClassDeclaration[],
  scope: ScopeResolver,
  schemas: readonly SchemaFact[],
  byCall: ReadonlyMap<ts.CallExpression, number>,
  clientSchemas: ReadonlySet<number>,
): { form: FormFact; evidence: PurposeEvidence[] }[] {
  const useServer = hasUseServer(sourceFile.statements);
  const out: Draft[] = [];
  const bySchema = new Map<number | string, Draft>();

  const schemaForm = (key: number | string, context: ServerContext, make: () => Draft): void => {
    let draft = bySchema.get(key);
    if (!draft) {
      draft = make();
      bySchema.set(key, draft);
      out.push(draft);
    }
    addContext(draft, context);
  };

  // Schemas validated, or defined, in server code.
  for (const [call, index] of byCall) {
    if (clientSchemas.has(index)) continue;
    const context = serverContextOf(call, file, useServer);
    if (context) schemaForm(index, context, () => localSchemaDraft(index, schemas[index]));
  }
  for (const call of calls) {
    const target = validatedSchema(call, scope);
    if (!target) continue;
    const context = serverContextOf(call, file, useServer) ?? (target.input && REQUEST_DATA.test(target.input.getText(sourceFile)) ? { kind: 'request handler', node: call, handler: enclosingName(call) } : undefined);
    if (!context) continue;
    const e = skipOuter(target.schema);
    const index = localIndex(e, schemas, byCall);
    if (index !== undefined) {
      if (clientSchemas.has(index)) continue;
      schemaForm(index, context, () => localSchemaDraft(index, schemas[index]));
      continue;
    }
    // A schema imported from a project file: its fields are merged in by `resolveForms`.
    if (ts.isIdentifier(e)) {
      const binding = scope.resolve(e.text, e);
      if (binding?.kind !== 'import' || !isProjectModule(binding.module)) continue;
      const key = `${binding.module}\0${binding.exportName}`;
      schemaForm(key, context, () => ({
        form: newForm(e, sourceFile, e.text, { specifier: binding.module, exportName: binding.exportName, span: spanOf(e, sourceFile) }),
        evidence: nameEvidence('schema', e.text),
      }));
    }
  }

  out.push(...expressValidatorForms(calls, scope, sourceFile, file, useServer));
  for (const c of classes) {
    const draft = dtoForm(c, scope, sourceFile);
    if (draft) out.push(draft);
  }
  for (const draft of out) {
    draft.form.route ??= routeOf(file);
    markPasswords(draft.form.fields);
  }
  return out;
}

/** What a rendered form marks with `type="password"`, an endpoint says by the field's name (a sign-up endpoint has a password). */
export function markPasswords(fields: FieldFact[]): void {
  for (const field of fields) if (PASSWORD.test(field.name)) field.inputType = 'password';
}

/** A route form holding a copy of a local schema's fields. */
function localSchemaDraft(index: number, schema: SchemaFact): Draft {
  const form: FormFact = {
    id: '',
    span: schema.span,
    name: schema.name,
    kind: 'route',
    purposeHints: [],
    purposeEvidence: [],
    fields: schema.fields.map((f) => ({ ...f })),
    schema: { local: index, span: schema.span },
  };
  return { form, evidence: nameEvidence('schema', schema.name) };
}

/**
 * A schema, validator list or DTO name as purpose evidence. Names of record operations
 * (`CreateLeadDto`, `updateContactSchema`, `AddCustomerDto`) describe a record an API stores,
 * typically a CRM's or an admin's, not a form's purpose: they are not evidence (the route is).
 */
function nameEvidence(what: string, name: string | undefined): PurposeEvidence[] {
  if (!name || RECORD_OPERATION.test(name)) return [];
  return [{ tier: 2, what, text: name }];
}

function newForm(node: ts.Node, sourceFile: ts.SourceFile, name: string | undefined, schema?: FormFact['schema']): FormFact {
  return { id: '', span: spanOf(node, sourceFile), name, kind: 'route', purposeHints: [], purposeEvidence: [], fields: [], schema };
}

function addContext(draft: Draft, context: ServerContext): void {
  const { form, evidence } = draft;
  if (context.route && !form.route) form.route = context.route;
  form.component ??= context.handler;
  if (context.route && !evidence.some((e) => e.what === 'route' && e.text === context.route)) evidence.push({ tier: 2, what: 'route', text: context.route });
  if (context.handler && !evidence.some((e) => e.text === context.handler)) evidence.push({ tier: 2, what: context.kind === 'server action' ? 'server action' : 'handler', text: context.handler });
  if (!evidence.some((e) => e.what === 'server')) evidence.push({ tier: 4, what: 'server', text: context.kind });
}

/** The schema a call validates and the input it validates: `schema.parse(input)`, valibot `v.parse(schema, input)`, `validate(schema)` middleware. */
function validatedSchema(call: ts.CallExpression, scope: ScopeResolver): { schema: ts.Expression; input?: ts.Expression } | undefined {
  const callee = skipOuter(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (!name) return undefined;
  if (VALIDATE_METHODS.has(name)) {
    // valibot: v.parse(Schema, input) / parse(Schema, input)
    const root = ts.isPropertyAccessExpression(callee) ? skipOuter(callee.expression) : callee;
    if (ts.isIdentifier(root)) {
      const binding = scope.resolve(root.text, root);
      if (binding?.kind === 'import' && binding.module === 'valibot') return call.arguments[0] ? { schema: call.arguments[0], input: call.arguments[1] } : undefined;
      // Joi.validate(input, schema) (joi < 16)
      if (binding?.kind === 'import' && /^(@hapi\/)?joi$/.test(binding.module)) return call.arguments[1] ? { schema: call.arguments[1], input: call.arguments[0] } : undefined;
    }
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    return { schema: callee.expression, input: call.arguments[0] };
  }
  if (MIDDLEWARE.test(name) && ts.isIdentifier(callee)) {
    // validate(schema), zValidator('json', schema), celebrate({ body: schema })
    const arg = call.arguments.find((a) => !ts.isStringLiteralLike(skipOuter(a)));
    return arg ? { schema: arg } : undefined;
  }
  return undefined;
}

/** The local schema an expression is (`signupSchema`, `z.object({…}).strict()`). */
function localIndex(e: ts.Expression, schemas: readonly SchemaFact[], byCall: ReadonlyMap<ts.CallExpression, number>): number | undefined {
  if (ts.isIdentifier(e)) {
    const index = schemas.findIndex((s) => s.name === e.text);
    return index >= 0 ? index : undefined;
  }
  for (let x: ts.Expression = e; ; ) {
    const index = ts.isCallExpression(x) ? byCall.get(x) : undefined;
    if (index !== undefined) return index;
    const inner = skipOuter(x);
    if (ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression)) x = skipOuter(inner.expression.expression);
    else return undefined;
  }
}

/** A module of the project (relative or an alias), not a package. */
function isProjectModule(module: string): boolean {
  return /^(\.{1,2}\/|@\/|~\/|#|src\/)/.test(module);
}

function hasUseServer(statements: ts.NodeArray<ts.Statement>): boolean {
  for (const s of statements) {
    if (!ts.isExpressionStatement(s) || !ts.isStringLiteral(s.expression)) return false;
    if (s.expression.text === 'use server') return true;
  }
  return false;
}

/**
 * The server code around a node: an argument of a route registration (`app.post('/x', …)`,
 * `router.route('/x').post(…)`), a Next.js `POST` route handler, a server action, a NestJS
 * controller method with `@Post()`; undefined elsewhere.
 */
function serverContextOf(node: ts.Node, file: string, useServer: boolean): ServerContext | undefined {
  let handler: string | undefined;
  for (let n: ts.Node = node; n.parent && !ts.isSourceFile(n); n = n.parent) {
    const parent = n.parent;
    if (ts.isCallExpression(parent) && parent.expression !== n) {
      const route = routeOfCall(parent);
      if (route !== undefined) return { route, handler, kind: 'route', node: parent };
    }
    if (ts.isFunctionLike(n)) {
      const name = functionName(n as ts.SignatureDeclaration) ?? (ts.isMethodDeclaration(n) && ts.isIdentifier(n.name) ? n.name.text : undefined);
      handler ??= name;
      if (name && NEXT_HANDLERS.has(name) && isExported(n) && /\/route\.[jt]sx?$/.test(file.split('\\').join('/'))) return { route: routeOf(file), handler: name, kind: 'Next.js route handler', node: n };
      const body = (n as ts.FunctionLikeDeclaration).body;
      if (name && (useServer || (body && ts.isBlock(body) && hasUseServer(body.statements)))) return { handler: name, kind: 'server action', node: n };
      if (ts.isMethodDeclaration(n)) {
        const nest = nestRoute(n);
        if (nest !== undefined) return { route: nest, handler: name, kind: 'NestJS controller', node: n };
      }
    }
  }
  return undefined;
}

/** `app.post('/x', …)` → `/x`; `router.route('/x').post(…)` → `/x`; undefined when not a route registration. */
function routeOfCall(call: ts.CallExpression): string | undefined {
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !ROUTE_METHODS.has(callee.name.text)) return undefined;
  const first = call.arguments[0] && skipOuter(call.arguments[0]);
  if (first && ts.isStringLiteralLike(first) && first.text.startsWith('/')) return first.text;
  const inner = skipOuter(callee.expression);
  if (ts.isCallExpression(inner) && ts.isPropertyAccessExpression(skipOuter(inner.expression)) && (skipOuter(inner.expression) as ts.PropertyAccessExpression).name.text === 'route') {
    const path = inner.arguments[0] && skipOuter(inner.arguments[0]);
    if (path && ts.isStringLiteralLike(path)) return path.text;
  }
  return undefined;
}

function isExported(fn: ts.Node): boolean {
  const holder = ts.isFunctionDeclaration(fn) ? fn : ts.isVariableDeclaration(fn.parent) ? fn.parent.parent?.parent : undefined;
  return !!holder && !!ts.canHaveModifiers(holder) && !!ts.getModifiers(holder)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** `@Controller('newsletter') … @Post('subscribe')` → `/newsletter/subscribe`; undefined without a body-taking route decorator. */
function nestRoute(method: ts.MethodDeclaration): string | undefined {
  const decorator = decoratorCalls(method).find((d) => NEST_METHODS.has(d.name));
  if (!decorator) return undefined;
  const cls = method.parent;
  const controller = ts.isClassDeclaration(cls) ? decoratorCalls(cls).find((d) => d.name === 'Controller') : undefined;
  const part = (call?: ts.CallExpression) => {
    const a = call?.arguments[0] && skipOuter(call.arguments[0]);
    return a && ts.isStringLiteralLike(a) ? a.text.replace(/^\/+|\/+$/g, '') : '';
  };
  return `/${[part(controller?.call), part(decorator.call)].filter(Boolean).join('/')}`;
}

function decoratorCalls(node: ts.Node): { name: string; call?: ts.CallExpression; decorator: ts.Decorator }[] {
  const out: { name: string; call?: ts.CallExpression; decorator: ts.Decorator }[] = [];
  for (const d of (ts.canHaveDecorators(node) ? ts.getDecorators(node) : undefined) ?? []) {
    const e = d.expression;
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression)) out.push({ name: e.expression.text, call: e, decorator: d });
    else if (ts.isIdentifier(e)) out.push({ name: e.text, decorator: d });
  }
  return out;
}

function enclosingName(node: ts.Node): string | undefined {
  for (let n: ts.Node | undefined = node.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isFunctionLike(n)) {
      const name = functionName(n as ts.SignatureDeclaration);
      if (name) return name;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// express-validator
// ---------------------------------------------------------------------------------------------

/** express-validator chains grouped by the route or the list of validators they belong to. */
function expressValidatorForms(calls: readonly ts.CallExpression[], scope: ScopeResolver, sourceFile: ts.SourceFile, file: string, useServer: boolean): Draft[] {
  const groups = new Map<ts.Node, Draft>();
  for (const call of calls) {
    const callee = skipOuter(call.expression);
    if (!ts.isIdentifier(callee) || (callee.text !== 'body' && callee.text !== 'check')) continue;
    const binding = scope.resolve(callee.text, callee);
    if (binding?.kind !== 'import' || !binding.module.startsWith('express-validator')) continue;
    const first = call.arguments[0] && skipOuter(call.arguments[0]);
    const names = first && ts.isStringLiteralLike(first) ? [first.text] : first && ts.isArrayLiteralExpression(first) ? first.elements.filter(ts.isStringLiteralLike).map((e) => e.text) : [];
    if (!names.length) continue;
    const { top, steps } = chainOf(call);
    const group = groupOf(top);
    let draft = groups.get(group.node);
    if (!draft) {
      draft = { form: newForm(group.node, sourceFile, group.name), evidence: nameEvidence('validators', group.name) };
      const context = serverContextOf(top, file, useServer);
      if (context) addContext(draft, context);
      else if (group.name) {
        // export const signupRules = [body(…)]; router.post('/signup', signupRules, …) in this file
        const use = calls.find((c) => routeOfCall(c) !== undefined && c.arguments.some((a) => ts.isIdentifier(skipOuter(a)) && (skipOuter(a) as ts.Identifier).text === group.name || (ts.isCallExpression(skipOuter(a)) && (skipOuter((skipOuter(a) as ts.CallExpression).expression) as ts.Identifier).text === group.name)));
        if (use) addContext(draft, { route: routeOfCall(use), kind: 'route', node: use });
        else addContext(draft, { kind: 'express-validator', node: top });
      }
      groups.set(group.node, draft);
    }
    for (const name of names) draft.form.fields.push(expressField(name, call, top, steps, names.length === 1 ? group.element : undefined, sourceFile));
  }
  return [...groups.values()];
}

/** The chain above `body('x')`: its outermost call and the method names, in order. */
function chainOf(call: ts.CallExpression): { top: ts.Expression; steps: { name: string; call: ts.CallExpression }[] } {
  const steps: { name: string; call: ts.CallExpression }[] = [];
  let n: ts.Expression = call;
  while (ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n && ts.isCallExpression(n.parent.parent) && n.parent.parent.expression === n.parent) {
    steps.push({ name: n.parent.name.text, call: n.parent.parent });
    n = n.parent.parent;
  }
  return { top: n, steps };
}

/** The route call, else the list (array literal) and the variable holding it, a chain belongs to. */
function groupOf(top: ts.Expression): { node: ts.Node; name?: string; element?: ts.Expression } {
  let node: ts.Node = top;
  let element: ts.Expression | undefined;
  let p = top.parent;
  if (p && ts.isArrayLiteralExpression(p)) {
    element = top;
    node = p;
    p = p.parent;
  }
  // up to the variable or the route call: through parentheses, arrow bodies, `return`
  for (let i = 0; p && i < 6; i++, p = p.parent) {
    if (ts.isCallExpression(p) && routeOfCall(p) !== undefined) return { node: p, element };
    if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return { node, name: p.name.text, element };
    if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) return { node, name: p.name.text, element };
    // exports.signupRules = [...] / module.exports.signupRules = [...]
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(p.left)) return { node, name: p.left.name.text, element };
    if (!(ts.isParenthesizedExpression(p) || ts.isArrowFunction(p) || ts.isReturnStatement(p) || ts.isBlock(p) || ts.isFunctionExpression(p) || ts.isAsExpression(p) || ts.isArrayLiteralExpression(p) || ts.isSpreadElement(p))) break;
  }
  return { node, element };
}

function expressField(name: string, call: ts.CallExpression, top: ts.Expression, steps: { name: string; call: ts.CallExpression }[], element: ts.Expression | undefined, sourceFile: ts.SourceFile): FieldFact {
  const names = steps.map((s) => s.name);
  const optional = names.includes('optional');
  const validates = names.some((n) => !EV_SANITIZERS.has(n) && n !== 'optional');
  const required = !optional && validates;
  const inputType = names.includes('isEmail') ? 'email' : names.includes('isBoolean') ? 'boolean' : names.some((n) => n === 'isDate' || n === 'isISO8601') ? 'date' : names.includes('isMobilePhone') ? 'tel' : names.includes('isStrongPassword') || /passw/i.test(name) ? 'password' : 'string';
  const equals = steps.find((s) => s.name === 'equals' && s.call.arguments[0] && ['true', 'on', 'yes', '1'].includes(literalText(s.call.arguments[0]) ?? ''));
  const isInTrue = steps.find((s) => s.name === 'isIn' && s.call.arguments[0] && ts.isArrayLiteralExpression(skipOuter(s.call.arguments[0])) && (skipOuter(s.call.arguments[0]) as ts.ArrayLiteralExpression).elements.every((e) => ['true', 'on', 'yes', '1'].includes(literalText(e) ?? '')));
  const defaultStep = steps.find((s) => s.name === 'default');
  const literal = defaultStep && literalValue(defaultStep.call.arguments[0]);
  const span = spanOf(top, sourceFile);
  return {
    name,
    inputType,
    required,
    requiredSpan: required ? span : undefined,
    defaultValue: literal && defaultStep ? { value: literal.value, span: spanOf(defaultStep.call.arguments[0], sourceFile) } : undefined,
    span,
    origin: 'express-validator',
    mustBeTrue: equals || isInTrue ? spanOf((equals ?? isInTrue)!.call, sourceFile) : undefined,
    // body('x').optional()…: optional applies to the whole chain wherever it stands
    optionalEdits: required ? [{ start: call.getEnd(), end: call.getEnd(), text: '.optional()' }] : [],
    removeEdits: element ? [removeElementEdit(element, sourceFile)] : [],
  };
}

function literalText(e: ts.Expression): string | undefined {
  const x = skipOuter(e);
  if (ts.isStringLiteralLike(x)) return x.text;
  if (x.kind === ts.SyntaxKind.TrueKeyword) return 'true';
  if (ts.isNumericLiteral(x)) return x.text;
  return undefined;
}

/** Deletes an array element with its comma (and its line when it has one of its own). */
function removeElementEdit(element: ts.Expression, sourceFile: ts.SourceFile): FieldEdit {
  const text = sourceFile.text;
  const list = (element.parent as ts.ArrayLiteralExpression).elements;
  const index = list.indexOf(element);
  const start = element.getStart(sourceFile);
  let end = element.getEnd();
  let i = end;
  while (i < text.length && /[ \t]/.test(text[i])) i++;
  if (text[i] === ',') end = i + 1;
  else if (index > 0) {
    const previousEnd = list[index - 1].getEnd();
    const comma = text.slice(previousEnd, start).indexOf(',');
    // the last element: take the comma before it instead
    if (comma >= 0) return { start: previousEnd + comma, end, text: '' };
  }
  return removeLinesEdit({ start, end }, text);
}

// ---------------------------------------------------------------------------------------------
// class-validator DTOs
// ---------------------------------------------------------------------------------------------

/** A class whose properties carry class-validator decorators, as a form (`class SubscribeDto { @IsEmail() email }`). */
function dtoForm(c: ts.ClassDeclaration, scope: ScopeResolver, sourceFile: ts.SourceFile): Draft | undefined {
  const fields: FieldFact[] = [];
  let optionalImport: { name: string; edit?: FieldEdit } | undefined;
  for (const member of c.members) {
    if (!ts.isPropertyDeclaration(member)) continue;
    const key = ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : undefined;
    if (key === undefined) continue;
    const decorators = decoratorCalls(member).filter((d) => {
      const id = d.call ? d.call.expression : d.decorator.expression;
      if (!ts.isIdentifier(id)) return false;
      const binding = scope.resolve(id.text, id);
      return binding?.kind === 'import' && binding.module === 'class-validator';
    });
    if (!decorators.length) continue;
    optionalImport ??= isOptionalImport(sourceFile);
    const names = decorators.map((d) => d.name);
    const required = !names.some((n) => CV_OPTIONAL.has(n));
    const inputType = names.map((n) => CV_INPUT_TYPES[n]).find(Boolean) ?? (/passw/i.test(key) ? 'password' : undefined);
    const only = decorators.find((d) => {
      const a = d.call?.arguments[0] && skipOuter(d.call.arguments[0]);
      if (!a) return false;
      if (d.name === 'Equals') return a.kind === ts.SyntaxKind.TrueKeyword;
      return d.name === 'IsIn' && ts.isArrayLiteralExpression(a) && a.elements.length > 0 && a.elements.every((e) => skipOuter(e).kind === ts.SyntaxKind.TrueKeyword);
    });
    const initial = member.initializer && literalValue(member.initializer);
    const span = spanOf(member, sourceFile);
    const firstDecorator = decorators[0].decorator;
    const indent = lineIndent(sourceFile.text, firstDecorator.getStart(sourceFile));
    const optionalEdits: FieldEdit[] = [];
    if (required && optionalImport) {
      optionalEdits.push({ start: firstDecorator.getStart(sourceFile), end: firstDecorator.getStart(sourceFile), text: `@${optionalImport.name}()${indent === undefined ? ' ' : `\n${indent}`}` });
      if (optionalImport.edit) optionalEdits.push(optionalImport.edit);
    }
    fields.push({
      name: key,
      inputType,
      required,
      requiredSpan: required ? span : undefined,
      defaultValue: initial && member.initializer ? { value: initial.value, span: spanOf(member.initializer, sourceFile) } : undefined,
      span,
      origin: 'class-validator',
      mustBeTrue: only ? spanOf(only.decorator, sourceFile) : undefined,
      optionalEdits,
      removeEdits: [removeLinesEdit({ start: member.getStart(sourceFile), end: member.getEnd() }, sourceFile.text)],
    });
  }
  if (!fields.length) return undefined;
  const name = c.name?.text;
  const form = newForm(c.name ?? c, sourceFile, name);
  form.fields = fields;
  const evidence = nameEvidence('class', name);
  // a controller in this file taking the DTO as its body: its route
  const route = name ? dtoRoute(sourceFile, name) : undefined;
  if (route) {
    form.route = route;
    evidence.push({ tier: 2, what: 'route', text: route });
  }
  evidence.push({ tier: 4, what: 'server', text: 'class-validator DTO' });
  return { form, evidence };
}

/** The indentation of the line `at` is on, when only whitespace precedes it there; undefined otherwise. */
function lineIndent(text: string, at: number): string | undefined {
  let i = at;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i === 0 || text[i - 1] === '\n' ? text.slice(i, at) : undefined;
}

/** How to write `@IsOptional()` here: its local name, and the import edit when it is not imported yet. */
function isOptionalImport(sourceFile: ts.SourceFile): { name: string; edit?: FieldEdit } | undefined {
  for (const s of sourceFile.statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || s.moduleSpecifier.text !== 'class-validator') continue;
    const bindings = s.importClause?.namedBindings;
    if (!bindings) continue;
    if (ts.isNamespaceImport(bindings)) return undefined;
    const existing = bindings.elements.find((e) => (e.propertyName ?? e.name).text === 'IsOptional');
    if (existing) return { name: existing.name.text };
    const first = bindings.elements[0];
    if (!first) return undefined;
    return { name: 'IsOptional', edit: { start: first.getStart(sourceFile), end: first.getStart(sourceFile), text: 'IsOptional, ' } };
  }
  return undefined;
}

/** `@Post('subscribe') subscribe(@Body() dto: SubscribeDto)` in a controller of this file → its route. */
function dtoRoute(sourceFile: ts.SourceFile, dto: string): string | undefined {
  for (const s of sourceFile.statements) {
    if (!ts.isClassDeclaration(s)) continue;
    for (const m of s.members) {
      if (!ts.isMethodDeclaration(m)) continue;
      const takes = m.parameters.some((p) => p.type && ts.isTypeReferenceNode(p.type) && ts.isIdentifier(p.type.typeName) && p.type.typeName.text === dto && decoratorCalls(p).some((d) => d.name === 'Body'));
      if (takes) return nestRoute(m);
    }
  }
  return undefined;
}
