/**
 * Suppression comments: `// creepyline-disable-next-line <rules> -- <reason>`,
 * `creepyline-disable-line`, `creepyline-disable` / `creepyline-enable` ranges (no enable =
 * to the end of the file), in JS/TS line and block comments, JSX `{/* … *\/}`, HTML
 * `<!-- -->` and CSS `/* *\/`. Comments are found by a small lexical scanner (strings,
 * template literals, regex literals, comments), not by parsing. Also computes the text
 * edits of the "Disable <rule> for this line / for the entire file" code actions.
 */
import type { Finding, TextEdit } from './model';
import { LineIndex } from './config/line-index';
import { closestMatch, unknownRuleMessage } from './config/suggest';
import { findComments, htmlCommentLanguageAt, type CommentLanguage, type CommentRange } from './suppression-comments';

export { findComments, commentLanguageOf, htmlCommentLanguageAt, type CommentLanguage, type CommentRange } from './suppression-comments';

/** Which directive a comment holds. */
export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

/** How the comment is written. */
export type CommentStyle = 'line' | 'block' | 'jsx' | 'html';

/** One rule id as written in a directive. */
export interface DirectiveRuleId {
  id: string;
  start: number;
  end: number;
}

/** A parsed suppression comment. */
export interface Directive {
  kind: DirectiveKind;
  /** Rule ids as written; empty = all rules. */
  ruleIds: string[];
  ruleIdRanges: DirectiveRuleId[];
  /** Text after ` -- `, trimmed; undefined when absent or empty. */
  reason?: string;
  style: CommentStyle;
  /** 1-based line and column of the comment start. */
  line: number;
  column: number;
  /** 1-based line of the comment end (block comments may span lines). */
  endLine: number;
  /** 0-based offsets of the comment (with the `{ }` of a JSX comment). */
  start: number;
  end: number;
}

/** What `applySuppressions` reports about the directives themselves. */
export type DirectiveProblemKind = 'unknown-rule' | 'missing-justification' | 'unused-directive';

/** A problem with a suppression comment (the lead turns these into findings of a meta rule). */
export interface DirectiveProblem {
  kind: DirectiveProblemKind;
  message: string;
  line: number;
  column: number;
  startOffset: number;
  endOffset: number;
  /** The rule id concerned, when the problem is about one id. */
  ruleId?: string;
  /** For unknown ids: the closest known id. */
  suggestion?: string;
}

/** The reason placeholder inserted by suppression edits; it does not count as a reason. */
export const REASON_PLACEHOLDER = '<reason>';

const DIRECTIVE = /^\s*creepyline-(disable-next-line|disable-line|disable|enable)(?=\s|$)/;
/**
 * Parses the suppression directives of `text`. Cheap when there are none (one substring
 * search). `comments` may be given by a caller that already has exact comment ranges.
 */
export function parseDirectives(text: string, options: { language?: CommentLanguage; comments?: CommentRange[] } = {}): Directive[] {
  if (!text.includes('creepyline-')) return [];
  const comments = options.comments ?? findComments(text, options.language);
  const lines = new LineIndex(text);
  const directives: Directive[] = [];
  for (const comment of comments) {
    const raw = text.slice(comment.start, comment.end);
    let style: CommentStyle;
    let bodyStart: number;
    let bodyEnd: number;
    if (raw.startsWith('//')) [style, bodyStart, bodyEnd] = ['line', 2, raw.length];
    else if (raw.startsWith('/*')) [style, bodyStart, bodyEnd] = ['block', 2, raw.endsWith('*/') && raw.length >= 4 ? raw.length - 2 : raw.length];
    else if (raw.startsWith('<!--')) [style, bodyStart, bodyEnd] = ['html', 4, raw.endsWith('-->') && raw.length >= 7 ? raw.length - 3 : raw.length];
    else continue;
    const body = raw.slice(bodyStart, bodyEnd);
    const head = DIRECTIVE.exec(body);
    if (!head) continue;
    const kind = head[1] as DirectiveKind;
    const rest = body.slice(head[0].length);
    const restOffset = comment.start + bodyStart + head[0].length;
    const separator = /(^|\s)--(\s|$)/.exec(rest);
    const idsPart = separator ? rest.slice(0, separator.index) : rest;
    const reason = separator ? rest.slice(separator.index + separator[0].length).trim() || undefined : undefined;
    const ruleIdRanges: DirectiveRuleId[] = [];
    for (const id of idsPart.matchAll(/[^\s,]+/g)) {
      ruleIdRanges.push({ id: id[0], start: restOffset + id.index, end: restOffset + id.index + id[0].length });
    }
    let start = comment.start;
    let end = comment.end;
    // JSX: {/* creepyline-disable-next-line x */}
    if (style === 'block') {
      const before = /\{\s*$/.exec(text.slice(Math.max(0, start - 40), start));
      const after = /^\s*\}/.exec(text.slice(end, end + 40));
      if (before && after) {
        style = 'jsx';
        start -= before[0].length;
        end += after[0].length;
      }
    }
    const position = lines.position(start);
    directives.push({
      kind,
      ruleIds: ruleIdRanges.map((r) => r.id),
      ruleIdRanges,
      reason,
      style,
      line: position.line,
      column: position.column,
      endLine: lines.position(Math.max(start, end - 1)).line,
      start,
      end,
    });
  }
  return directives;
}

/** Options of `applySuppressions`. */
export interface SuppressionOptions {
  knownRuleIds: Iterable<string>;
  /** Report directives without a `-- reason` (the placeholder does not count). */
  requireJustification?: boolean;
  /** Report directives (or ids in them) that suppressed nothing. */
  reportUnused?: boolean;
}

type Suppressible = Pick<Finding, 'ruleId' | 'range'> & Partial<Pick<Finding, 'ownerLine'>>;

/**
 * Splits findings into kept and suppressed, and reports problems with the directives.
 * A directive lacking a required reason still suppresses (the missing reason is reported
 * instead); an unknown id suppresses nothing.
 */
export function applySuppressions<F extends Suppressible>(
  findings: readonly F[],
  directives: readonly Directive[],
  options: SuppressionOptions,
): { kept: F[]; suppressed: F[]; problems: DirectiveProblem[] } {
  const known = [...options.knownRuleIds];
  const knownSet = new Set(known);
  const problems: DirectiveProblem[] = [];
  const lines = (d: Directive) => ({ line: d.line, column: d.column, startOffset: d.start, endOffset: d.end });
  // Effective ids per directive: null = all rules.
  const effective = new Map<Directive, Set<string> | null>();
  for (const d of directives) {
    const ids = new Set<string>();
    for (const r of d.ruleIdRanges) {
      if (knownSet.has(r.id)) {
        ids.add(r.id);
        continue;
      }
      const suggestion = closestMatch(r.id, known);
      problems.push({
        kind: 'unknown-rule',
        message: `${unknownRuleMessage(r.id, known)} in creepyline-${d.kind}`,
        line: d.line,
        column: d.column + (r.start - d.start),
        startOffset: r.start,
        endOffset: r.end,
        ruleId: r.id,
        suggestion,
      });
    }
    effective.set(d, d.ruleIdRanges.length === 0 ? null : ids);
    if (options.requireJustification && d.kind !== 'enable' && (!d.reason || d.reason === REASON_PLACEHOLDER)) {
      problems.push({
        kind: 'missing-justification',
        message: `creepyline-${d.kind} needs a reason: add " -- <why this is acceptable>"`,
        ...lines(d),
      });
    }
  }
  const covers = (d: Directive, ruleId: string): boolean => {
    const ids = effective.get(d);
    return ids === null || (ids !== undefined && ids.has(ruleId));
  };
  const used = new Map<Directive, Set<string>>();
  const markUsed = (d: Directive, ruleId: string) => {
    const set = used.get(d) ?? new Set<string>();
    set.add(ruleId);
    used.set(d, set);
  };
  const ranges = directives.filter((d) => d.kind === 'disable' || d.kind === 'enable').sort((a, b) => a.start - b.start);

  const kept: F[] = [];
  const suppressed: F[] = [];
  for (const finding of findings) {
    const line = finding.range.start.line;
    // a finding on an attribute of a multi-line tag: a comment above the tag (or on its first line) covers it too
    const owner = finding.ownerLine;
    const onLine = (d: Directive, l: number) => (d.kind === 'disable-next-line' && d.endLine + 1 === l) || (d.kind === 'disable-line' && d.line <= l && l <= d.endLine);
    let by = directives.find((d) => (onLine(d, line) || (owner !== undefined && onLine(d, owner))) && covers(d, finding.ruleId));
    if (!by) {
      // Replay disable/enable up to the finding: who disabled this rule last?
      let all: Directive | undefined;
      const perRule = new Map<string, Directive>();
      const enabledDespiteAll = new Set<string>();
      for (const d of ranges) {
        if (d.end > finding.range.startOffset) break;
        const ids = effective.get(d);
        if (d.kind === 'disable') {
          if (ids === null) {
            all = d;
            enabledDespiteAll.clear();
          } else for (const id of ids ?? []) (perRule.set(id, d), enabledDespiteAll.delete(id));
        } else if (ids === null) {
          all = undefined;
          perRule.clear();
          enabledDespiteAll.clear();
        } else {
          for (const id of ids ?? []) {
            perRule.delete(id);
            if (all) enabledDespiteAll.add(id);
          }
        }
      }
      by = perRule.get(finding.ruleId) ?? (all && !enabledDespiteAll.has(finding.ruleId) ? all : undefined);
    }
    if (by) {
      markUsed(by, finding.ruleId);
      suppressed.push(finding);
    } else kept.push(finding);
  }

  if (options.reportUnused) {
    for (const d of directives) {
      if (d.kind === 'enable') continue;
      const ids = effective.get(d);
      const usedIds = used.get(d);
      if (ids === null) {
        if (!usedIds) problems.push({ kind: 'unused-directive', message: `unused creepyline-${d.kind} directive: no problems were reported here`, ...lines(d) });
        continue;
      }
      for (const r of d.ruleIdRanges) {
        if (!ids?.has(r.id) || usedIds?.has(r.id)) continue;
        problems.push({
          kind: 'unused-directive',
          message: `unused creepyline-${d.kind} directive: no ${r.id} problem was reported here`,
          line: d.line,
          column: d.column + (r.start - d.start),
          startOffset: r.start,
          endOffset: r.end,
          ruleId: r.id,
        });
      }
    }
  }
  problems.sort((a, b) => a.startOffset - b.startOffset);
  return { kept, suppressed, problems };
}

/** Options of the suppression edits. */
export interface SuppressionEditOptions {
  /** Append ` -- <reason>` for the user to fill in. */
  requireJustification?: boolean;
  /** The line is JSX children: use `{/* … *\/}`. */
  jsx?: boolean;
  /** `html` writes `<!-- … -->`, `css` writes `/* … *\/`; default `js`. */
  language?: CommentLanguage;
  /** Markup inside a script (Angular inline templates, see `inlineTemplateRanges`): a directive there is `<!-- … -->`. */
  markupRanges?: { start: number; end: number }[];
}

function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The comment text for a new directive in the requested style. */
function directiveComment(kind: DirectiveKind, ruleId: string, options: SuppressionEditOptions, preferBlock = false): string {
  const body = `creepyline-${kind} ${ruleId}${options.requireJustification ? ` -- ${REASON_PLACEHOLDER}` : ''}`;
  if (options.language === 'html') return `<!-- ${body} -->`;
  if (options.jsx) return `{/* ${body} */}`;
  if (options.language === 'css' || preferBlock) return `/* ${body} */`;
  return `// ${body}`;
}

/**
 * Merges `ruleId` into an existing directive: nothing to do when it already covers the
 * rule; otherwise `, <ruleId>` after the last id (and the reason placeholder when a reason
 * is required but missing).
 */
function mergeInto(directive: Directive, ruleId: string, options: SuppressionEditOptions): TextEdit {
  if (directive.ruleIds.length === 0 || directive.ruleIds.includes(ruleId)) return { start: directive.start, end: directive.start, text: '' };
  const last = directive.ruleIdRanges[directive.ruleIdRanges.length - 1];
  const reason = options.requireJustification && !directive.reason ? ` -- ${REASON_PLACEHOLDER}` : '';
  return { start: last.end, end: last.end, text: `, ${ruleId}${reason}` };
}

/**
 * Inside an HTML file's `<script>` or `<style>` body a directive must be a JS or CSS comment
 * (`<!-- -->` there is script or style text: a syntax error in a module script, and not a
 * directive); elsewhere the options stay as they are.
 */
function inEmbeddedCode(text: string, offset: number, options: SuppressionEditOptions): SuppressionEditOptions {
  if ((options.language ?? 'js') === 'js' && options.markupRanges?.some((r) => r.start <= offset && offset <= r.end)) return { ...options, language: 'html', jsx: false };
  if (options.language !== 'html') return options;
  const language = htmlCommentLanguageAt(text, offset);
  return language === 'html' ? options : { ...options, language, jsx: false };
}

/** The directive of `kind` that is the only thing on 1-based `line`, if any. */
function directiveAloneOnLine(text: string, lines: LineIndex, line: number, kind: DirectiveKind, language?: CommentLanguage): Directive | undefined {
  if (line < 1 || line > lines.lineCount) return undefined;
  const start = lines.lineStart(line);
  const end = line < lines.lineCount ? lines.lineStart(line + 1) : text.length;
  const lineText = text.slice(start, end);
  const found = parseDirectives(lineText, { language: language === 'html' && !lineText.includes('<!--') ? 'js' : language });
  const d = found.length === 1 ? found[0] : undefined;
  if (!d || d.kind !== kind || lineText.slice(0, d.start).trim() !== '' || lineText.slice(d.end).trim() !== '') return undefined;
  return { ...d, start: d.start + start, end: d.end + start, ruleIdRanges: d.ruleIdRanges.map((r) => ({ ...r, start: r.start + start, end: r.end + start })) };
}

/**
 * "Disable <ruleId> for this line": inserts `// creepyline-disable-next-line <ruleId>` above
 * 1-based `findingLine` with that line's indentation, or merges the id into a
 * `creepyline-disable-next-line` directive already alone on the line above.
 */
export function suppressionEdit(text: string, findingLine: number, ruleId: string, options: SuppressionEditOptions = {}): TextEdit {
  const lines = new LineIndex(text);
  options = inEmbeddedCode(text, lines.lineStart(findingLine), options);
  const existing = directiveAloneOnLine(text, lines, findingLine - 1, 'disable-next-line', options.language);
  if (existing) return mergeInto(existing, ruleId, options);
  const start = lines.lineStart(findingLine);
  const indent = /^[ \t]*/.exec(text.slice(start))![0];
  return { start, end: start, text: `${indent}${directiveComment('disable-next-line', ruleId, options)}${lineEnding(text)}` };
}

/**
 * "Disable <ruleId> for this line (same line)": appends `// creepyline-disable-line <ruleId>`
 * (block form for JSX/CSS/HTML) at the end of the line, or merges into a
 * `creepyline-disable-line` directive already ending the line.
 */
export function sameLineSuppressionEdit(text: string, findingLine: number, ruleId: string, options: SuppressionEditOptions = {}): TextEdit {
  const lines = new LineIndex(text);
  const start = lines.lineStart(findingLine);
  const next = findingLine < lines.lineCount ? lines.lineStart(findingLine + 1) : text.length;
  const lineText = text.slice(start, next).replace(/\r?\n$|\r$/, '');
  const existing = parseDirectives(text, { language: options.language }).find(
    (d) => d.kind === 'disable-line' && d.line === findingLine && text.slice(d.end, start + lineText.length).trim() === '',
  );
  if (existing) return mergeInto(existing, ruleId, options);
  options = inEmbeddedCode(text, start, options);
  // Replaces trailing whitespace, so the comment follows the code with one space.
  return { start: start + lineText.trimEnd().length, end: start + lineText.length, text: ` ${directiveComment('disable-line', ruleId, options)}` };
}

/**
 * "Disable <ruleId> for the entire file": inserts `/* creepyline-disable <ruleId> *\/` at
 * the top — after a shebang, `'use client'`/`'use strict'` directives or an HTML doctype —
 * or merges into a `creepyline-disable` directive among the file's leading comments.
 */
export function fileSuppressionEdit(text: string, ruleId: string, options: SuppressionEditOptions = {}): TextEdit {
  const comments = findComments(text, options.language);
  let insertAt = 0;
  if (text.startsWith('#!')) insertAt = lineAfter(text, 0);
  const prologue = options.language === 'html' ? /^\s*<!doctype[^>]*>[ \t]*/i : /^\s*(['"])use [a-z ]+\1;?[ \t]*/;
  for (let m = prologue.exec(text.slice(insertAt)); m; m = options.language === 'html' ? null : prologue.exec(text.slice(insertAt))) {
    insertAt = lineAfter(text, insertAt + m[0].length);
  }
  // Leading comments (before the first code) may already hold a file-level directive.
  let codeAt = insertAt;
  for (;;) {
    while (codeAt < text.length && /\s/.test(text[codeAt])) codeAt++;
    const comment = comments.find((c) => c.start === codeAt);
    if (!comment) break;
    codeAt = comment.end;
  }
  const existing = parseDirectives(text, { language: options.language, comments }).find((d) => d.kind === 'disable' && d.end <= codeAt);
  if (existing) return mergeInto(existing, ruleId, options);
  const eol = lineEnding(text);
  const before = insertAt > 0 && insertAt === text.length && !text.endsWith('\n') ? eol : '';
  return { start: insertAt, end: insertAt, text: `${before}${directiveComment('disable', ruleId, { ...options, jsx: false }, true)}${eol}` };
}

/** Offset of the start of the line after the one containing `offset` (or the text end). */
function lineAfter(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}
