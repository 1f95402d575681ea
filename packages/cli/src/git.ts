/**
 * `--changed-since REF`: the lines changed since a git ref, read from the local repository
 * with `git diff` (never a fetch or any other network call: the ref must exist locally).
 * Changes counted: committed since REF, staged, unstaged, and untracked files (whole file).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { UsageError } from './args';

/** Changed lines per absolute file path; `'all'` for files that are new (untracked or added). */
export type ChangedLines = Map<string, Set<number> | 'all'>;

/**
 * Runs git locally: no pager, no prompts, no external diff or textconv drivers, and no
 * transport at all (`protocol.allow=never`; `GIT_NO_LAZY_FETCH` so a partial clone does not
 * fetch missing objects on demand): a missing ref or object is an error, never a download.
 */
function git(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('git', ['-c', 'core.quotePath=false', '-c', 'protocol.allow=never', '--no-pager', ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_NO_LAZY_FETCH: '1', LC_ALL: 'C' },
  });
  if (run.error) {
    const code = (run.error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? '--changed-since needs git, and git was not found on PATH.' : `--changed-since: cannot run git: ${run.error.message}`);
  }
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Unquotes a path git printed in C-style quotes (`"a\tb"`), as it does for unusual characters. */
function unquote(text: string): string {
  if (!text.startsWith('"')) return text;
  const bytes: number[] = [];
  const body = text.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[++i];
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else {
      bytes.push(({ n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 } as Record<string, number>)[next] ?? next.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * Parses `git diff --unified=0` output into changed lines of the new side. A pure deletion
 * (`+c,0`) marks the lines on both sides of the gap, so a removed consent check above a
 * tracker call counts as a change at the call.
 */
export function parseUnifiedDiff(diff: string, toplevel: string): ChangedLines {
  const changed: ChangedLines = new Map();
  let current: Set<number> | 'all' | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = line.slice(4);
      if (target === '/dev/null') {
        current = undefined;
        continue;
      }
      const name = unquote(target).replace(/^b\//, '');
      const file = path.join(toplevel, name);
      const existing = changed.get(file);
      current = existing ?? new Set<number>();
      changed.set(file, current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current && current !== 'all') {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      if (count === 0) {
        current.add(start);
        current.add(start + 1);
      } else {
        for (let n = start; n < start + count; n++) current.add(n);
      }
    }
  }
  return changed;
}

/** The lines changed since `ref` in the work tree containing `root`. Throws `UsageError`. */
export function changedSince(root: string, ref: string): ChangedLines {
  const inside = git(root, ['rev-parse', '--show-toplevel']);
  if (inside.status !== 0) {
    throw new UsageError(`--changed-since needs a git work tree, and ${root} is not inside one (${inside.stderr.trim().split('\n')[0] || 'git rev-parse failed'}).`);
  }
  const toplevel = path.resolve(inside.stdout.trim());
  if (ref.startsWith('-')) throw new UsageError(`Invalid git ref '${ref}' for --changed-since.`);
  const verify = git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (verify.status !== 0) {
    throw new UsageError(`Unknown git ref '${ref}' for --changed-since: it names no commit in this repository. Creepyline does not fetch; run \`git fetch\` first if it is a remote branch.`);
  }
  const commit = verify.stdout.trim();
  // Work tree against the ref: committed, staged and unstaged changes in one diff.
  const diff = git(toplevel, ['diff', '--unified=0', '--no-color', '--no-ext-diff', '--no-textconv', '--find-renames', commit, '--']);
  if (diff.status !== 0) throw new UsageError(`--changed-since: git diff failed: ${diff.stderr.trim()}`);
  const changed = parseUnifiedDiff(diff.stdout, toplevel);
  const untracked = git(toplevel, ['ls-files', '--others', '--exclude-standard', '-z']);
  if (untracked.status === 0) {
    for (const name of untracked.stdout.split('\0').filter(Boolean)) changed.set(path.join(toplevel, name), 'all');
  }
  return changed;
}

/** Whether a finding on lines `start..end` of `file` touches a changed line. */
export function touchesChange(changed: ChangedLines, file: string, start: number, end: number): boolean {
  const lines = changed.get(file);
  if (lines === undefined) return false;
  if (lines === 'all') return true;
  for (let n = start; n <= end; n++) if (lines.has(n)) return true;
  return false;
}
