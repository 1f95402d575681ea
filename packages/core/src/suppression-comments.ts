/**
 * Finds comments in source text without parsing it: a lexical scanner that knows JS/TS
 * strings, template literals (with nested `${}`; a `//` line of its own inside a template
 * counts, for inline scripts), regex literals and comments; HTML
 * `<!-- -->` with `<script>`/`<style>` bodies scanned as JS/CSS; CSS block comments.
 * Used for suppression directives, which must not be found inside strings.
 */

/** Source language family of the text, for finding comments. */
export type CommentLanguage = 'js' | 'html' | 'css';

/** A comment's offsets, delimiters included. */
export interface CommentRange {
  start: number;
  end: number;
}

const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await', 'instanceof']);

/** Comments of JS/TS/JSX text from `from` to `to`. JSX text is not string-aware: a quote there ends at the line end. */
function scanJs(text: string, from: number, to: number, out: CommentRange[]): void {
  const templates: number[] = []; // open `${` brace depth per template nesting level
  let prev = ''; // last significant character
  let prevWord = '';
  let i = from;
  const scanTemplate = (): void => {
    // i is inside a template literal body
    while (i < to) {
      const ch = text[i];
      if (ch === '\n' || ch === '\r') {
        // A `//` line of its own inside a template is a comment of the inline script the
        // template holds (`__html: \`…\``, `<Script>{\`…\`}</Script>`: the only template text
        // core analyses), so a directive there applies to that script's next line.
        i++;
        let start = i;
        while (start < to && (text[start] === ' ' || text[start] === '\t')) start++;
        if (text[start] === '/' && text[start + 1] === '/') {
          let end = start + 2;
          while (end < to && text[end] !== '\n' && text[end] !== '\r' && text[end] !== '`' && !(text[end] === '$' && text[end + 1] === '{')) end++;
          out.push({ start, end });
          i = end;
        }
      } else if (ch === '\\') i += 2;
      else if (ch === '`') {
        i++;
        return;
      } else if (ch === '$' && text[i + 1] === '{') {
        i += 2;
        templates.push(0);
        return;
      } else i++;
    }
  };
  while (i < to) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === '/' && next === '/') {
      let end = i + 2;
      while (end < to && text[end] !== '\n' && text[end] !== '\r') end++;
      out.push({ start: i, end });
      i = end;
    } else if (ch === '/' && next === '*') {
      const end = blockCommentEnd(text, i, to);
      out.push({ start: i, end });
      i = end;
    } else if (ch === '"' || ch === "'") {
      i = quotedEnd(text, i, to);
      prev = ch;
      prevWord = '';
    } else if (ch === '`') {
      i++;
      scanTemplate();
      prev = '`';
      prevWord = '';
    } else if (ch === '/') {
      // `</tag>` is JSX, never a regex; otherwise a regex may follow an operator or keyword.
      const regex = prev !== '<' && (prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev) || REGEX_AFTER_WORD.has(prevWord));
      i++;
      if (regex) {
        let inClass = false;
        while (i < to && text[i] !== '\n') {
          const c = text[i];
          if (c === '\\') i++;
          else if (c === '[') inClass = true;
          else if (c === ']') inClass = false;
          else if (c === '/' && !inClass) break;
          i++;
        }
        i++;
        prev = ')'; // a regex ends an expression
      } else prev = '/';
      prevWord = '';
    } else if (ch === '{' && templates.length > 0) {
      templates[templates.length - 1]++;
      prev = '{';
      i++;
    } else if (ch === '}' && templates.length > 0 && templates[templates.length - 1] === 0) {
      templates.pop();
      i++;
      scanTemplate();
      prev = '`';
    } else {
      if (ch === '}' && templates.length > 0) templates[templates.length - 1]--;
      if (/[A-Za-z0-9_$]/.test(ch)) {
        let end = i + 1;
        while (end < to && /[A-Za-z0-9_$]/.test(text[end])) end++;
        prevWord = text.slice(i, end);
        prev = 'a';
        i = end;
        continue;
      }
      if (!/\s/.test(ch)) {
        prev = ch;
        prevWord = '';
      }
      i++;
    }
  }
}

/** Comments of CSS text: `/* *\/` only; strings skipped. */
function scanCss(text: string, from: number, to: number, out: CommentRange[]): void {
  for (let i = from; i < to; ) {
    const ch = text[i];
    if (ch === '/' && text[i + 1] === '*') {
      const end = blockCommentEnd(text, i, to);
      out.push({ start: i, end });
      i = end;
    } else if (ch === '"' || ch === "'") {
      i = quotedEnd(text, i, to);
    } else i++;
  }
}

/** Comments of HTML: `<!-- -->`, plus JS comments in `<script>` and CSS comments in `<style>`. */
function scanHtml(text: string, out: CommentRange[]): void {
  const tag = /<!--|<(script|style)\b[^>]*>/gi;
  const front = frontmatter(text);
  if (front) {
    scanJs(text, front.start, front.end, out);
    tag.lastIndex = front.end;
  }
  let match: RegExpExecArray | null;
  while ((match = tag.exec(text))) {
    if (match[0] === '<!--') {
      const close = text.indexOf('-->', match.index + 4);
      const end = close < 0 ? text.length : close + 3;
      out.push({ start: match.index, end });
      tag.lastIndex = end;
      continue;
    }
    const name = match[1].toLowerCase();
    const bodyStart = match.index + match[0].length;
    const closeAt = text.slice(bodyStart).search(new RegExp(`</${name}\\s*>`, 'i'));
    const bodyEnd = closeAt < 0 ? text.length : bodyStart + closeAt;
    (name === 'script' ? scanJs : scanCss)(text, bodyStart, bodyEnd, out);
    tag.lastIndex = bodyEnd;
  }
}

/**
 * The comment syntax at `offset` of an HTML text: `js` inside a `<script>` body, `css` inside
 * a `<style>` body (where `<!-- -->` is not a comment), otherwise `html`. Scans the elements
 * the way {@link findComments} does, so a directive written in the returned syntax is found.
 */
export function htmlCommentLanguageAt(text: string, offset: number): CommentLanguage {
  const tag = /<!--|<(script|style)\b[^>]*>/gi;
  const front = frontmatter(text);
  if (front) {
    if (offset < front.end) return 'js';
    tag.lastIndex = front.end;
  }
  let match: RegExpExecArray | null;
  while ((match = tag.exec(text)) && match.index < offset) {
    if (match[0] === '<!--') {
      const close = text.indexOf('-->', match.index + 4);
      tag.lastIndex = close < 0 ? text.length : close + 3;
      continue;
    }
    const name = match[1].toLowerCase();
    const bodyStart = match.index + match[0].length;
    const closeAt = text.slice(bodyStart).search(new RegExp(`</${name}\\s*>`, 'i'));
    const bodyEnd = closeAt < 0 ? text.length : bodyStart + closeAt;
    if (bodyStart <= offset && offset < bodyEnd) return name === 'script' ? 'js' : 'css';
    tag.lastIndex = bodyEnd;
  }
  return 'html';
}

/** All comments of `text` in source order. */
export function findComments(text: string, language: CommentLanguage = 'js'): CommentRange[] {
  const out: CommentRange[] = [];
  if (language === 'html') scanHtml(text, out);
  else if (language === 'css') scanCss(text, 0, text.length, out);
  else scanJs(text, 0, text.length, out);
  return out;
}

/** The code between an Astro component's `---` fences (undefined for other texts). */
function frontmatter(text: string): { start: number; end: number } | undefined {
  const open = /^(\uFEFF)?\s*---[ \t]*\r?\n/.exec(text);
  if (!open) return undefined;
  const close = /\r?\n---[ \t]*(\r?\n|$)/g;
  close.lastIndex = open[0].length - 1;
  const end = close.exec(text);
  return end ? { start: open[0].length, end: end.index } : undefined;
}

/** Component files (Vue, Svelte, Astro): markup with `<script>`/`<style>` blocks, comment syntax as in HTML. */
export function isComponent(language: string): boolean {
  return language === 'vue' || language === 'svelte' || language === 'astro';
}

/** Language family by file name (`.html`/`.htm` → html, `.css`/`.scss`/`.less` → css, else js). */
export function commentLanguageOf(fileName: string): CommentLanguage {
  if (/\.(html?|vue|svelte|astro)$/i.test(fileName)) return 'html';
  if (/\.(css|scss|less)$/i.test(fileName)) return 'css';
  return 'js';
}

/** End of the `/* … *\/` comment starting at `i` (or `to` when unclosed). */
function blockCommentEnd(text: string, i: number, to: number): number {
  const close = text.indexOf('*/', i + 2);
  return close < 0 || close + 2 > to ? to : close + 2;
}

/** Index after the single- or double-quoted string starting at `i` (stops at a line end). */
function quotedEnd(text: string, i: number, to: number): number {
  const quote = text[i];
  let j = i + 1;
  while (j < to && text[j] !== quote && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
  return j + 1;
}
