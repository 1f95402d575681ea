/**
 * The form model of one file (contract 3): JSX forms and their fields, validation schemas,
 * the hooks tying them together, purpose inference and field classification. Works on the
 * nodes the one syntax walk (`findSinks`) collected: no walk of its own.
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import type { Knowledge } from '../../knowledge';
import { skipOuter } from '../consent';
import type { ScopeResolver } from '../scope';
import type { FieldFact, FormFact, SchemaFact } from '../types';
import { literalValue, spanOf, type JsxTag } from './ast';
import { classifyField } from './classify';
import { bindingFor, collectBindings, type SchemaRef } from './hooks';
import { collectJsxForms, type JsxFormDraft } from './jsx';
import { inferPurpose, pathEvidence, routeOf, type PurposeEvidence } from './purpose';
import { collectSchemas, SCHEMA_OBJECT_CALLS } from './schemas';
import { FORM_CALLS as CONSENT_FORM_CALLS, type FormNodes as ConsentFormNodes } from '../consent-forms';
import { isFormHook } from '../form-values';
import { serverForms } from './server';

/** Nodes the syntax walk sets aside for the form passes (consent in forms and records, the form model). */
export interface FormNodes extends ConsentFormNodes {
  jsx: JsxTag[];
  /** Classes (class-validator DTOs, NestJS controllers). */
  classes: ts.ClassDeclaration[];
}

export function createFormNodes(): FormNodes {
  return { jsx: [], calls: [], writes: [], cookieWrites: [], ifs: [], classes: [] };
}

/** Callees both form passes read: the form model's and the consent-in-forms pass's (`facts/consent-forms.ts`). */
const FORM_CALLS = new Set([
  ...CONSENT_FORM_CALLS, ...SCHEMA_OBJECT_CALLS, 'useForm', 'useFormik', 'fetch', 'post', 'put', 'patch', 'parse', 'safeParse', 'parseAsync', 'safeParseAsync',
  'validate', 'validateSync', 'validateAsync', 'cast', 'attempt', 'body', 'check',
  // schema-taking middleware of route registrations (facts/forms/server.ts)
  'validateBody', 'validateRequest', 'validateResource', 'validateSchema', 'validation', 'zValidator', 'vValidator', 'yupValidator', 'celebrate', 'validator',
]);

/** Called by the walk for every call: keeps the few the form pass reads (a set test on the callee name). */
export function noteFormCall(call: ts.CallExpression, nodes: FormNodes): void {
  const callee = call.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (name !== undefined && (FORM_CALLS.has(name) || isFormHook(name))) nodes.calls.push(call);
  // `@IsEmail() email: string`: the class is a DTO candidate (class-validator), kept once
  const member = ts.isDecorator(call.parent) ? call.parent.parent : undefined;
  if (member && ts.isPropertyDeclaration(member) && ts.isClassDeclaration(member.parent) && nodes.classes[nodes.classes.length - 1] !== member.parent) nodes.classes.push(member.parent);
}

/** The forms and schemas of a script file. */
export function scriptForms(file: string, sourceFile: ts.SourceFile, nodes: FormNodes, scope: ScopeResolver, knowledge: Knowledge): { forms: FormFact[]; schemas: SchemaFact[] } {
  const { schemas, byCall } = collectSchemas(nodes.calls, scope, sourceFile);
  const drafts = collectJsxForms(nodes.jsx, scope, sourceFile);
  const bindings = drafts.length ? collectBindings(nodes.calls, nodes.jsx, scope, sourceFile) : [];
  const forms: FormFact[] = [];
  const path = pathEvidence(file);
  for (const draft of drafts) {
    const { form } = draft;
    const binding = bindingFor(draft.key, draft.fn, bindings);
    if (binding) {
      if (binding.initial) applyInitial(form.fields, binding.initial, sourceFile);
      const ref = binding.schema;
      const local = ref && localSchema(ref, schemas, byCall);
      if (ref && local !== undefined) {
        form.schema = { local, span: ref.span };
        mergeSchema(form, schemas[local], file, true);
      } else if (ref?.specifier) {
        form.schema = { specifier: ref.specifier, exportName: ref.exportName, span: ref.span };
      }
    }
    addHandlerEvidence(draft, scope);
    if (path) draft.evidence.push(path);
    form.route ??= routeOf(file);
    forms.push(finish(form, draft.evidence, knowledge));
  }
  // Schema fields carry their class too, so a form merging a schema from another file can judge them.
  for (const schema of schemas) for (const field of schema.fields) field.classification ??= classifyField(field, knowledge);
  // What endpoints accept (facts/forms/server.ts); a schema a rendered form here uses is that form's.
  const clientSchemas = new Set(forms.map((f) => f.schema?.local).filter((i): i is number => i !== undefined));
  // (An endpoint's file path is no evidence: API folders are named after records, `leads/`, `contacts/`;
  // a Next.js route file's path is its route, which is.)
  for (const { form, evidence } of serverForms(file, sourceFile, nodes.calls, nodes.classes, scope, schemas, byCall, clientSchemas)) forms.push(finish(form, evidence, knowledge));
  uniqueIds(forms);
  return { forms, schemas };
}

function localSchema(ref: SchemaRef, schemas: SchemaFact[], byCall: Map<ts.CallExpression, number>): number | undefined {
  if (ref.call) {
    // The call itself, or a chain above a schema call (`z.object({…}).refine(…)`).
    for (let e: ts.Expression = ref.call; ; ) {
      const index = byCall.get(e as ts.CallExpression);
      if (index !== undefined) return index;
      const inner = skipOuter(e);
      if (ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression)) e = inner.expression.expression;
      else break;
    }
  }
  if (ref.localName) {
    const index = schemas.findIndex((s) => s.name === ref.localName);
    if (index >= 0) return index;
  }
  return undefined;
}

/**
 * Merges a schema's fields into a form: a rendered field with the same name takes the
 * schema's required flag, default, refinement and edits (edits only when the schema is in
 * the same file); schema fields not rendered here are added as they are.
 */
export function mergeSchema(form: FormFact, schema: SchemaFact, schemaFile: string, sameFile: boolean): void {
  for (const s of schema.fields) {
    const rendered = form.fields.find((f) => f.name === s.name && !f.schemaRef);
    if (rendered) {
      rendered.schemaRef = { file: schemaFile, span: s.span };
      if (s.required && !rendered.required) {
        rendered.required = true;
        rendered.requiredSpan = rendered.requiredSpan ?? (sameFile ? s.requiredSpan : undefined);
      }
      rendered.mustBeTrue ??= sameFile ? s.mustBeTrue : undefined;
      rendered.defaultValue ??= sameFile ? s.defaultValue : undefined;
      rendered.inputType ??= s.inputType;
      if (sameFile) {
        rendered.optionalEdits = [...(rendered.optionalEdits ?? []), ...(s.optionalEdits ?? [])];
        rendered.removeEdits = [...(rendered.removeEdits ?? []), ...(s.removeEdits ?? [])];
      } else if (s.required) {
        // The required flag lives in another file: no edit here can lift it.
        rendered.optionalEdits = [];
      }
    } else if (sameFile) {
      form.fields.push({ ...s });
    } else {
      form.fields.push({ ...s, span: form.schema?.span ?? form.span, schemaRef: { file: schemaFile, span: s.span }, requiredSpan: undefined, optionalEdits: [], removeEdits: [], mustBeTrue: undefined, defaultValue: s.defaultValue && { value: s.defaultValue.value, span: form.schema?.span ?? form.span } });
    }
  }
}

/** `defaultValues: { newsletter: true }` → the field's default. */
function applyInitial(fields: FieldFact[], initial: ts.ObjectLiteralExpression, sourceFile: ts.SourceFile): void {
  for (const p of initial.properties) {
    if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) continue;
    const literal = literalValue(p.initializer);
    if (!literal) continue;
    const field = fields.find((f) => f.name === (p.name as ts.Identifier).text);
    if (field && !field.defaultValue) field.defaultValue = { value: literal.value, span: spanOf(p.initializer, sourceFile) };
  }
}

/** Requests the submit handler makes: a newsletter provider's endpoint, or the route it posts to. */
function addHandlerEvidence(draft: JsxFormDraft, scope: ScopeResolver): void {
  let fn: ts.Node | undefined;
  const handler = draft.handler && skipOuter(draft.handler);
  if (!handler) return;
  if (ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) fn = handler;
  else {
    const target = ts.isCallExpression(handler) && handler.arguments[0] ? skipOuter(handler.arguments[0]) : handler;
    if (ts.isArrowFunction(target) || ts.isFunctionExpression(target)) fn = target;
    else if (ts.isIdentifier(target)) {
      const binding = scope.resolve(target.text, target);
      if (binding?.kind === 'function') fn = binding.node;
      else if (binding?.kind === 'variable' && binding.declaration.initializer) fn = skipOuter(binding.declaration.initializer);
    }
  }
  if (!fn) return;
  let budget = 2000;
  const visit = (n: ts.Node): void => {
    if (--budget < 0) return;
    if (ts.isCallExpression(n)) {
      const callee = skipOuter(n.expression);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      const url = n.arguments[0] && ts.isStringLiteralLike(skipOuter(n.arguments[0])) ? (skipOuter(n.arguments[0]) as ts.StringLiteralLike).text : undefined;
      if (url !== undefined && ['fetch', 'post', 'put', 'patch'].includes(name)) {
        draft.evidence.push({ tier: 1, what: 'request', text: url }, { tier: 2, what: 'submits to', text: url });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(fn);
}

/** Classifies the fields and infers the purpose. */
export function finish(form: FormFact, evidence: PurposeEvidence[], knowledge: Knowledge): FormFact {
  for (const field of form.fields) field.classification = classifyField(field, knowledge);
  form.purposeEvidence = evidence;
  form.purposeHints = [...new Set(evidence.map((e) => `${e.what}: ${e.text}`))];
  form.purpose = inferPurpose(evidence, form.fields, undefined, form.kind === 'route');
  return form;
}

/** Ids unique within the file: the form's name, else its kind and offset. */
export function uniqueIds(forms: FormFact[]): void {
  const counts = new Map<string, number>();
  for (const f of forms) if (f.name) counts.set(f.name, (counts.get(f.name) ?? 0) + 1);
  for (const f of forms) f.id = f.name && counts.get(f.name) === 1 ? f.name : `${(f.kind === 'jsx' || f.kind === 'route') && !f.name && f.component ? f.component : f.kind === 'html' ? 'form' : f.kind}@${f.span.start}`;
}
