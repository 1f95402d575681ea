/**
 * Where a new comment line must be written `{/* … *\/}`: a line that starts among the
 * children of a JSX element or fragment. A `//` line there is not a comment but text the
 * page renders. Decided from the syntax tree (no type checker), so it holds after any
 * kind of previous line (`{/* note *\/}`, `{cond && <X/>}`, text, a closing tag).
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use.
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import { computeLineStarts } from './text';

/**
 * A test for 1-based lines of `text` (a JS/TS file named `fileName`): true when the line's
 * first non-blank character starts a JSX child. The text is parsed once, on the first call.
 * Always false for `.ts` files, which cannot contain JSX.
 */
export function jsxChildLines(text: string, fileName: string): (line: number) => boolean {
  const kind = /\.tsx$/i.test(fileName) ? ts.ScriptKind.TSX : /\.(jsx|js|mjs|cjs)$/i.test(fileName) ? ts.ScriptKind.JSX : undefined;
  if (kind === undefined || !text.includes('<')) return () => false;
  let tree: ts.SourceFile | undefined;
  let lineStarts: number[] | undefined;
  return (line: number): boolean => {
    lineStarts ??= computeLineStarts(text);
    const lineStart = lineStarts[line - 1];
    if (lineStart === undefined) return false;
    const lineEnd = lineStarts[line] ?? text.length;
    let offset = lineStart;
    while (offset < lineEnd && (text[offset] === ' ' || text[offset] === '\t')) offset++;
    if (offset >= lineEnd || text[offset] === '\n' || text[offset] === '\r') return false;
    tree ??= ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, kind);
    return startsJsxChild(tree, offset);
  };
}

/** Whether `offset` is inside JSX text or at the start of a child of a JSX element/fragment. */
function startsJsxChild(tree: ts.SourceFile, offset: number): boolean {
  let node: ts.Node = tree;
  for (let depth = 0; depth < 10_000; depth++) {
    let next: ts.Node | undefined;
    ts.forEachChild(node, (child) => {
      if (child.pos <= offset && offset < child.end) {
        next = child;
        return true;
      }
      return undefined;
    });
    if (!next) return false;
    if (ts.isJsxText(next)) return true;
    const isChild = (ts.isJsxElement(node) || ts.isJsxFragment(node)) && (node.children as readonly ts.Node[]).includes(next);
    if (isChild && next.getStart(tree) === offset) return true;
    node = next;
  }
  return false;
}

/**
 * The words a JSX element shows or names: its text, string literals among its children, and the
 * string values of the attributes `keepAttribute` accepts (on the element and its descendants).
 */
export function jsxElementWords(element: ts.Node, sourceFile: ts.SourceFile, keepAttribute: (name: string) => boolean): string[] {
  const words: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) words.push(node.text.trim());
    else if (ts.isJsxAttribute(node)) {
      if (!keepAttribute(node.name.getText(sourceFile))) return;
      const init = node.initializer;
      if (init && ts.isStringLiteral(init)) words.push(init.text);
      else if (init && ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression)) words.push(init.expression.text);
      return;
    } else if (ts.isStringLiteralLike(node)) words.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(element);
  return words;
}
