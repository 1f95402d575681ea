/**
 * Offsets ↔ positions. Offsets are 0-based UTF-16 indices (JavaScript string indices);
 * positions are 1-based lines and columns, as in every face's output.
 */
import type { Position, Range } from './model';

/** Start offsets of every line of `text` (line 1 starts at index 0 of the array). */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (ch === 10 /* \n */ || ch === 0x2028 || ch === 0x2029) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The 1-based position of a 0-based offset. */
export function positionAt(lineStarts: readonly number[], offset: number): Position {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low] + 1 };
}

/** The 0-based offset of a 1-based position (clamped to the line start array). */
export function offsetAt(lineStarts: readonly number[], position: Position): number {
  const line = Math.min(Math.max(position.line, 1), lineStarts.length);
  return lineStarts[line - 1] + position.column - 1;
}

/** Builds a Range from two offsets. */
export function rangeOf(lineStarts: readonly number[], startOffset: number, endOffset: number): Range {
  return {
    start: positionAt(lineStarts, startOffset),
    end: positionAt(lineStarts, endOffset),
    startOffset,
    endOffset,
  };
}

/** The indentation (spaces/tabs) of the line containing `offset`. */
export function indentationAt(text: string, lineStarts: readonly number[], offset: number): string {
  const { line } = positionAt(lineStarts, offset);
  const start = lineStarts[line - 1];
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** Applies non-overlapping edits (any order) to `text`. */
export function applyEdits(text: string, edits: readonly { start: number; end: number; text: string }[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let lastStart = Infinity;
  for (const edit of sorted) {
    if (edit.end > lastStart) throw new Error('overlapping edits');
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    lastStart = edit.start;
  }
  return out;
}
