/**
 * Module facts for the project pass: every use of a binding imported from a project file
 * (with the consent categories proven on the way to it, and the exported function it sits
 * in), and the file's re-exports.
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import type { ConsentCategory } from '../knowledge/types';
import { mayBeProjectModule } from '../project/resolve';
import { exportNamesOf, functionName, type GateFinder } from './gating';
import { requiredModule, type ScopeResolver } from './scope';
import { enclosingStatement } from './trackers';
import type { ImportedUse, Reexport } from './types';

const CATEGORIES: ConsentCategory[] = ['marketing', 'measurement', 'functionality', 'experience', 'necessary'];

/** Collects imported uses and re-exports of one file. */
export function collectModuleFacts(
  sourceFile: ts.SourceFile,
  scope: ScopeResolver,
  gates: () => GateFinder,
  /** Told about every call of an imported project function (for the personal-data flows pass). */
  onCall?: (call: ts.CallExpression, specifier: string, exportName: string) => void,
  /**
   * The file's identifiers by name, from the one syntax walk (facts/trackers.ts): the uses of the
   * imported names are looked up there instead of walking the file a second time.
   */
  identifiers?: ReadonlyMap<string, readonly ts.Identifier[]>,
): { imports: ImportedUse[]; reexports: Reexport[]; dependencies: string[] } {
  const reexports: Reexport[] = [];
  const dependencies = new Set<string>();
  const localNames = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      const specifier = statement.moduleSpecifier.text;
      if (!mayBeProjectModule(specifier)) continue;
      dependencies.add(specifier);
      if (!statement.exportClause) reexports.push({ specifier, exportName: '*', as: '*' });
      else if (ts.isNamedExports(statement.exportClause)) {
        for (const e of statement.exportClause.elements) reexports.push({ specifier, exportName: (e.propertyName ?? e.name).text, as: e.name.text });
      } else reexports.push({ specifier, exportName: '*', as: statement.exportClause.name.text });
    }
    // CommonJS: const analytics = require('./analytics'); const { track } = require('../lib/track');
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const module = requiredModule(declaration.initializer);
        if (module !== undefined && mayBeProjectModule(module)) {
          dependencies.add(module);
          addBindingNames(declaration.name, localNames);
        }
      }
    }
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && mayBeProjectModule(statement.moduleSpecifier.text)) {
      dependencies.add(statement.moduleSpecifier.text);
      const clause = statement.importClause;
      if (!clause || clause.isTypeOnly) continue;
      if (clause.name) localNames.add(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) localNames.add(bindings.name.text);
      else if (bindings) for (const e of bindings.elements) if (!e.isTypeOnly) localNames.add(e.name.text);
    }
  }
  const imports: ImportedUse[] = [];
  if (localNames.size === 0) return { imports, reexports, dependencies: [...dependencies] };

  const consider = (node: ts.Identifier): void => {
    if (isReference(node)) {
      const binding = scope.resolve(node.text, node);
      if (binding?.kind === 'import' && mayBeProjectModule(binding.module)) {
        let exportName = binding.exportName;
        let useNode: ts.Node = node;
        // import * as analytics from './analytics'; analytics.track(…)  /  const track = require('./track'); track()
        if (exportName === '*') {
          if (ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node) {
            exportName = node.parent.name.text;
            useNode = node.parent;
          } else if (ts.isCallExpression(node.parent) && node.parent.expression === node) {
            exportName = 'default';
          } else return;
        }
        const use = useOf(binding.module, exportName, useNode, sourceFile, gates());
        const member = memberCall(useNode, sourceFile);
        imports.push(member ? { ...use, member } : use);
        if (onCall && ts.isCallExpression(useNode.parent) && useNode.parent.expression === useNode) onCall(useNode.parent, binding.module, exportName);
      }
    }
  };
  if (identifiers) {
    // in document order, as a walk would meet them; import and export declarations hold no uses
    const uses: ts.Identifier[] = [];
    for (const name of localNames) for (const id of identifiers.get(name) ?? []) uses.push(id);
    uses.sort((a, b) => a.pos - b.pos);
    for (const id of uses) if (!inImportOrExportDeclaration(id)) consider(id);
  } else {
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && localNames.has(node.text)) consider(node);
      ts.forEachChild(node, visit);
    };
    for (const statement of sourceFile.statements) if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) visit(statement);
  }
  return { imports, reexports, dependencies: [...dependencies] };
}

function useOf(specifier: string, exportName: string, node: ts.Node, sourceFile: ts.SourceFile, gates: GateFinder): ImportedUse {
  const grants: ImportedUse['grants'] = [];
  let enclosingExports: string[] = [];
  let consentEvent: string | undefined;
  const decisions = gates.categoryDecisions;
  for (const category of CATEGORIES) {
    const gate = gates.find(node, category);
    if (gate.gated) grants.push(gate.by?.grants.includes('any') ? 'any' : category);
    else if (gate.exportNames) enclosingExports = gate.exportNames;
    if (!gate.gated && gate.consentEvent) consentEvent = gate.consentEvent.name;
    if (grants.includes('any')) break;
    // no check of any kind on the way (most uses of imported components and helpers): every
    // other category would be searched the same way and give the same answer
    if (category === CATEGORIES[0] && !gate.gated && gates.categoryDecisions === decisions) break;
  }
  return {
    specifier,
    exportName,
    span: { start: node.getStart(sourceFile), end: node.getEnd() },
    grants: [...new Set(grants)],
    enclosingExports: grants.includes('any') ? [] : enclosingExports,
    ...(consentEvent !== undefined && !grants.includes('any') ? { consentEvent } : {}),
  };
}

/** `x.track(…)` / `x.people.set(…)` on an imported binding: the method path, the call and its statement. */
function memberCall(use: ts.Node, sourceFile: ts.SourceFile): ImportedUse['member'] {
  const names: string[] = [];
  let node = use;
  while (ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node) {
    names.push(node.parent.name.text);
    node = node.parent;
  }
  const call = node.parent;
  if (names.length === 0 || !ts.isCallExpression(call) || call.expression !== node) return undefined;
  const statement = enclosingStatement(call);
  return {
    method: names.join('.'),
    call: { start: call.getStart(sourceFile), end: call.getEnd() },
    statement: statement && { start: statement.getStart(sourceFile), end: statement.getEnd() },
  };
}

/** Inside a top-level `import …` or `export … from` declaration (whose names are not uses). */
function inImportOrExportDeclaration(id: ts.Node): boolean {
  let n: ts.Node = id;
  while (n.parent && !ts.isSourceFile(n.parent)) n = n.parent;
  return ts.isImportDeclaration(n) || ts.isExportDeclaration(n);
}

function addBindingNames(name: ts.BindingName, out: Set<string>): void {
  if (ts.isIdentifier(name)) out.add(name.text);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBindingNames(element.name, out);
}

/** An identifier that reads the binding (not a property name, declaration or type position). */
function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p)) && p.name === id) return false;
  if (ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p) || ts.isExportSpecifier(p)) return false;
  if (ts.isTypeReferenceNode(p) || ts.isQualifiedName(p) || ts.isTypeQueryNode(p)) return false;
  if (ts.isJsxClosingElement(p)) return false;
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p) || ts.isFunctionDeclaration(p)) && p.name === id) return false;
  return true;
}

export { exportNamesOf, functionName };
