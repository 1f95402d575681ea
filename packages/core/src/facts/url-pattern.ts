/**
 * A URL as far as it is statically known, unknown parts replaced by `x`
 * (`https://graph.facebook.com/v19.0/x/events`): string literals, templates, `+`, const
 * bindings (three levels) and `new URL(path, base)`. Shared by the tracker walk and the
 * data-handling pass.
 */
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import { skipOuter } from './consent';
import type { ScopeResolver } from './scope';

/** The URL pattern of `expression`, or undefined when its start is not known. */
export function urlPattern(expression: ts.Expression, scope: ScopeResolver, depth = 0): string | undefined {
  const e = skipOuter(expression);
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isTemplateExpression(e)) return e.head.text + e.templateSpans.map((span) => `${urlPattern(span.expression, scope, depth + 1) ?? 'x'}${span.literal.text}`).join('');
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = urlPattern(e.left, scope, depth + 1);
    return left === undefined ? undefined : left + (urlPattern(e.right, scope, depth + 1) ?? 'x');
  }
  if (ts.isIdentifier(e) && depth < 3) {
    const binding = scope.resolve(e.text, e);
    const init = binding?.kind === 'variable' && binding.isConst && !binding.propertyPath ? binding.declaration.initializer : undefined;
    if (init) return urlPattern(init, scope, depth + 1);
  }
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'URL' && e.arguments?.length) {
    const path = urlPattern(e.arguments[0], scope, depth + 1);
    const base = e.arguments[1] ? urlPattern(e.arguments[1], scope, depth + 1) : undefined;
    if (path !== undefined && base !== undefined && !/^[a-z]+:\/\//i.test(path)) return base.replace(/\/$/, '') + (path.startsWith('/') ? path : `/${path}`);
    return path;
  }
  return undefined;
}

