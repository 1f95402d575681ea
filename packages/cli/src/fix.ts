/**
 * `--fix` and `--fix-dry-run`: the safe fixes core computed (`Fix.safe`), applied per file.
 * One fix per finding (its first safe one); a fix whose edits overlap edits already taken
 * is left for the next run rather than merged. Files are written atomically (temporary
 * file + rename) and only when the text they were analysed from is still on disk.
 * `--fix-dry-run` renders the same changes as a unified diff (`git apply` accepts it).
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

/** Plans the safe fixes of `findings` (report paths, relative to `root`). */
export function planFixes(root: string, findings: readonly ReportFinding[]): FilePlan[] {
  const byFile = new Map<string, ReportFinding[]>();
  for (const finding of findings) {
    if (!finding.fixes.some((fix) => fix.safe)) continue;
    byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  }
  const plans: FilePlan[] = [];
  for (const [file, list] of byFile) {
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
    if (taken.length === 0) continue;
    const after = bom + applyEdits(text, taken);
    if (after === before) continue;
    plans.push({ file, before, after, applied: applied.sort((a, b) => a.at - b.at).map((a) => a.title), deferred });
  }
  return plans.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * Writes the planned files atomically. A file whose content changed since it was read is
 * left alone and returned in `changedOnDisk`.
 */
export function applyPlans(root: string, plans: readonly FilePlan[]): { written: FilePlan[]; changedOnDisk: string[] } {
  const written: FilePlan[] = [];
  const changedOnDisk: string[] = [];
  for (const plan of plans) {
    const absolute = path.resolve(root, plan.file);
    if (fs.readFileSync(absolute, 'utf8') !== plan.before) {
      changedOnDisk.push(plan.file);
      continue;
    }
    writeFileAtomic(absolute, plan.after);
    written.push(plan);
  }
  return { written, changedOnDisk };
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
