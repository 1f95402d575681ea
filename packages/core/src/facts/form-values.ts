/**
 * Initial values of form state, resolved without the type checker: what a checkbox's
 * `checked` expression, a form library's field key (`register('newsletter')`,
 * `<Controller name>`), or a prop passed into a field component evaluates to before the
 * visitor acts. Follows `useState`, `useReducer`'s initial state, React context (the
 * file's `<Ctx.Provider value>` or `createContext`'s default), react-hook-form / Formik /
 * Mantine `defaultValues` / `initialValues`, `watch('key')`, destructuring and `const`s.
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import { skipOuter } from './consent';
import type { Binding, ScopeResolver } from './scope';

/** Form hooks whose options carry the initial values (react-hook-form, Formik, Mantine, TanStack Form). */
export const FORM_HOOKS = new Set(['useForm', 'useFormik', 'useFormContext', 'createForm']);
/** A form hook: the libraries' own, and generated or wrapped ones named `use…Form` (`useRegisterDtoForm`). */
export function isFormHook(name: string | undefined): boolean {
  return name !== undefined && (FORM_HOOKS.has(name) || /^use[A-Z]\w*Form$/.test(name));
}

/** Option keys holding the initial values of a form hook or form component. */
const DEFAULT_KEYS = ['defaultValues', 'initialValues'];

/** Where an expression's value comes from. */
export interface Followed {
  expr: ts.Expression;
  /** The state that holds it: `useState`, `defaultValues`, … (for messages). */
  via: string;
  /** Set when the path ends in a component's prop (`{ checked }` / `props.value`). */
  param?: { binding: Extract<Binding, { kind: 'parameter' }>; path: string[] };
}

/** Last name of a callee: `useState` of `React.useState`. */
export function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const e = skipOuter(call.expression);
  return ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
}

/** A property's name when it is statically known. */
export function propertyName(name: ts.PropertyName | ts.BindingName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name) ? name.text : undefined;
}

/** Unwraps what keeps a boolean's value: `!!x`, `Boolean(x)`, `x === true`, `x ?? false`, `x || false`. */
export function unwrapBoolean(expression: ts.Expression): ts.Expression {
  let e = skipOuter(expression);
  for (let i = 0; i < 6; i++) {
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
      const inner = skipOuter(e.operand);
      if (ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.ExclamationToken) {
        e = skipOuter(inner.operand);
        continue;
      }
      return e;
    }
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Boolean' && e.arguments.length === 1) {
      e = skipOuter(e.arguments[0]);
      continue;
    }
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      const right = skipOuter(e.right);
      if ((op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken) && right.kind === ts.SyntaxKind.TrueKeyword) {
        e = skipOuter(e.left);
        continue;
      }
      if ((op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) && right.kind === ts.SyntaxKind.FalseKeyword) {
        e = skipOuter(e.left);
        continue;
      }
    }
    return e;
  }
  return e;
}

/** The value expression of `key` in an object literal (last writer wins; spreads followed by the caller). */
function ownProperty(object: ts.ObjectLiteralExpression, key: string): { value?: ts.Expression; spreads: ts.Expression[] } {
  const spreads: ts.Expression[] = [];
  for (let i = object.properties.length - 1; i >= 0; i--) {
    const p = object.properties[i];
    if (ts.isPropertyAssignment(p) && propertyName(p.name) === key) return { value: p.initializer, spreads };
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === key) return { value: p.name, spreads };
    if (ts.isSpreadAssignment(p)) spreads.push(p.expression);
  }
  return { spreads };
}

/** Resolves expressions to the expression that initialises them. One instance per file. */
export class ValueResolver {
  /** `<Ctx.Provider value={…}>` of the file by context name, filled by the caller. */
  readonly providers = new Map<string, ts.Expression>();
  /** The file's form hook calls (`useForm({ defaultValues })`), for `useFormContext()`. */
  readonly formHooks: ts.CallExpression[] = [];

  constructor(private readonly scope: ScopeResolver) {}

  /** The expression `expression.path…` starts with; undefined when unknown. */
  follow(expression: ts.Expression, path: readonly string[] = [], via = 'its initial value', depth = 0): Followed | undefined {
    if (depth > 10) return undefined;
    const e = skipOuter(expression);
    if (ts.isObjectLiteralExpression(e)) {
      if (path.length === 0) return { expr: e, via };
      const { value, spreads } = ownProperty(e, path[0]);
      if (value) return this.follow(value, path.slice(1), via, depth + 1);
      for (const spread of spreads) {
        const found = this.follow(spread, path, via, depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    if (ts.isIdentifier(e)) {
      const binding = this.scope.resolve(e.text, e);
      if (!binding) return path.length ? undefined : { expr: e, via };
      if (binding.kind === 'parameter') return { expr: e, via, param: { binding, path: [...(binding.propertyPath ?? []), ...path] } };
      if (binding.kind !== 'variable') return undefined;
      const declaration = binding.declaration;
      const init = declaration.initializer;
      if (!init) return undefined;
      if (ts.isArrayBindingPattern(declaration.name)) {
        const index = declaration.name.elements.findIndex((el) => !ts.isOmittedExpression(el) && ts.isIdentifier(el.name) && el.name.text === e.text);
        const call = skipOuter(init);
        if (index !== 0 || !ts.isCallExpression(call)) return undefined;
        const hook = calleeName(call);
        if (hook === 'useState' && call.arguments[0]) {
          let first = skipOuter(call.arguments[0]);
          if (ts.isArrowFunction(first) && !ts.isBlock(first.body)) first = first.body;
          return this.follow(first, path, '`useState`', depth + 1);
        }
        if (hook === 'useReducer' && call.arguments.length === 2) return this.follow(call.arguments[1], path, "the reducer's initial state", depth + 1);
        return undefined;
      }
      if (binding.propertyPath) return this.follow(init, [...binding.propertyPath, ...path], via, depth + 1);
      if (!binding.isConst) return undefined;
      return this.follow(init, path, via, depth + 1);
    }
    if (ts.isPropertyAccessExpression(e)) return this.follow(e.expression, [e.name.text, ...path], via, depth + 1);
    if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) return this.follow(e.expression, [e.argumentExpression.text, ...path], via, depth + 1);
    if (ts.isCallExpression(e)) {
      const name = calleeName(e);
      if (isFormHook(name) && path[0] === 'values') {
        const defaults = this.defaultsOfHook(e);
        return defaults ? this.follow(defaults.expr, path.slice(1), defaults.via, depth + 1) : undefined;
      }
      if (name === 'useContext' && e.arguments[0] && ts.isIdentifier(skipOuter(e.arguments[0]))) {
        const context = skipOuter(e.arguments[0]) as ts.Identifier;
        const provided = this.providers.get(context.text);
        if (provided) return this.follow(provided, path, 'the context provider', depth + 1);
        const binding = this.scope.resolve(context.text, context);
        const init = binding?.kind === 'variable' && !binding.propertyPath ? binding.declaration.initializer : undefined;
        const created = init && skipOuter(init);
        if (created && ts.isCallExpression(created) && calleeName(created) === 'createContext' && created.arguments[0]) return this.follow(created.arguments[0], path, "the context's default", depth + 1);
        return undefined;
      }
      if ((name === 'watch' || name === 'getValues') && e.arguments.length === 1 && ts.isStringLiteralLike(e.arguments[0])) {
        const defaults = this.formDefaults(e.expression);
        return defaults ? this.follow(defaults.expr, [...e.arguments[0].text.split('.'), ...path], defaults.via, depth + 1) : undefined;
      }
      return undefined;
    }
    return path.length ? undefined : { expr: e, via };
  }

  /** `true`/`false` when the expression starts with a boolean literal, with that literal. */
  initialBoolean(expression: ts.Expression, path: readonly string[] = []): { value: boolean; literal: ts.Expression; via: string } | undefined {
    const found = this.follow(unwrapBoolean(expression), path);
    if (!found) return undefined;
    const e = unwrapBoolean(found.expr);
    if (e.kind === ts.SyntaxKind.TrueKeyword) return { value: true, literal: e, via: found.via };
    if (e.kind === ts.SyntaxKind.FalseKeyword) return { value: false, literal: e, via: found.via };
    return undefined;
  }

  /** The initial-values object of a form hook call (`useForm({ defaultValues })`), resolved. */
  defaultsOfHook(call: ts.CallExpression): { expr: ts.Expression; via: string } | undefined {
    if (calleeName(call) === 'useFormContext') {
      // The provider's form lives in this file when there is exactly one form hook with defaults.
      const own = this.formHooks.filter((c) => calleeName(c) !== 'useFormContext' && this.defaultsOfHook(c));
      return own.length === 1 ? this.defaultsOfHook(own[0]) : undefined;
    }
    const options = call.arguments[0] && this.follow(call.arguments[0]);
    if (!options || !ts.isObjectLiteralExpression(options.expr)) return undefined;
    for (const key of DEFAULT_KEYS) {
      const { value } = ownProperty(options.expr, key);
      if (value) return { expr: value, via: `\`${key}\`` };
    }
    return undefined;
  }

  /**
   * The initial values of the form that `handle` belongs to: `register`, `control`, `form`,
   * `form.control`, `formik` (its root identifier is bound to a form hook's result).
   */
  formDefaults(handle: ts.Expression): { expr: ts.Expression; via: string } | undefined {
    let e = skipOuter(handle);
    while (ts.isPropertyAccessExpression(e) || ts.isCallExpression(e)) e = skipOuter(e.expression);
    if (!ts.isIdentifier(e)) return undefined;
    const binding = this.scope.resolve(e.text, e);
    if (binding?.kind !== 'variable' || !binding.declaration.initializer) return undefined;
    let init = skipOuter(binding.declaration.initializer);
    while (ts.isAwaitExpression(init)) init = skipOuter(init.expression);
    if (!ts.isCallExpression(init) || !isFormHook(calleeName(init))) return undefined;
    return this.defaultsOfHook(init);
  }
}
