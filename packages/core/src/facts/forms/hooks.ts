/**
 * Form hooks and wrappers that tie a form to its schema and initial values:
 * react-hook-form `useForm({ resolver: zodResolver(schema), defaultValues })`, Formik
 * `useFormik({ initialValues, validationSchema })` and `<Formik initialValues validationSchema>`,
 * Mantine `useForm({ initialValues })`.
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import { skipOuter } from '../consent';
import type { ScopeResolver } from '../scope';
import { attribute, attributeExpression, enclosingFunction, spanOf, tagText, type JsxTag } from './ast';
import type { Span } from '../types';

/** A schema reference: a schema call in this file, a local binding, or an import. */
export interface SchemaRef {
  call?: ts.CallExpression;
  localName?: string;
  specifier?: string;
  exportName?: string;
  span: Span;
}

/** What a form hook or wrapper says about its form. */
export interface FormBinding {
  /** The component the hook is called in, or the wrapper element. */
  scope: ts.Node;
  origin: 'rhf' | 'formik' | 'mantine';
  schema?: SchemaRef;
  /** Initial values by field name. */
  initial?: ts.ObjectLiteralExpression;
}

const RESOLVERS = new Set(['zodResolver', 'yupResolver', 'valibotResolver', 'joiResolver', 'classValidatorResolver', 'toFormikValidationSchema']);

/** Reads `useForm`/`useFormik` calls and `<Formik>` elements. */
export function collectBindings(calls: readonly ts.CallExpression[], tags: readonly JsxTag[], scope: ScopeResolver, sourceFile: ts.SourceFile): FormBinding[] {
  const out: FormBinding[] = [];
  for (const call of calls) {
    const callee = skipOuter(call.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    if (name !== 'useForm' && name !== 'useFormik') continue;
    const root = ts.isIdentifier(callee) ? callee : undefined;
    const binding = root && scope.resolve(root.text, root);
    const module = binding?.kind === 'import' ? binding.module : undefined;
    const origin = module === 'formik' || name === 'useFormik' ? 'formik' : module?.startsWith('@mantine/') ? 'mantine' : 'rhf';
    const options = call.arguments[0] && skipOuter(call.arguments[0]);
    const fn = enclosingFunction(call);
    if (!fn) continue;
    const result: FormBinding = { scope: fn, origin };
    if (options && ts.isObjectLiteralExpression(options)) {
      for (const p of options.properties) {
        if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
        const key = p.name.getText(sourceFile);
        const value = ts.isPropertyAssignment(p) ? skipOuter(p.initializer) : p.name;
        if (key === 'resolver' || key === 'validationSchema' || key === 'validate') result.schema ??= schemaRef(value, scope, sourceFile);
        if ((key === 'defaultValues' || key === 'initialValues') && ts.isObjectLiteralExpression(value)) result.initial = value;
      }
    }
    out.push(result);
  }
  for (const tag of tags) {
    if (tagText(tag) !== 'Formik') continue;
    const element = ts.isJsxOpeningElement(tag) ? tag.parent : tag;
    const result: FormBinding = { scope: element, origin: 'formik' };
    const schema = attributeExpression(attribute(tag, 'validationSchema'));
    if (schema) result.schema = schemaRef(schema, scope, sourceFile);
    const initial = attributeExpression(attribute(tag, 'initialValues'));
    if (initial && ts.isObjectLiteralExpression(initial)) result.initial = initial;
    out.push(result);
  }
  return out;
}

/** `zodResolver(schema)`, `schema`, `z.object({…})`, an imported schema. */
function schemaRef(value: ts.Expression, scope: ScopeResolver, sourceFile: ts.SourceFile): SchemaRef | undefined {
  let e = skipOuter(value);
  if (ts.isCallExpression(e)) {
    const callee = skipOuter(e.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    if (RESOLVERS.has(name) && e.arguments[0]) e = skipOuter(e.arguments[0]);
  }
  if (ts.isCallExpression(e)) return { call: e, span: spanOf(e, sourceFile) };
  if (ts.isIdentifier(e)) {
    const binding = scope.resolve(e.text, e);
    if (binding?.kind === 'import') return { specifier: binding.module, exportName: binding.exportName, span: spanOf(e, sourceFile) };
    if (binding?.kind === 'variable' && binding.declaration.initializer) {
      const init = skipOuter(binding.declaration.initializer);
      return { call: ts.isCallExpression(init) ? init : undefined, localName: e.text, span: spanOf(e, sourceFile) };
    }
    return { localName: e.text, span: spanOf(e, sourceFile) };
  }
  return undefined;
}

/** The binding that covers a form: a `<Formik>` around it, else a hook in the same component. */
export function bindingFor(formNode: ts.Node, component: ts.Node | undefined, bindings: readonly FormBinding[]): FormBinding | undefined {
  for (let n: ts.Node | undefined = formNode; n; n = n.parent) {
    const wrapper = bindings.find((b) => b.scope === n && (ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n)));
    if (wrapper) return wrapper;
  }
  return component ? bindings.find((b) => b.scope === component) : undefined;
}
