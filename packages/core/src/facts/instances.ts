/**
 * Exported tracker instances: a module whose top level creates an SDK instance with a catalogued
 * factory (`AnalyticsBrowser.load`, `posthog.init`, `new Analytics(…)`, `Mixpanel.init`) and exports
 * it. Only the top-level statements are read (no walk of their own).
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import { factoryOf, type TrackerFactory } from '../knowledge/tracker-instances';
import { pathOf, skipOuter } from './consent';
import type { ScopeResolver } from './scope';
import type { TrackerInstance } from './types';

/** The catalogued factory that created the value of `init`, if any (awaits and casts skipped). */
export function instanceFactory(init: ts.Expression, scope: ScopeResolver): { factory: TrackerFactory; label: string } | undefined {
  let e = skipOuter(init);
  while (ts.isAwaitExpression(e)) e = skipOuter(e.expression);
  if (!ts.isCallExpression(e) && !ts.isNewExpression(e)) return undefined;
  const path = pathOf(e.expression);
  if (!path) return undefined;
  const binding = scope.resolve(path[0], e);
  if (binding?.kind !== 'import') return undefined;
  const factory = factoryOf(binding.module, binding.exportName, path.slice(1), ts.isNewExpression(e));
  return factory && { factory, label: `${ts.isNewExpression(e) ? 'new ' : ''}${path.join('.')}` };
}

/** The tracker instances a module exports (by `export const`, `export { x as y }`, `export default`). */
export function exportedTrackerInstances(sourceFile: ts.SourceFile, scope: ScopeResolver): TrackerInstance[] {
  const local = new Map<string, { factory: TrackerFactory; label: string; span: TrackerInstance['span'] }>();
  const out: TrackerInstance[] = [];
  const push = (exportName: string, made: { factory: TrackerFactory; label: string; span: TrackerInstance['span'] }): void => {
    out.push({ exportName, vendorId: made.factory.vendor, methods: made.factory.methods, server: made.factory.server === true, label: made.label, span: made.span });
  };
  for (const statement of sourceFile.statements) {
    if (ts.isVariableStatement(statement)) {
      const exported = ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
        const made = instanceFactory(declaration.initializer, scope);
        if (!made) continue;
        const entry = { ...made, span: { start: declaration.getStart(sourceFile), end: declaration.getEnd() } };
        local.set(declaration.name.text, entry);
        if (exported) push(declaration.name.text, entry);
      }
    } else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      // export default analytics  /  export default AnalyticsBrowser.load({ writeKey })
      const e = skipOuter(statement.expression);
      const known = ts.isIdentifier(e) ? local.get(e.text) : undefined;
      const made = instanceFactory(e, scope);
      if (known) push('default', known);
      else if (made) push('default', { ...made, span: { start: e.getStart(sourceFile), end: e.getEnd() } });
    } else if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) {
        const known = local.get((element.propertyName ?? element.name).text);
        if (known) push(element.name.text, known);
      }
    }
  }
  return out;
}
