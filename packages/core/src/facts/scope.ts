/**
 * A light lexical scope resolver over raw compiler nodes: "what does this identifier
 * refer to?" answered from declarations alone, without the type checker (which is too
 * slow for the per-keystroke syntax pass). Good enough to tell a tracker global
 * (`gtag`) from a parameter or a local helper of the same name, and to follow imports.
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import type { Grant } from './consent';
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;

/** What a name is bound to in its scope. */
export type Binding =
  | { kind: 'import'; module: string; exportName: string; node: ts.Node }
  | { kind: 'variable'; declaration: ts.VariableDeclaration; /** set when destructured: `const { a: b } = x` → 'a' */ propertyPath?: string[]; isConst: boolean; node: ts.Node }
  | { kind: 'parameter'; node: ts.Node; propertyPath?: string[]; parameter: ts.ParameterDeclaration }
  | { kind: 'function'; node: ts.FunctionDeclaration | ts.FunctionExpression }
  | { kind: 'class'; node: ts.Node }
  | { kind: 'other'; node: ts.Node };

type ScopeTable = Map<string, Binding>;

/** Where a component's prop gets its value: the attribute expression at each JSX use. */
export type PropValues = (parameter: Extract<Binding, { kind: 'parameter' }>, prop: string) => ts.Expression[] | undefined;

/** Resolves identifiers of one source file; caches a table per scope node. */
export class ScopeResolver {
  /**
   * Set by the gate search (it has the file's identifier index): the values a component's prop
   * receives at its JSX uses in this file, so `if (!allowed) return null` can be judged by
   * `<Pixel allowed={hasConsent('marketing')} />`.
   */
  propValues?: PropValues;
  /**
   * Set by the gate search: the consent a React state value proves when every call that turns it
   * on is itself behind consent (`useState(false)`, set only in a consent tool's callback, on an
   * accept control, or behind a consent check); undefined when it is not such a state.
   */
  stateGrants?: (binding: Extract<Binding, { kind: 'variable' | 'parameter' }>, name: ts.Identifier) => { grants: Grant[]; confidence: 'high' | 'medium'; origin: string } | undefined;

  private readonly tables = new Map<ts.Node, ScopeTable>();

  /** Nearest scope node at or above a node (memoised: every walk up shares the answer). */
  private readonly scopeAbove = new Map<ts.Node, ts.Node | null>();

  /** The binding of `name` visible at `at`, or undefined for globals. */
  resolve(name: string, at: ts.Node): Binding | undefined {
    for (let scope = this.scopeAt(at); scope; scope = scope.parent ? this.scopeAt(scope.parent) : null) {
      const binding = this.table(scope).get(name);
      if (binding) return binding;
    }
    return undefined;
  }

  private scopeAt(node: ts.Node): ts.Node | null {
    const known = this.scopeAbove.get(node);
    if (known !== undefined) return known;
    const result = isScope(node) ? node : node.parent ? this.scopeAt(node.parent) : null;
    this.scopeAbove.set(node, result);
    return result;
  }

  /** True when `name` is not declared anywhere up the scope chain of `at`. */
  isGlobal(name: string, at: ts.Node): boolean {
    return this.resolve(name, at) === undefined;
  }

  private table(scope: ts.Node): ScopeTable {
    let table = this.tables.get(scope);
    if (!table) {
      table = new Map();
      collectDeclarations(scope, table);
      this.tables.set(scope, table);
    }
    return table;
  }
}

function isScope(node: ts.Node): boolean {
  return (
    ts.isSourceFile(node) ||
    ts.isBlock(node) ||
    ts.isModuleBlock(node) ||
    ts.isCaseBlock(node) ||
    ts.isFunctionLike(node) ||
    ts.isForStatement(node) ||
    ts.isForOfStatement(node) ||
    ts.isForInStatement(node) ||
    ts.isCatchClause(node) ||
    ts.isClassLike(node)
  );
}

function collectDeclarations(scope: ts.Node, table: ScopeTable): void {
  if (ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope)) {
    collectStatements(scope.statements, table);
    // Hoisting only matters for `var`; most modern files have none, so skip the extra walk.
    if ((ts.isSourceFile(scope) || ts.isFunctionLike(scope.parent)) && hasVar(scope.getSourceFile())) collectHoistedVars(scope, table);
  } else if (ts.isCaseBlock(scope)) {
    for (const clause of scope.clauses) collectStatements(clause.statements, table);
  } else if (ts.isFunctionLike(scope)) {
    // import('m').then(m => …): the first parameter is the module (or the export an earlier step picked)
    const imported = dynamicImportParameter(scope);
    scope.parameters.forEach((parameter, index) => {
      bindName(parameter.name, table, [], (path) => {
        if (imported && index === 0) {
          if (path.length === 0) return { kind: 'import', module: imported.module, exportName: imported.exportName, node: parameter };
          if (imported.exportName === '*') return { kind: 'import', module: imported.module, exportName: path[0], node: parameter };
        }
        return { kind: 'parameter', node: parameter, parameter, propertyPath: path.length ? path : undefined };
      });
    });
    if ((ts.isFunctionExpression(scope) || ts.isClassExpression(scope)) && scope.name) {
      table.set(scope.name.text, { kind: 'function', node: scope as ts.FunctionExpression });
    }
  } else if (ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) {
    const init = scope.initializer;
    if (init && ts.isVariableDeclarationList(init)) collectVariableList(init, table);
  } else if (ts.isCatchClause(scope)) {
    if (scope.variableDeclaration) bindName(scope.variableDeclaration.name, table, [], () => ({ kind: 'other', node: scope }));
  } else if (ts.isClassExpression(scope) && scope.name) {
    table.set(scope.name.text, { kind: 'class', node: scope });
  }
}

const varUse = new WeakMap<ts.SourceFile, boolean>();
function hasVar(sourceFile: ts.SourceFile): boolean {
  let known = varUse.get(sourceFile);
  if (known === undefined) varUse.set(sourceFile, (known = /\bvar\s/.test(sourceFile.text)));
  return known;
}

function collectStatements(statements: ts.NodeArray<ts.Statement>, table: ScopeTable): void {
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) {
      collectVariableList(statement.declarationList, table);
    } else if (ts.isFunctionDeclaration(statement) && statement.name) {
      if (!table.has(statement.name.text)) table.set(statement.name.text, { kind: 'function', node: statement });
    } else if ((ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) && statement.name && ts.isIdentifier(statement.name)) {
      table.set(statement.name.text, { kind: 'class', node: statement });
    } else if (ts.isImportDeclaration(statement)) {
      collectImport(statement, table);
    } else if (ts.isImportEqualsDeclaration(statement)) {
      const ref = statement.moduleReference;
      if (ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression)) {
        table.set(statement.name.text, { kind: 'import', module: ref.expression.text, exportName: '*', node: statement });
      } else {
        table.set(statement.name.text, { kind: 'other', node: statement });
      }
    }
  }
}

function collectImport(statement: ts.ImportDeclaration, table: ScopeTable): void {
  const clause = statement.importClause;
  if (!clause || !ts.isStringLiteral(statement.moduleSpecifier)) return;
  const module = statement.moduleSpecifier.text;
  if (clause.name) table.set(clause.name.text, { kind: 'import', module, exportName: 'default', node: clause });
  const bindings = clause.namedBindings;
  if (!bindings) return;
  if (ts.isNamespaceImport(bindings)) {
    table.set(bindings.name.text, { kind: 'import', module, exportName: '*', node: bindings });
  } else {
    for (const element of bindings.elements) {
      const exportName = (element.propertyName ?? element.name).text;
      table.set(element.name.text, { kind: 'import', module, exportName, node: element });
    }
  }
}

function collectVariableList(list: ts.VariableDeclarationList, table: ScopeTable): void {
  const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
  for (const declaration of list.declarations) {
    // `const x = require('mod')` and `const { a } = require('mod')` are imports.
    const required = requiredModule(declaration.initializer);
    bindName(declaration.name, table, [], (path) =>
      required !== undefined
        ? { kind: 'import', module: required, exportName: path.length ? path[0] : '*', node: declaration }
        : { kind: 'variable', declaration, isConst, node: declaration, propertyPath: path.length ? path : undefined },
    );
  }
}

/** `var` declarations anywhere in a function body (not in nested functions) are visible body-wide. */
function collectHoistedVars(scope: ts.Node, table: ScopeTable): void {
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.BlockScoped) === 0) {
      for (const declaration of node.declarations) {
        bindName(declaration.name, table, [], (path) => ({ kind: 'variable', declaration, isConst: false, node: declaration, propertyPath: path.length ? path : undefined }), true);
      }
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(scope, visit);
}

function bindName(
  name: ts.BindingName,
  table: ScopeTable,
  path: string[],
  make: (path: string[]) => Binding,
  keepExisting = false,
): void {
  if (ts.isIdentifier(name)) {
    if (!keepExisting || !table.has(name.text)) table.set(name.text, make(path));
    return;
  }
  for (const element of name.elements) {
    if (ts.isOmittedExpression(element)) continue;
    let key: string | undefined;
    if (ts.isObjectBindingPattern(name)) {
      const prop = element.propertyName ?? (ts.isIdentifier(element.name) ? element.name : undefined);
      key = prop && (ts.isIdentifier(prop) || ts.isStringLiteral(prop)) ? prop.text : undefined;
    }
    bindName(element.name, table, key !== undefined ? [...path, key] : path, make, keepExisting);
  }
}

/** The module of `require('x')`, `require('x').default` or `await import('x')`. */
export function requiredModule(expression: ts.Expression | undefined): string | undefined {
  let e = expression;
  while (e && (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e))) e = e.expression;
  if (e && ts.isPropertyAccessExpression(e) && e.name.text === 'default') e = e.expression;
  while (e && (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e))) e = e.expression;
  if (!e || !ts.isCallExpression(e) || e.arguments.length !== 1 || !ts.isStringLiteralLike(e.arguments[0])) return undefined;
  const isRequire = ts.isIdentifier(e.expression) && e.expression.text === 'require';
  const isImport = e.expression.kind === ts.SyntaxKind.ImportKeyword;
  return isRequire || isImport ? e.arguments[0].text : undefined;
}

/** What an `import('m')` promise chain resolves to: the module namespace (`*`) or one export of it. */
export interface DynamicImport { module: string; exportName: string }

const MAX_THEN_STEPS = 4;

/**
 * The module a `.then` callback's first parameter receives: `import('m').then(m => …)` gets the
 * namespace, `import('m').then(m => m.default).then(sdk => …)` and `.then(({ default: x }) => x).then(…)`
 * the default export; undefined for any other callback.
 */
export function dynamicImportParameter(fn: ts.Node): DynamicImport | undefined {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== fn || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'then') return undefined;
  return promiseValue(call.expression.expression, 0);
}

/** The module export a promise expression resolves to (`import('m')`, or a `.then` step that picks an export). */
export function promiseValue(expression: ts.Expression, steps: number): DynamicImport | undefined {
  let e = expression;
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e)) e = e.expression;
  if (!ts.isCallExpression(e)) return undefined;
  if (e.expression.kind === ts.SyntaxKind.ImportKeyword) {
    return e.arguments.length >= 1 && ts.isStringLiteralLike(e.arguments[0]) ? { module: e.arguments[0].text, exportName: '*' } : undefined;
  }
  if (steps >= MAX_THEN_STEPS || !ts.isPropertyAccessExpression(e.expression) || e.expression.name.text !== 'then') return undefined;
  const callback = e.arguments[0];
  if (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) || callback.parameters.length === 0) return undefined;
  const previous = promiseValue(e.expression.expression, steps + 1);
  if (!previous) return undefined;
  const returned = returnedExpression(callback);
  if (!returned) return undefined;
  const param = callback.parameters[0].name;
  // m => m  /  m => m.default  /  m => m.AnalyticsBrowser
  if (ts.isIdentifier(param)) {
    if (ts.isIdentifier(returned) && returned.text === param.text) return previous;
    if (ts.isPropertyAccessExpression(returned) && ts.isIdentifier(returned.expression) && returned.expression.text === param.text && previous.exportName === '*') {
      return { module: previous.module, exportName: returned.name.text };
    }
    return undefined;
  }
  // ({ default: x }) => x  /  ({ AnalyticsBrowser }) => AnalyticsBrowser
  if (ts.isObjectBindingPattern(param) && ts.isIdentifier(returned) && previous.exportName === '*') {
    for (const element of param.elements) {
      if (!ts.isIdentifier(element.name) || element.name.text !== returned.text || element.dotDotDotToken) continue;
      const key = element.propertyName ?? element.name;
      return ts.isIdentifier(key) || ts.isStringLiteral(key) ? { module: previous.module, exportName: key.text } : undefined;
    }
  }
  return undefined;
}

/** The value an arrow or function returns when its body is one expression or a single `return`. */
function returnedExpression(fn: ts.ArrowFunction | ts.FunctionExpression): ts.Expression | undefined {
  let body: ts.Node = fn.body;
  if (!ts.isBlock(body)) {
    let e = body as ts.Expression;
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    return e;
  }
  const last = body.statements.at(-1);
  if (body.statements.length !== 1 || !last || !ts.isReturnStatement(last) || !last.expression) return undefined;
  body = last.expression;
  let e = body as ts.Expression;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}
