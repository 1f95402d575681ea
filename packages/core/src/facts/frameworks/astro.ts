/**
 * Astro components (`.astro`). Astro's own parser (`@astrojs/compiler`, a Go program compiled
 * to WebAssembly) was measured and not taken: a 5 MB wasm file to ship and load (~0.8 s to
 * instantiate), ~30 ms per small file, and its positions are UTF-8 byte offsets whose element
 * ends are unreliable (an element's end is reported inside its start tag), which would put
 * findings and fixes in the wrong place. The syntax is small and fixed, so it is read here:
 *
 * - the frontmatter between the `---` fences is the component's TypeScript module;
 * - the template is HTML with `{…}` JavaScript expressions, which may hold markup
 *   (`{cond && <iframe/>}`, `{cond ? <a/> : <b/>}`, `{list.map((x) => <li/>)}`); attribute
 *   values may be `{…}` expressions; `<script>`/`<style>` bodies are raw text.
 *
 * Guards: `{cond && <tag/>}` and `{cond ? <a/> : <b/>}` (condition and else branch); any other
 * expression around markup is transparent. Unterminated expressions, strings or frontmatter
 * are a broken file: thrown, and the workspace lists the file as skipped with the reason.
 */
import type { TemplateElement, TemplateModel, TemplateNode, ScriptBlock } from '../template';
import { literalText } from './literal';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** The model of an `.astro` file. */
export function astroModel(text: string): TemplateModel {
  const scripts: ScriptBlock[] = [];
  let pos = 0;
  const fence = /^(\uFEFF)?\s*---[ \t]*\r?\n/.exec(text);
  if (fence) {
    const close = /\r?\n---[ \t]*(\r?\n|$)/g;
    close.lastIndex = fence[0].length - 1;
    const end = close.exec(text);
    if (!end) throw new Error('Astro frontmatter: no closing `---`');
    scripts.push({ start: fence[0].length, end: end.index });
    pos = end.index + end[0].length;
  }
  const reader = new Reader(text);
  reader.pos = pos;
  return { scripts, template: reader.children(undefined) };
}

class Reader {
  pos = 0;
  constructor(private readonly text: string) {}

  /** Nodes until `</closing>` (consumed) or the end. */
  children(closing: string | undefined): TemplateNode[] {
    const text = this.text;
    const out: TemplateNode[] = [];
    let textStart = this.pos;
    const flushText = () => {
      if (this.pos > textStart) out.push({ type: 'text', value: text.slice(textStart, this.pos), start: textStart });
    };
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (c === '<') {
        if (text.startsWith('<!--', this.pos)) {
          flushText();
          const close = text.indexOf('-->', this.pos + 4);
          this.pos = close < 0 ? text.length : close + 3;
          textStart = this.pos;
          continue;
        }
        const end = /^<\/([A-Za-z][\w:.-]*)?\s*>/.exec(text.slice(this.pos, this.pos + 200));
        if (end) {
          flushText();
          this.pos += end[0].length;
          // the closing tag of this level (or a stray one, tolerated like HTML)
          if (closing === undefined || (end[1] ?? '').toLowerCase() === closing || end[1] === undefined) return out;
          textStart = this.pos;
          continue;
        }
        if (/[A-Za-z]/.test(text[this.pos + 1] ?? '') || text[this.pos + 1] === '>') {
          flushText();
          out.push(this.element());
          textStart = this.pos;
          continue;
        }
      }
      if (c === '{') {
        flushText();
        out.push(...this.expression());
        textStart = this.pos;
        continue;
      }
      this.pos++;
    }
    flushText();
    return out;
  }

  /** An element starting at `<`. */
  element(): TemplateElement {
    const text = this.text;
    const start = this.pos;
    const nameMatch = /^<([A-Za-z][\w:.-]*)?/.exec(text.slice(start, start + 100))!;
    const name = nameMatch[1] ?? '';
    const lower = name.toLowerCase();
    const bound: Record<string, { start: number; end: number }> = {};
    const bounds = () => (Object.keys(bound).length ? { bound } : {});
    this.pos = start + nameMatch[0].length;
    const attributes: Record<string, string> = {};
    let selfClosing = false;
    for (;;) {
      while (this.pos < text.length && /\s/.test(text[this.pos])) this.pos++;
      if (this.pos >= text.length) throw new Error(`Astro template: unterminated <${name}> tag`);
      if (text.startsWith('/>', this.pos)) {
        selfClosing = true;
        this.pos += 2;
        break;
      }
      if (text[this.pos] === '>') {
        this.pos++;
        break;
      }
      if (text[this.pos] === '{') {
        // {...spread} or {shorthand}
        this.pos = this.skipExpression(this.pos);
        continue;
      }
      const attrName = /^[^\s=>/{]+/.exec(text.slice(this.pos, this.pos + 200))?.[0] ?? text[this.pos];
      this.pos += attrName.length;
      let value = '';
      let ws = this.pos;
      while (ws < text.length && /\s/.test(text[ws])) ws++;
      if (text[ws] === '=') {
        this.pos = ws + 1;
        while (this.pos < text.length && /\s/.test(text[this.pos])) this.pos++;
        const q = text[this.pos];
        if (q === '"' || q === "'" || q === '`') {
          const close = text.indexOf(q, this.pos + 1);
          if (close < 0) throw new Error(`Astro template: unterminated attribute value in <${name}>`);
          value = text.slice(this.pos + 1, close);
          this.pos = close + 1;
        } else if (q === '{') {
          const end = this.skipExpression(this.pos);
          value = literalText(text.slice(this.pos + 1, end - 1)) ?? '';
          if (value === '' && literalText(text.slice(this.pos + 1, end - 1)) === undefined) {
            bound[attrName.toLowerCase()] = { start: this.pos + 1, end: end - 1 };
            this.pos = end;
            continue;
          }
          this.pos = end;
        } else {
          const raw = /^[^\s>]+/.exec(text.slice(this.pos, this.pos + 2000))?.[0] ?? '';
          value = raw;
          this.pos += raw.length;
        }
      }
      attributes[attrName.toLowerCase()] = decode(value);
    }
    const openEnd = this.pos;
    if (selfClosing || VOID.has(lower)) {
      return { type: 'element', name: lower, tag: name, attributes, start, openEnd, end: openEnd, ...bounds(), children: [] };
    }
    if (lower === 'script' || lower === 'style') {
      const close = text.toLowerCase().indexOf(`</${lower}`, openEnd);
      const bodyEnd = close < 0 ? text.length : close;
      const tagEnd = close < 0 ? text.length : text.indexOf('>', close) + 1 || text.length;
      this.pos = tagEnd;
      return { type: 'element', name: lower, attributes, start, openEnd, end: tagEnd, body: { start: openEnd, end: bodyEnd }, children: [] };
    }
    const children = this.children(lower);
    return { type: 'element', name: lower, tag: name, attributes, start, openEnd, end: this.pos, ...bounds(), children };
  }

  /** `{…}` at the cursor: its markup, with `cond && <x/>` / `cond ? <a/> : <b/>` read as guards. */
  expression(): TemplateNode[] {
    const text = this.text;
    const open = this.pos;
    this.pos++;
    const parts: ({ kind: 'code'; start: number; end: number } | { kind: 'markup'; node: TemplateElement })[] = [];
    let codeStart = this.pos;
    let depth = 0;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (c === '"' || c === "'" || c === '`') {
        this.pos = this.skipString(this.pos);
        continue;
      }
      if (c === '/' && (text[this.pos + 1] === '/' || text[this.pos + 1] === '*')) {
        this.pos = this.skipComment(this.pos);
        continue;
      }
      if (text.startsWith('<!--', this.pos)) {
        // an HTML comment between the markup of an expression (a suppression directive)
        const close = text.indexOf('-->', this.pos + 4);
        this.pos = close < 0 ? text.length : close + 3;
        continue;
      }
      if (c === '{' || c === '(' || c === '[') depth++;
      else if (c === ')' || c === ']') depth--;
      else if (c === '}') {
        if (depth === 0) break;
        depth--;
      } else if (c === '<' && /[A-Za-z>]/.test(text[this.pos + 1] ?? '') && markupCanStart(text, codeStart, this.pos)) {
        parts.push({ kind: 'code', start: codeStart, end: this.pos });
        parts.push({ kind: 'markup', node: this.element() });
        codeStart = this.pos;
        continue;
      }
      this.pos++;
    }
    if (this.pos >= text.length) throw new Error(`Astro template: unterminated \`{\` expression on offset ${open}`);
    parts.push({ kind: 'code', start: codeStart, end: this.pos });
    this.pos++;
    const markup = parts.filter((p) => p.kind === 'markup').map((p) => (p as { node: TemplateElement }).node);
    if (markup.length === 0) return [];
    return guarded(text, parts) ?? markup;
  }

  /** Offset after the `{…}` starting at `at` (strings and nesting respected). */
  skipExpression(at: number): number {
    const text = this.text;
    let depth = 0;
    let i = at;
    while (i < text.length) {
      const c = text[i];
      if (c === '"' || c === "'" || c === '`') {
        i = this.skipString(i);
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    throw new Error(`Astro template: unterminated \`{\` expression on offset ${at}`);
  }

  skipString(at: number): number {
    const text = this.text;
    const quote = text[at];
    let i = at + 1;
    while (i < text.length) {
      const c = text[i];
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === quote) return i + 1;
      if (quote === '`' && c === '$' && text[i + 1] === '{') {
        i = this.skipExpression(i + 1);
        continue;
      }
      if (quote !== '`' && c === '\n') return i;
      i++;
    }
    throw new Error(`Astro template: unterminated string on offset ${at}`);
  }

  skipComment(at: number): number {
    const text = this.text;
    if (text[at + 1] === '/') {
      const nl = text.indexOf('\n', at);
      return nl < 0 ? text.length : nl;
    }
    const close = text.indexOf('*/', at + 2);
    return close < 0 ? text.length : close + 2;
  }
}

/** `<` starts markup (not a comparison) after nothing, `(`, `&&`, `||`, `?`, `:`, `,`, `=>`, `return`. */
function markupCanStart(text: string, codeStart: number, at: number): boolean {
  const before = text.slice(codeStart, at).replace(/<!--[\s\S]*?-->|\/\*[\s\S]*?\*\//g, ' ').trimEnd();
  return before === '' || /(\(|\[|&&|\|\||\?|:|,|=>|\breturn)$/.test(before);
}

/** `cond && <x/>` and `cond ? <a/> : <b/>` as a chain; undefined for other shapes. */
function guarded(source: string, parts: ({ kind: 'code'; start: number; end: number } | { kind: 'markup'; node: TemplateElement })[]): TemplateNode[] | undefined {
  // comments between the parts (`<!-- … -->`, `/* … */`, `// …`) read as spaces, offsets kept
  const text = source.replace(/<!--[\s\S]*?-->|\/\*[\s\S]*?\*\/|(?<=^|\s)\/\/[^\n]*/gm, (m) => m.replace(/[^\n]/g, ' '));
  const blank = (p: (typeof parts)[number] | undefined) => !p || (p.kind === 'code' && /^[\s()]*$/.test(text.slice(p.start, p.end)));
  const first = parts[0];
  if (first?.kind !== 'code' || parts[1]?.kind !== 'markup') return undefined;
  const head = text.slice(first.start, first.end);
  const operator = /(&&|\?)[\s(]*$/.exec(head);
  if (!operator || (operator[1] === '?' && /\?\?[\s(]*$/.test(head))) return undefined;
  // the condition: the head before the operator, without one wrapping `(`
  let condStart = first.start;
  while (condStart < first.start + operator.index && /[\s(]/.test(text[condStart])) condStart++;
  let condEnd = first.start + operator.index;
  while (condEnd > condStart && /\s/.test(text[condEnd - 1])) condEnd--;
  if (condEnd <= condStart) return undefined;
  const test = { start: condStart, end: condEnd };
  const then = (parts[1] as { node: TemplateElement }).node;
  if (operator[1] === '&&') {
    return parts.length === 3 && blank(parts[2]) ? [{ type: 'if', branches: [{ test, children: [then] }] }] : undefined;
  }
  // cond ? <a/> : <b/>   |   cond ? <a/> : null
  const middle = parts[2];
  if (middle?.kind !== 'code' || !/^[\s)]*:[\s(]*$/.test(text.slice(middle.start, middle.end)) && !/^[\s)]*:\s*(null|undefined|''|""|false)[\s)]*$/.test(text.slice(middle.start, middle.end))) return undefined;
  if (parts.length === 3) return [{ type: 'if', branches: [{ test, children: [then] }] }];
  const otherwise = parts[3];
  if (otherwise?.kind !== 'markup' || parts.length !== 5 || !blank(parts[4])) return undefined;
  return [{ type: 'if', branches: [{ test, children: [then] }, { children: [otherwise.node] }] }];
}

function decode(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}
