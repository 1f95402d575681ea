/**
 * `--fix` and `--fix-dry-run`: the safe fixes core computed (`Fix.safe`), applied per file.
 * One fix per finding (its first safe one); a fix whose edits overlap edits already taken
 * is left for the next run rather than merged. Files are written atomically (temporary
 * file + rename) and only when the text they were analysed from is still on disk.
 * `--fix-dry-run` renders the same changes as a unified diff (`git apply` accepts it).
 * One file that cannot be fixed (gone, unreadable, read-only, edits that fail) never stops
 * the others: it is listed with a one-line reason.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, type TextEdit } from '@creepyline/core';
import { writeFileAtomic } from './baseline';
import type { ReportFinding } from './report';

/** The planned changes to one file. */
export interface FilePlan {
  /** Relative to the root, forward slashes. */
  file: string;
  before: string;
  after: string;
  /** Titles of the fixes applied, in file order. */
  applied: string[];
  /** Fixes left out because they overlapped another one. */
  deferred: number;
}

/** A file whose fixes could not be planned or written, and why (one line). */
export interface FixFailure {
  file: string;
  reason: string;
}

/** One line for an error thrown while fixing one file (no stack trace). */
function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'the file is gone';
  if (code === 'EACCES' || code === 'EPERM') return 'no permission to read or write it';
  if (code === 'EISDIR') return 'it is a directory now';
  if (error instanceof RangeError) return `the fix computation failed (${error.message})`;
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}

/**
 * Plans the safe fixes of `findings` (report paths, relative to `root`). A file that cannot
 * be read or whose edits cannot be applied is listed in `failed` with a reason; the other
 * files are planned as usual.
 */
export function planFixes(root: string, findings: readonly ReportFinding[]): { plans: FilePlan[]; failed: FixFailure[] } {
  const byFile = new Map<string, ReportFinding[]>();
  for (const finding of findings) {
    if (!finding.fixes.some((fix) => fix.safe)) continue;
    byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  }
  const plans: FilePlan[] = [];
  const failed: FixFailure[] = [];
  for (const [file, list] of byFile) {
    try {
      const plan = planFile(root, file, list);
      if (plan) plans.push(plan);
    } catch (error) {
      failed.push({ file, reason: reasonOf(error) });
    }
  }
  return { plans: plans.sort(byFileName), failed: failed.sort(byFileName) };
}

function byFileName(a: { file: string }, b: { file: string }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/** The plan for one file, or undefined when its fixes change nothing. */
function planFile(root: string, file: string, list: readonly ReportFinding[]): FilePlan | undefined {
  const before = fs.readFileSync(path.resolve(root, file), 'utf8');
  // Core analysed the text without a byte-order mark: its offsets start after it.
  const bom = before.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = before.slice(bom.length);
  const taken: TextEdit[] = [];
  const applied: { at: number; title: string }[] = [];
  let deferred = 0;
  for (const finding of list) {
    const fix = finding.fixes.find((candidate) => candidate.safe)!;
    const overlaps = fix.edits.some((edit) =>
      taken.some((other) => edit.start < other.end && other.start < edit.end || (edit.start === edit.end && edit.start === other.start)),
    );
    const outOfRange = fix.edits.some((edit) => edit.start < 0 || edit.end > text.length || edit.start > edit.end);
    if (overlaps || outOfRange) {
      deferred++;
      continue;
    }
    taken.push(...fix.edits);
    applied.push({ at: Math.min(...fix.edits.map((edit) => edit.start)), title: fix.title });
  }
  if (taken.length === 0) return undefined;
  const after = bom + applyEdits(text, taken);
  if (after === before) return undefined;
  return { file, before, after, applied: applied.sort((a, b) => a.at - b.at).map((a) => a.title), deferred };
}

/**
 * Writes the planned files atomically. A file whose content changed since it was read is
 * left alone and returned in `changedOnDisk`.
 */
export function applyPlans(root: string, plans: readonly FilePlan[]): { written: FilePlan[]; changedOnDisk: string[]; failed: FixFailure[] } {
  const written: FilePlan[] = [];
  const changedOnDisk: string[] = [];
  const failed: FixFailure[] = [];
  for (const plan of plans) {
    const absolute = path.resolve(root, plan.file);
    try {
      if (fs.readFileSync(absolute, 'utf8') !== plan.before) {
        changedOnDisk.push(plan.file);
        continue;
      }
      writeFileAtomic(absolute, plan.after);
      written.push(plan);
    } catch (error) {
      failed.push({ file: plan.file, reason: reasonOf(error) });
    }
  }
  return { written, changedOnDisk, failed };
}

/** `2 fixes: Default ad_storage to denied; Set marketing to false` for one file. */
export function describePlan(plan: FilePlan): string {
  const counts = new Map<string, number>();
  for (const title of plan.applied) counts.set(title, (counts.get(title) ?? 0) + 1);
  const titles = [...counts].map(([title, n]) => (n > 1 ? `${title} (×${n})` : title)).join('; ');
  const deferred = plan.deferred > 0 ? `; ${plan.deferred} overlapping fix${plan.deferred === 1 ? '' : 'es'} left for the next run` : '';
  return `${plan.file}: ${plan.applied.length} fix${plan.applied.length === 1 ? '' : 'es'}: ${titles}${deferred}`;
}

const CONTEXT = 3;

/** Splits text into lines keeping whether the last one ends with a newline. */
function splitLines(text: string): { lines: string[]; finalNewline: boolean } {
  if (text === '') return { lines: [], finalNewline: true };
  const finalNewline = text.endsWith('\n');
  const lines = (finalNewline ? text.slice(0, -1) : text).split('\n');
  return { lines, finalNewline };
}

/**
 * A unified diff (`--- a/file`, `+++ b/file`, hunks with 3 lines of context) between two
 * versions of a file. Lines are compared with a longest-common-subsequence table restricted
 * to the region between the common prefix and suffix, which for fixes is a few lines.
 */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  // Treat the missing final newline as part of the last line so it shows up as a change.
  const A = a.lines.map((line, i) => (i === a.lines.length - 1 && !a.finalNewline ? `${line}\0` : line));
  const B = b.lines.map((line, i) => (i === b.lines.length - 1 && !b.finalNewline ? `${line}\0` : line));
  let prefix = 0;
  while (prefix < A.length && prefix < B.length && A[prefix] === B[prefix]) prefix++;
  let suffix = 0;
  while (suffix < A.length - prefix && suffix < B.length - prefix && A[A.length - 1 - suffix] === B[B.length - 1 - suffix]) suffix++;
  const midA = A.slice(prefix, A.length - suffix);
  const midB = B.slice(prefix, B.length - suffix);
  // ops over the whole files: ' ' keep, '-' delete, '+' insert, with line indices
  type Op = { kind: ' ' | '-' | '+'; text: string };
  const ops: Op[] = A.slice(0, prefix).map((text) => ({ kind: ' ', text }));
  const n = midA.length;
  const m = midB.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = midA[i] === midB[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && midA[i] === midB[j]) {
      ops.push({ kind: ' ', text: midA[i] });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.push({ kind: '-', text: midA[i++] });
    } else {
      ops.push({ kind: '+', text: midB[j++] });
    }
  }
  ops.push(...A.slice(A.length - suffix).map((text) => ({ kind: ' ' as const, text })));

  // Group changes into hunks with CONTEXT lines around them.
  const out = [`--- a/${file}`, `+++ b/${file}`];
  const changedAt = ops.map((op, index) => (op.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  let k = 0;
  while (k < changedAt.length) {
    let end = k;
    while (end + 1 < changedAt.length && changedAt[end + 1] - changedAt[end] <= 2 * CONTEXT + 1) end++;
    const from = Math.max(0, changedAt[k] - CONTEXT);
    const to = Math.min(ops.length - 1, changedAt[end] + CONTEXT);
    let oldStart = 1;
    let newStart = 1;
    for (let x = 0; x < from; x++) {
      if (ops[x].kind !== '+') oldStart++;
      if (ops[x].kind !== '-') newStart++;
    }
    const body: string[] = [];
    let oldCount = 0;
    let newCount = 0;
    for (let x = from; x <= to; x++) {
      const op = ops[x];
      if (op.kind !== '+') oldCount++;
      if (op.kind !== '-') newCount++;
      const noNewline = op.text.endsWith('\0');
      body.push(`${op.kind}${noNewline ? op.text.slice(0, -1) : op.text}`);
      if (noNewline) body.push('\\ No newline at end of file');
    }
    const range = (start: number, count: number) => (count === 0 ? `${start - 1},0` : count === 1 ? `${start}` : `${start},${count}`);
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`, ...body);
    k = end + 1;
  }
  return `${out.join('\n')}\n`;
}
