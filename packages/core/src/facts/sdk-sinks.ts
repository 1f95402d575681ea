/**
 * SDK calls that hand a person's data to a vendor outside the tracker catalogue, recognised
 * while the one walk visits calls (through {@link DataHandlingCollector}): error-monitoring user
 * context (`Sentry.setUser`, `scope.setUser`, `Bugsnag.setUser`, `datadogRum.setUser`), the Meta
 * Conversions API Node SDK's `UserData` setters, Google Ads API conversion uploads. The flows
 * pass treats them like tracker sinks. Call shapes come from `knowledge/sdk-data-sinks.json`.
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use.
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import { BUILTIN_CATALOGUES, derived } from '../knowledge/catalogues';
import type { DataParamRole } from '../knowledge/tracker-data-params';
import { pathOf, skipOuter } from './consent';
import { requiredModule, type ScopeResolver } from './scope';

/** One argument of an SDK sink: a role as in tracker-data-params, or a fixed kind (`Bugsnag.setUser(id, email, name)`). */
export interface SdkSinkArg {
  index: number;
  /** The data sits under these keys of the argument (`initialScope.user` of `Sentry.init`, `payload.person` of Rollbar). */
  path?: string[];
  role: DataParamRole;
  /** The argument is this kind of personal data whatever its name (`setEmail(x)`). */
  kind?: string;
  /** The SDK hashes the value before sending it (Meta's UserData setters). */
  hashed?: boolean;
}

interface CallShape {
  /** The method (`setUser`), or with `new` the class (`Rollbar` of `new Rollbar({…})`). */
  method: string;
  new?: boolean;
  args: { index: number; path?: string[]; role?: DataParamRole; kind?: string }[];
}

/** An SDK option that makes the vendor collect personal data itself (`Sentry.init({ sendDefaultPii: true })`). */
interface SettingShape {
  method: string;
  index: number;
  key: string;
  value: boolean;
  /** What the vendor then collects, in words. */
  sends: string;
}

/** A catalogue entry of `sdk-data-sinks.json`. */
export interface SdkSinkEntry {
  id: string;
  name: string;
  kind?: string;
  /** A tracker vendor id (`meta-pixel`) the data reaches; the entry's own id otherwise. */
  vendor?: string;
  /** `processor`: normally works under a processor contract for the site's own purpose. */
  recipient?: 'processor';
  modules: string[];
  globals?: string[];
  calls?: CallShape[];
  /** Options that make the SDK collect personal data by design. */
  settings?: SettingShape[];
  /** Methods that give a scope object with the same setters (`withScope(scope => scope.setUser(…))`, `getCurrentScope()`). */
  scopes?: string[];
  classes?: { class: string; setters: Record<string, string>; hashedBySdk?: string[] }[];
  endpoints?: string[];
  /** Keys that name the sender's own account, never a person (`customer_id`: the advertiser's Google Ads account). */
  ignoreKeys?: string[];
  source: string;
}

/** The shipped entries; the analysis reads the active catalogues (with `knowledge.sdkDataSinks`). */
export const SDK_SINKS: readonly SdkSinkEntry[] = (BUILTIN_CATALOGUES.sdkDataSinks as unknown as { sinks: SdkSinkEntry[] }).sinks;

/** The active entries and their modules, once per catalogue set. */
const sinks = derived(({ sdkDataSinks }) => {
  const list = (sdkDataSinks as unknown as { sinks: SdkSinkEntry[] }).sinks;
  const byModule = new Map<string, SdkSinkEntry>();
  for (const entry of list) for (const m of entry.modules) byModule.set(m, entry);
  // every method name a call shape or class setter answers to: most calls of a file are none of them
  const methods = new Set<string>();
  for (const entry of list) {
    for (const shape of entry.calls ?? []) methods.add(shape.method);
    for (const cls of entry.classes ?? []) for (const m of Object.keys(cls.setters)) methods.add(m);
  }
  return { list, byModule, methods };
});

/** A recognised SDK sink call. */
export interface SdkSinkMatch {
  entry: SdkSinkEntry;
  label: string;
  args: SdkSinkArg[];
}

const MAX_STEPS = 6;

/** The catalogue entry whose module an expression's root comes from: an import, a require, an instance made from one. */
function entryOfRoot(expression: ts.Expression, scope: ScopeResolver, steps = 0): SdkSinkEntry | undefined {
  if (steps > MAX_STEPS) return undefined;
  let e = skipOuter(expression);
  while (ts.isAwaitExpression(e)) e = skipOuter(e.expression);
  // walk down member accesses and calls to the root identifier: Sentry.getCurrentScope(), bugsnag.client
  for (let i = 0; i < MAX_STEPS; i++) {
    if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && ['window', 'globalThis', 'self'].includes(e.expression.text) && !scope.resolve(e.expression.text, e)) {
      // window.Sentry, window.DD_RUM
      const name = e.name.text;
      return sinks().list.find((s) => s.globals?.includes(name));
    }
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = skipOuter(e.expression);
    else if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
      const module = ts.isCallExpression(e) ? requiredModule(e) : undefined;
      if (module !== undefined) return sinks().byModule.get(module);
      e = skipOuter(e.expression);
    } else break;
  }
  if (!ts.isIdentifier(e)) return undefined;
  const binding = scope.resolve(e.text, e);
  if (!binding) {
    const name = e.text;
    return sinks().list.find((s) => s.globals?.includes(name));
  }
  if (binding.kind === 'import') return sinks().byModule.get(binding.module);
  if (binding.kind === 'variable' && binding.declaration.initializer) {
    let init = skipOuter(binding.declaration.initializer);
    // const Sentry = window.Sentry || { init() {}, … }: the SDK global with a stub for when it did not load
    if (ts.isBinaryExpression(init) && (init.operatorToken.kind === ts.SyntaxKind.BarBarToken || init.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) init = skipOuter(init.left);
    const module = requiredModule(init);
    if (module !== undefined) return sinks().byModule.get(module);
    return entryOfRoot(init, scope, steps + 1);
  }
  return undefined;
}

/** `window.Sentry.setUser` → `Sentry.setUser`. */
function withoutWindow(path: string[]): string[] {
  return path[0] === 'window' || path[0] === 'globalThis' || path[0] === 'self' ? path.slice(1) : path;
}

function argsOf(shape: CallShape): SdkSinkArg[] {
  return shape.args.map((a) => ({ index: a.index, path: a.path, role: a.role ?? 'properties', kind: a.kind }));
}

/** Is `receiver` a scope object of `entry` (`scope` of `withScope(scope => …)`, `getCurrentScope()`, a variable holding one)? */
function isScopeObject(receiver: ts.Expression, entry: SdkSinkEntry, scope: ScopeResolver): boolean {
  const methods = entry.scopes ?? [];
  const e = skipOuter(receiver);
  if (ts.isCallExpression(e)) {
    const path = pathOf(e.expression);
    return !!path && methods.includes(path[path.length - 1]!) && entryOfRoot(e.expression, scope) === entry;
  }
  if (!ts.isIdentifier(e)) return false;
  const binding = scope.resolve(e.text, e);
  if (binding?.kind === 'variable' && binding.declaration.initializer) return isScopeObject(binding.declaration.initializer, entry, scope);
  if (binding?.kind !== 'parameter') return false;
  // Sentry.withScope((scope) => { scope.setUser(…) })
  const fn = binding.parameter.parent;
  // Sentry.init({ initialScope: (scope) => { scope.setUser(…); return scope; } })
  const member = fn.parent;
  if (ts.isPropertyAssignment(member) && ts.isIdentifier(member.name) && member.name.text === 'initialScope' && ts.isObjectLiteralExpression(member.parent) && ts.isCallExpression(member.parent.parent)) {
    const init = member.parent.parent;
    const initPath = pathOf(init.expression);
    return !!initPath && initPath[initPath.length - 1] === 'init' && (ts.isPropertyAccessExpression(init.expression) ? entryOfRoot(init.expression.expression, scope) === entry : entryOfRoot(init.expression, scope) === entry);
  }
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return false;
  const path = pathOf(call.expression);
  return !!path && methods.includes(path[path.length - 1]!) && entryOfRoot(call.expression, scope) === entry;
}

/** `new UserData()` (of the SDK) at the start of a setter chain, or a variable holding one. */
function isSdkClassChain(receiver: ts.Expression, className: string, modules: ReadonlySet<string>, entry: SdkSinkEntry, scope: ScopeResolver, steps = 0): boolean {
  if (steps > MAX_STEPS * 3) return false;
  const e = skipOuter(receiver);
  if (ts.isNewExpression(e)) {
    const path = pathOf(e.expression);
    if (!path || path[path.length - 1] !== className) return false;
    return entryOfRoot(e.expression, scope) === entry || entry.modules.some((m) => modules.has(m));
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) return isSdkClassChain(e.expression.expression, className, modules, entry, scope, steps + 1);
  if (ts.isIdentifier(e)) {
    const binding = scope.resolve(e.text, e);
    if (binding?.kind === 'variable' && binding.declaration.initializer) return isSdkClassChain(binding.declaration.initializer, className, modules, entry, scope, steps + 1);
  }
  return false;
}

/**
 * The SDK sink a call is, if any. `modules` are the module specifiers the file imports or
 * requires (a setter chain on `new UserData()` counts when the file uses the SDK).
 */
export function matchSdkSink(call: ts.CallExpression | ts.NewExpression, scope: ScopeResolver, modules: ReadonlySet<string>): SdkSinkMatch | undefined {
  const callee = skipOuter(call.expression);
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
  if (method === undefined || !sinks().methods.has(method)) return undefined;
  const path = pathOf(callee);
  const label = path ? withoutWindow(path).join('.') : `….${method}`;
  const constructing = ts.isNewExpression(call);
  for (const entry of sinks().list) {
    for (const shape of entry.calls ?? []) {
      if (shape.method !== method || (shape.new === true) !== constructing) continue;
      // new Rollbar({ payload: { person } }): the class comes from the SDK's module (import, require, global)
      if (constructing) {
        if (entryOfRoot(callee, scope) === entry) return { entry, label: `new ${label}`, args: argsOf(shape) };
        continue;
      }
      if (ts.isIdentifier(callee)) {
        // import { setUser } from '@sentry/sveltekit'
        const binding = scope.resolve(callee.text, callee);
        if (binding?.kind === 'import' && binding.exportName === method && entry.modules.includes(binding.module)) return { entry, label, args: argsOf(shape) };
        continue;
      }
      if (!ts.isPropertyAccessExpression(callee)) continue;
      const receiver = callee.expression;
      if (entryOfRoot(receiver, scope) === entry && !(entry.scopes && isScopeLike(receiver))) return { entry, label, args: argsOf(shape) };
      if (entry.scopes && isScopeObject(receiver, entry, scope)) return { entry, label, args: argsOf(shape) };
      // customer.conversionUploads.uploadClickConversions(…): the instance comes through a factory; the method names the SDK
      if (!entry.scopes && !entry.globals && entry.modules.some((m) => modules.has(m))) return { entry, label, args: argsOf(shape) };
    }
    if (constructing) continue;
    for (const cls of entry.classes ?? []) {
      const kind = Object.hasOwn(cls.setters, method) ? cls.setters[method] : undefined;
      if (kind === undefined || !ts.isPropertyAccessExpression(callee)) continue;
      if (!isSdkClassChain(callee.expression, cls.class, modules, entry, scope)) continue;
      return { entry, label: `${cls.class}.${method}`, args: [{ index: 0, role: 'properties', kind, hashed: cls.hashedBySdk?.includes(method) }] };
    }
  }
  return undefined;
}

/** A catalogued option that makes an SDK collect personal data, set to its value in this call. */
export interface SdkSettingMatch {
  entry: SdkSinkEntry;
  setting: SettingShape;
  label: string;
  property: ts.PropertyAssignment;
}

/** `Sentry.init({ sendDefaultPii: true })` (also `import { init } from '@sentry/node'`, the options in a const). */
export function matchSdkSetting(call: ts.CallExpression, scope: ScopeResolver): SdkSettingMatch[] {
  const callee = skipOuter(call.expression);
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
  if (method === undefined) return [];
  const out: SdkSettingMatch[] = [];
  for (const entry of sinks().list) {
    for (const setting of entry.settings ?? []) {
      if (setting.method !== method) continue;
      let ours = false;
      if (ts.isIdentifier(callee)) {
        const binding = scope.resolve(callee.text, callee);
        ours = binding?.kind === 'import' && binding.exportName === method && entry.modules.includes(binding.module);
      } else if (ts.isPropertyAccessExpression(callee)) ours = entryOfRoot(callee.expression, scope) === entry;
      if (!ours) continue;
      const options = call.arguments[setting.index] && objectLiteralOf(call.arguments[setting.index]!, scope);
      const property = options?.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === setting.key);
      const value = property && skipOuter(property.initializer);
      if (!value || value.kind !== (setting.value ? ts.SyntaxKind.TrueKeyword : ts.SyntaxKind.FalseKeyword)) continue;
      const path = pathOf(callee);
      out.push({ entry, setting, label: path ? withoutWindow(path).join('.') : method, property });
    }
  }
  return out;
}

/** An object literal, written in place or held by a const (`Sentry.init(options)`). */
export function objectLiteralOf(expression: ts.Expression, scope: ScopeResolver, steps = 0): ts.ObjectLiteralExpression | undefined {
  const e = skipOuter(expression);
  if (ts.isObjectLiteralExpression(e)) return e;
  if (steps < 3 && ts.isIdentifier(e)) {
    const binding = scope.resolve(e.text, e);
    if (binding?.kind === 'variable' && !binding.propertyPath && binding.declaration.initializer) return objectLiteralOf(binding.declaration.initializer, scope, steps + 1);
  }
  return undefined;
}

/** `Sentry.getCurrentScope()` is a scope, not the SDK namespace. */
function isScopeLike(receiver: ts.Expression): boolean {
  return ts.isCallExpression(skipOuter(receiver));
}

/** The catalogue entry whose endpoint a request URL matches (`googleads.googleapis.com/v17/customers/1:uploadClickConversions`). */
export function sdkSinkForUrl(url: string, matches: (pattern: string, url: string) => boolean): SdkSinkEntry | undefined {
  return sinks().list.find((s) => s.endpoints?.some((p) => matches(p, url)));
}
