/**
 * Shared pieces of the property-based tests (fast-check): the corpus (every analysable
 * file under samples/ and every documentation example of every registered rule, found at
 * run time, so samples and rules added later are covered without editing these tests),
 * the random-edit generator, "parse problems" per language, and offset mapping through
 * text edits.
 *
 * Seeds: every property runs with a fixed seed (override with CREEPYLINE_PROPERTY_SEED)
 * and a fixed number of runs (scale with CREEPYLINE_PROPERTY_RUNS, e.g. 10 for a long
 * hunt). fast-check's failure message names the seed and the shrink path; the failing
 * input is printed in full, and `reproduce` below re-runs exactly one counterexample.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { angularComponentOf, componentModel } from '../../packages/core/src/facts/components';
import { angularModel, findComponents, mayDeclareComponent } from '../../packages/core/src/facts/frameworks/angular';
import { ts } from 'ts-morph';
import {
  discoverFiles, languageOf, loadConfig, positionAt, computeLineStarts, rules, Workspace,
  type FileAnalysis, type Finding, type TextEdit,
} from '../../packages/core/src';
import { LayeredConfigSet } from '../../packages/core/src/config';
import type { RawConfig } from '../../packages/core/src/config/types';

export const REPO = path.resolve(__dirname, '..', '..');
const SAMPLES = path.join(REPO, 'samples');

/** The seed of every property (fixed, so a failure reproduces; override to explore). */
export const SEED = Number(process.env.CREEPYLINE_PROPERTY_SEED ?? 20261203);
const SCALE = Number(process.env.CREEPYLINE_PROPERTY_RUNS ?? 1);

/** `runs` scaled by CREEPYLINE_PROPERTY_RUNS (at least 1). */
export function runs(n: number): number {
  return Math.max(1, Math.round(n * SCALE));
}

/** fast-check parameters shared by every property: fixed seed, the given run count, full counterexample output. */
export function params(numRuns: number): fc.Parameters<unknown> {
  return { seed: SEED, numRuns: runs(numRuns), verbose: 1, endOnFailure: false };
}

/** One file to analyse: a sample file (with its sample's configuration and every other file indexed) or a docs example. */
export interface CorpusFile {
  /** `samples/shop/app/page.tsx` or `docs:<rule>#incorrect-0`. */
  label: string;
  workspace: Workspace;
  /** Absolute path the core analyses. */
  file: string;
  text: string;
  language: NonNullable<ReturnType<typeof languageOf>>;
}

let cached: CorpusFile[] | undefined;

/** Every analysable file of every sample (one Workspace per sample, fully indexed) and every rule's docs examples. */
export function corpus(): CorpusFile[] {
  if (cached) return cached;
  const out: CorpusFile[] = [];
  for (const name of fs.readdirSync(SAMPLES).sort()) {
    const dir = path.join(SAMPLES, name);
    if (!fs.statSync(dir).isDirectory()) continue;
    const loaded = loadConfig({ root: dir });
    const workspace = new Workspace({ root: dir, config: loaded.config });
    const files = discoverFiles({ root: dir, paths: ['.'], useIgnoreFiles: true, isIgnored: (f) => loaded.config.isIgnored(f), maxFileSize: 1024 * 1024 }).files;
    workspace.indexFiles(files);
    for (const file of files) {
      const abs = path.resolve(dir, file);
      const language = languageOf(abs);
      if (!language) continue;
      out.push({ label: path.relative(REPO, abs).split(path.sep).join('/'), workspace, file: abs, text: fs.readFileSync(abs, 'utf8').replace(/^\uFEFF/, ''), language });
    }
  }
  for (const rule of rules) {
    for (const kind of ['incorrect', 'correct'] as const) {
      rule.meta.examples[kind].forEach((example, i) => {
        const root = path.resolve(`/virtual-property-docs/${rule.id}/${kind}-${i}`);
        const config = new LayeredConfigSet(root, rules, [{ raw: (example.config ?? {}) as RawConfig, baseDir: root }]);
        const workspace = new Workspace({ root, config });
        const file = path.join(root, example.filename ?? 'example.ts');
        const language = languageOf(file);
        if (!language) return;
        workspace.indexText(file, example.code);
        out.push({ label: `docs:${rule.id}#${kind}-${i}`, workspace, file, text: example.code, language });
      });
    }
  }
  cached = out;
  return out;
}

/**
 * Analyses `text` as the corpus file's editor text (the language server's path: an overlay,
 * incrementally re-parsed from the previous version), then puts the original text back so
 * that the next analysis of any file sees the unedited project.
 */
export function analyse(item: CorpusFile, text: string): FileAnalysis {
  try {
    return item.workspace.analyzeFile(item.file, text);
  } finally {
    item.workspace.indexText(item.file, item.text);
  }
}

/** The same analysis from a full parse (no previous tree to reuse), as for a file read from disk. */
export function analyseFresh(item: CorpusFile, text: string): FileAnalysis {
  try {
    item.workspace.forget(item.file);
    return item.workspace.analyzeFile(item.file, text);
  } finally {
    item.workspace.forget(item.file);
    item.workspace.indexText(item.file, item.text);
  }
}

/** The parts of a finding two analyses must agree on (no timings). */
export function comparable(f: Finding): unknown {
  return { ruleId: f.ruleId, messageId: f.messageId, severity: f.severity, confidence: f.confidence, message: f.message, range: f.range, fixes: f.fixes, fingerprint: f.fingerprint, related: f.related, trace: f.trace };
}

/** One line naming a finding, for assertion messages. */
export function describe1(f: Finding): string {
  return `${f.ruleId}/${f.messageId} ${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} [${f.range.startOffset},${f.range.endOffset})`;
}

// ---------------------------------------------------------------------------------------
// Random edits

/** One random edit; positions are fractions of the text length (0..1e6), so they fit any file. */
export type RandomEdit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'swap'; at: number }
  | { kind: 'duplicate'; at: number; length: number };

/** Fragments that upset parsers and scanners (brackets, quotes, comment and tag openers, odd line ends, lone surrogates) or rules (tracker calls, consent checks, directives). */
const FRAGMENTS = [
  '{', '}', '(', ')', '[', ']', '<', '>', '</', '/>', '<>', '</>', '"', "'", '`', '${', '/*', '*/', '//', '<!--', '-->', '\\',
  '\n', '\r\n', '\r', '\u2028', '\uFEFF', '\uD800', '\uDC00', '😀', '\0', ';', ',', '=>', '?.', '...', '@', '#',
  'gtag(', "gtag('event', 'purchase');\n", "fbq('track', 'Purchase');", "gtag('consent', 'default', { ad_storage: 'granted' });\n",
  '<script>', '</script>', '<script type="module">', '<iframe src="https://www.youtube.com/embed/x"></iframe>', '<input type="checkbox" name="newsletter" checked />',
  'if (hasConsent("marketing")) ', 'hasConsent(', '&&', '||', '!', 'await ', 'async ', 'function ', 'class ', 'export default ', 'import ', 'import(', 'require(',
  '// creepyline-disable-next-line tracking-without-consent\n', '/* creepyline-disable */', '{/* creepyline-disable-next-line */}', '<!-- creepyline-disable-line -->',
  'creepyline-disable-next-line ', ' -- reason', 'checked', 'defaultChecked', 'true', 'false', 'window.', 'document.cookie', 'new Image().src = ',
];

const position = fc.integer({ min: 0, max: 1_000_000 });

/** Arbitrary of one edit: insertions (random or parser-hostile text), deletions, truncations, adjacent swaps, duplications. */
export const randomEdit: fc.Arbitrary<RandomEdit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: position, text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 })) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 80 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: position }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('swap' as const), at: position }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 200 }) }) },
);

/** Applies random edits one after the other. */
export function applyRandomEdits(text: string, edits: readonly RandomEdit[]): string {
  let out = text;
  for (const edit of edits) {
    const at = Math.floor((edit.at / 1_000_000) * out.length);
    switch (edit.kind) {
      case 'insert': out = out.slice(0, at) + edit.text + out.slice(at); break;
      case 'delete': out = out.slice(0, at) + out.slice(at + edit.length); break;
      case 'truncate': out = out.slice(0, at); break;
      case 'swap': if (at + 1 < out.length) out = out.slice(0, at) + out[at + 1] + out[at] + out.slice(at + 2); break;
      case 'duplicate': out = out.slice(0, at) + out.slice(at, at + edit.length) + out.slice(at); break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Well-formed findings

/** Problems with the shape of an analysis of `text` (empty = well-formed). */
export function malformed(analysis: FileAnalysis, text: string): string[] {
  const problems: string[] = [];
  const lineStarts = computeLineStarts(text);
  for (const f of analysis.findings) {
    const { startOffset: s, endOffset: e } = f.range;
    if (!(Number.isInteger(s) && Number.isInteger(e) && 0 <= s && s <= e && e <= text.length)) problems.push(`${describe1(f)}: range outside the text (length ${text.length})`);
    else {
      const start = positionAt(lineStarts, s);
      const end = positionAt(lineStarts, e);
      if (start.line !== f.range.start.line || start.column !== f.range.start.column || end.line !== f.range.end.line || end.column !== f.range.end.column) {
        problems.push(`${describe1(f)}: line/column do not match the offsets`);
      }
    }
    if (/\{\{|undefined|NaN|\[object Object\]/.test(f.message)) problems.push(`${describe1(f)}: message "${f.message}"`);
    for (const fix of f.fixes) {
      const edits = [...fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
      if (edits.length === 0) problems.push(`${describe1(f)}: fix "${fix.title}" has no edits`);
      edits.forEach((edit, i) => {
        if (!(Number.isInteger(edit.start) && Number.isInteger(edit.end) && 0 <= edit.start && edit.start <= edit.end && edit.end <= text.length)) {
          problems.push(`${describe1(f)}: fix "${fix.title}" edit [${edit.start},${edit.end}) outside the text`);
        }
        if (i > 0 && edits[i - 1].end > edit.start) problems.push(`${describe1(f)}: fix "${fix.title}" has overlapping edits`);
      });
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// Parse problems: what "the file still parses" means per language

function scriptKind(language: CorpusFile['language']): ts.ScriptKind {
  return language === 'tsx' ? ts.ScriptKind.TSX : language === 'ts' ? ts.ScriptKind.TS : language === 'jsx' ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
}

/** TypeScript's syntax diagnostics of a script, as `TS<code>` strings. */
function scriptProblems(text: string, language: CorpusFile['language'], prefix = ''): string[] {
  const kind = scriptKind(language);
  const sf = ts.createSourceFile(`check.${language}`, text, ts.ScriptTarget.ES2022, true, kind);
  return ((sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics ?? []).map((d) => `${prefix}TS${d.code}`);
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const SCRIPT_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module']);

/**
 * HTML: the element structure must not break (an element closed only implicitly, a stray end
 * tag) and every inline script must still parse. htmlparser2 never fails, so these are counted.
 */
function htmlProblems(text: string): string[] {
  const problems: string[] = [];
  const scripts: { type: string; body: string }[] = [];
  let script: { type: string; body: string } | undefined;
  const open: string[] = [];
  const parser = new Parser({
    onopentag(name, attributes) {
      if (!VOID.has(name)) open.push(name);
      if (name === 'script') script = { type: (attributes.type ?? '').trim().toLowerCase(), body: '' };
    },
    ontext(data) {
      if (script) script.body += data;
    },
    onclosetag(name, isImplied) {
      if (VOID.has(name)) return;
      if (isImplied && !['p', 'li', 'option', 'tr', 'td', 'th', 'dt', 'dd', 'html', 'head', 'body', 'tbody', 'thead'].includes(name)) problems.push(`implied-close:${name}`);
      const index = open.lastIndexOf(name);
      if (index >= 0) open.splice(index);
      if (name === 'script' && script) {
        scripts.push(script);
        script = undefined;
      }
    },
  }, { lowerCaseTags: true, recognizeSelfClosing: true });
  parser.write(text);
  parser.end();
  for (const s of scripts) {
    if (!SCRIPT_TYPES.has(s.type)) continue;
    problems.push(...scriptProblems(s.body, 'js', `script:`));
  }
  return problems;
}

/** CSS: unclosed comments, unbalanced braces. */
function cssProblems(text: string): string[] {
  const problems: string[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) { problems.push('unclosed-comment'); break; }
      i = end + 1;
    } else if (text[i] === '"' || text[i] === "'") {
      const quote = text[i];
      for (i++; i < text.length && text[i] !== quote && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    } else if (text[i] === '{') depth++;
    else if (text[i] === '}') depth--, depth < 0 && (problems.push('stray-brace'), (depth = 0));
  }
  for (let d = 0; d < depth; d++) problems.push('unclosed-brace');
  return problems;
}

/** True when `text` is a Vue/Svelte/Astro component its framework's parser rejects. */
export function brokenComponent(text: string, language: CorpusFile['language'], file?: string): boolean {
  if (language !== 'vue' && language !== 'svelte' && language !== 'astro') return brokenAngularTemplate(text, language, file);
  try {
    componentModel(language, text);
    return false;
  } catch {
    return true;
  }
}

/**
 * An Angular template the edit broke: an inline `template:` of a script, or a `templateUrl` file
 * that a component of its folder names (both are read with Angular's parser, which rejects it).
 */
function brokenAngularTemplate(text: string, language: CorpusFile['language'], file?: string): boolean {
  try {
    if (language === 'html') {
      if (!file) return false;
      const dir = path.dirname(file);
      const scripts = fs.readdirSync(dir).filter((n) => n.endsWith('.ts')).map((n) => path.join(dir, n));
      if (!angularComponentOf(file, scripts, (f) => fs.readFileSync(f, 'utf8'))) return false;
      angularModel([{ source: text, base: 0 }]);
      return false;
    }
    if (!mayDeclareComponent(text)) return false;
    const sf = ts.createSourceFile('component.ts', text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const parts = findComponents(sf).flatMap((c) => (c.template ? [{ source: text.slice(c.template.start, c.template.end), base: c.template.start }] : []));
    angularModel(parts);
    return false;
  } catch {
    return true;
  }
}

/**
 * Components: the framework's parser must accept the file, and each script block (the
 * frontmatter, `<script>`, `<script setup>`) must parse as TypeScript where it stands.
 */
function componentProblems(text: string, language: 'vue' | 'svelte' | 'astro'): string[] {
  let model;
  try {
    model = componentModel(language, text);
  } catch {
    return ['component-parse-error'];
  }
  const out: string[] = [];
  for (const block of model.scripts) {
    const masked = text.slice(0, block.start).replace(/[^\n\r]/g, ' ') + text.slice(block.start, block.end);
    out.push(...scriptProblems(masked, block.jsx ? 'tsx' : 'ts', 'script:'));
  }
  return out;
}

/** Parse problems of a text in its language (a multiset, as a sorted list). */
export function parseProblems(text: string, language: CorpusFile['language']): string[] {
  const list = language === 'html' ? htmlProblems(text) : language === 'css' ? cssProblems(text)
    : language === 'vue' || language === 'svelte' || language === 'astro' ? componentProblems(text, language)
    : scriptProblems(text, language);
  return list.sort();
}

/** Problems in `after` that `before` did not have (multiset difference). */
export function newProblems(before: readonly string[], after: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const p of before) left.set(p, (left.get(p) ?? 0) + 1);
  const out: string[] = [];
  for (const p of after) {
    const n = left.get(p) ?? 0;
    if (n > 0) left.set(p, n - 1);
    else out.push(p);
  }
  return out;
}

/** JSX text nodes that contain a directive: a comment written where JSX renders it as text. */
export function directivesRenderedAsText(text: string, language: CorpusFile['language']): string[] {
  if (language === 'html' || language === 'css' || language === 'vue' || language === 'svelte' || language === 'astro') return [];
  const sf = ts.createSourceFile(`check.${language}`, text, ts.ScriptTarget.ES2022, true, scriptKind(language));
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && node.text.includes('creepyline-')) out.push(node.text.trim());
    // a string literal holding a directive is text as well. Template literals are not: the only
    // template text core analyses is inline script code (`__html: \`…\``, `<Script>{\`…\`}</Script>`),
    // where a `//` line is a comment of that script.
    if (ts.isStringLiteral(node) && /creepyline-disable/.test(node.text)) out.push(node.text.trim());
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

// ---------------------------------------------------------------------------------------
// Offsets through edits

/**
 * Maps an offset of the text before `edits` to the text after them. An offset inside a
 * replaced range maps to the start (`side` = 'start') or end ('end') of the replacement.
 */
export function mapOffset(offset: number, edits: readonly TextEdit[], side: 'start' | 'end'): number {
  let delta = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    const growth = edit.text.length - (edit.end - edit.start);
    if (edit.end < offset || (edit.end === offset && (edit.start < edit.end || side === 'end'))) delta += growth;
    else if (edit.start < offset || (edit.start === offset && side === 'end' && edit.start < edit.end)) {
      // inside the replaced range
      return side === 'start' ? edit.start + delta : edit.start + delta + edit.text.length;
    } else break;
  }
  return offset + delta;
}

/** Whether two ranges overlap or touch. */
export function meets(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start <= b.end && b.start <= a.end;
}
