/**
 * Inline scripts in JSX: `<Script id="ga">{`gtag('config', …)`}</Script>` (next/script) and
 * `dangerouslySetInnerHTML={{ __html: `…` }}` on `<script>`/`<Script>`. The code inside the
 * template is analysed by the same script pass, with offsets kept identical to the file by
 * blanking everything else (and the `${…}` substitutions).
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import type { Knowledge } from '../knowledge';
import { skipOuter } from './consent';
import type { ScopeResolver } from './scope';
import { jsxAttributes } from './trackers';

/** One inline script body inside a JSX element. */
export interface InlineScript {
  /** The `<Script>`/`<script>` element (whose own gate applies to the code inside). */
  element: ts.Node;
  /** The file text with everything but the script code blanked (same length, newlines kept). */
  masked: string;
  /** The CMP category when the element carries blocking markup (`type="text/plain" data-category="…"`). */
  markupCategory?: string;
}

/** Finds inline scripts in JSX elements of `sourceFile`. */
export function findInlineScripts(sourceFile: ts.SourceFile, knowledge: Knowledge, scope: ScopeResolver): InlineScript[] {
  const text = sourceFile.text;
  if (!/<script|<Script|dangerouslySetInnerHTML/.test(text)) return [];
  const out: InlineScript[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node)) {
      const opening = ts.isJsxElement(node) ? node.openingElement : node;
      if (isScriptTag(opening, scope)) {
        const regions: [number, number][] = [];
        if (ts.isJsxElement(node)) {
          for (const child of node.children) {
            if (ts.isJsxExpression(child) && child.expression) regions.push(...codeRegions(child.expression));
          }
        }
        for (const attribute of opening.attributes.properties) {
          if (!ts.isJsxAttribute(attribute) || attribute.name.getText(sourceFile) !== 'dangerouslySetInnerHTML') continue;
          const init = attribute.initializer;
          const object = init && ts.isJsxExpression(init) && init.expression ? skipOuter(init.expression) : undefined;
          if (!object || !ts.isObjectLiteralExpression(object)) continue;
          for (const property of object.properties) {
            if (ts.isPropertyAssignment(property) && property.name.getText(sourceFile) === '__html') regions.push(...codeRegions(property.initializer));
          }
        }
        if (regions.length > 0) out.push({ element: node, masked: mask(text, regions), markupCategory: markup(opening, knowledge, sourceFile) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return out;
}

function isScriptTag(opening: ts.JsxOpeningLikeElement, scope: ScopeResolver): boolean {
  if (!ts.isIdentifier(opening.tagName)) return false;
  const name = opening.tagName.text;
  if (name === 'script') return true;
  const binding = scope.resolve(name, opening);
  return binding?.kind === 'import' && binding.module === 'next/script';
}

/** Code ranges of a string or template literal (substitutions excluded). */
function codeRegions(expression: ts.Expression): [number, number][] {
  const e = skipOuter(expression);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [[e.getStart() + 1, e.getEnd() - 1]];
  if (ts.isTemplateExpression(e)) {
    // `head ${a} middle ${b} tail`: keep the literal parts, drop `${…}`.
    const regions: [number, number][] = [[e.head.getStart() + 1, e.head.getEnd() - 2]];
    for (const span of e.templateSpans) {
      const literal = span.literal;
      const end = ts.isTemplateTail(literal) ? literal.getEnd() - 1 : literal.getEnd() - 2;
      regions.push([literal.getStart() + 1, end]);
    }
    return regions;
  }
  return [];
}

/** The text with every character outside `regions` replaced by a space (newlines kept). */
function mask(text: string, regions: [number, number][]): string {
  const chars = text.replace(/[^\n\r]/g, ' ').split('');
  for (const [start, end] of regions) for (let i = start; i < end; i++) chars[i] = text[i];
  return chars.join('');
}

function markup(opening: ts.JsxOpeningLikeElement, knowledge: Knowledge, sourceFile: ts.SourceFile): string | undefined {
  const attributes = jsxAttributes(opening, sourceFile);
  const type = attributes.get('type')?.toLowerCase();
  for (const [name, value] of attributes) {
    for (const { markup: shape } of knowledge.consentMarkup.get(name.toLowerCase()) ?? []) {
      if (shape.requiresTextPlain && type !== 'text/plain') continue;
      return shape.valueIsCategory ? value : 'any';
    }
  }
  return undefined;
}
