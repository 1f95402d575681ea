/**
 * Consent-tool configurations that switch a purpose on before the visitor chose
 * (orestbida `categories.analytics.enabled: true`, Klaro `default: true`). The shapes are
 * data: `knowledge/cmp-defaults.json`.
 */
import { ts } from 'ts-morph';
import { derived } from '../knowledge/catalogues';
import { pathOf, skipOuter } from './consent';
import type { ScopeResolver } from './scope';
import type { CmpDefaultOn } from './types';

interface Flag {
  path: string;
  unlessSibling?: string;
  skipKeys: string[];
}

interface CmpConfigShape {
  api: string;
  name: string;
  calls: string[];
  imports: Record<string, string[]>;
  variables: string[];
  flags: Flag[];
}

/** Consent-tool configurations (`knowledge/cmp-defaults.json` + `knowledge.cmpDefaults`) and the words that pre-filter a file. */
const cmpConfigs = derived(({ cmpDefaults }) => {
  const configs = cmpDefaults.configs as unknown as CmpConfigShape[];
  const words = [...new Set(configs.flatMap((c) => [...c.calls.map((call) => call.split('.').pop()!), ...Object.keys(c.imports), ...c.variables]))];
  return { configs, words };
});

/** Flags set to `true` in consent-tool configuration objects of the file. */
export function findCmpDefaults(sourceFile: ts.SourceFile, scope: ScopeResolver): CmpDefaultOn[] {
  const out: CmpDefaultOn[] = [];
  // Cheap text test first: no catalogued call, import or variable name, no walk.
  // (the last segments of the catalogued calls, module names and variables)
  if (!cmpConfigs().words.some((word) => sourceFile.text.includes(word))) return out;
  const visit = (node: ts.Node): void => {
    let config: { shape: CmpConfigShape; object: ts.ObjectLiteralExpression } | undefined;
    if (ts.isCallExpression(node) && node.arguments[0]) config = configOfCall(node, scope);
    else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) config = configOfName(node.name.text, node.initializer);
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = pathOf(node.left);
      const name = target && (target.length === 1 || (target.length === 2 && ['window', 'globalThis', 'self'].includes(target[0]))) ? target[target.length - 1] : undefined;
      if (name) config = configOfName(name, node.right);
    }
    if (config) {
      for (const flag of config.shape.flags) collectFlag(config.object, flag.path.split('.'), flag, config.shape, sourceFile, out);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return out.sort((a, b) => a.span.start - b.span.start);
}


function configOfName(name: string, value: ts.Expression): { shape: CmpConfigShape; object: ts.ObjectLiteralExpression } | undefined {
  const object = skipOuter(value);
  if (!ts.isObjectLiteralExpression(object)) return undefined;
  const shape = cmpConfigs().configs.find((c) => c.variables.includes(name));
  return shape && { shape, object };
}

function configOfCall(call: ts.CallExpression, scope: ScopeResolver): { shape: CmpConfigShape; object: ts.ObjectLiteralExpression } | undefined {
  const object = skipOuter(call.arguments[0]);
  if (!ts.isObjectLiteralExpression(object)) return undefined;
  const path = pathOf(call.expression);
  if (!path) return undefined;
  const dotted = (['window', 'globalThis', 'self'].includes(path[0]) ? path.slice(1) : path).join('.');
  const binding = scope.resolve(path[0], call);
  for (const shape of cmpConfigs().configs) {
    if (binding?.kind === 'import') {
      const exports = shape.imports[binding.module];
      if (!exports) continue;
      // import { run } from 'vanilla-cookieconsent'; import * as CookieConsent from …; CookieConsent.run(…)
      const member = path.length === 1 ? binding.exportName : path.length === 2 && (binding.exportName === '*' || binding.exportName === 'default') ? path[1] : undefined;
      if (member && exports.includes(member)) return { shape, object };
    } else if (!binding && shape.calls.includes(dotted)) {
      return { shape, object };
    }
  }
  return undefined;
}

function propertyKey(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

function collectFlag(object: ts.ObjectLiteralExpression, path: string[], flag: Flag, shape: CmpConfigShape, sourceFile: ts.SourceFile, out: CmpDefaultOn[], trail: string[] = []): void {
  const [head, ...rest] = path;
  const isArray = head.endsWith('[]');
  const name = isArray ? head.slice(0, -2) : head;
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property)) continue;
    const key = propertyKey(property.name);
    if (key === undefined || (name !== '*' && key !== name)) continue;
    const value = skipOuter(property.initializer);
    if (rest.length === 0) {
      if (value.kind !== ts.SyntaxKind.TrueKeyword) continue;
      if (flag.unlessSibling && siblingTrue(object, flag.unlessSibling)) continue;
      if (trail.some((t) => flag.skipKeys.includes(t))) continue;
      out.push({
        api: shape.api,
        apiName: shape.name,
        property: [...trail, key].join('.'),
        span: { start: property.getStart(sourceFile), end: property.getEnd() },
        value: { start: property.initializer.getStart(sourceFile), end: property.initializer.getEnd() },
        wasOptOut: key === 'optOut',
      });
      continue;
    }
    if (isArray && ts.isArrayLiteralExpression(value)) {
      value.elements.forEach((element, i) => {
        const inner = skipOuter(element);
        if (ts.isObjectLiteralExpression(inner)) collectFlag(inner, rest, flag, shape, sourceFile, out, [...trail, `${key}[${serviceName(inner) ?? i}]`]);
      });
    } else if (ts.isObjectLiteralExpression(value)) {
      collectFlag(value, rest, flag, shape, sourceFile, out, [...trail, key]);
    }
  }
}

function siblingTrue(object: ts.ObjectLiteralExpression, name: string): boolean {
  return object.properties.some((p) => ts.isPropertyAssignment(p) && propertyKey(p.name) === name && skipOuter(p.initializer).kind === ts.SyntaxKind.TrueKeyword);
}

/** A Klaro service's `name`, for readable paths (`services[google-analytics].default`). */
function serviceName(object: ts.ObjectLiteralExpression): string | undefined {
  for (const p of object.properties) {
    if (ts.isPropertyAssignment(p) && propertyKey(p.name) === 'name' && ts.isStringLiteralLike(p.initializer)) return p.initializer.text;
  }
  return undefined;
}
