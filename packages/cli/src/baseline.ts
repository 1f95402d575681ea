/**
 * Baseline files: the findings a team has looked at and accepted (`accepted-risk`) or
 * judged wrong (`false-positive`), so that CI fails on new findings only.
 *
 * An entry is matched by rule, file and fingerprint (core's `Finding.fingerprint`: the
 * flagged code and its line without whitespace, not the line number), so it survives lines
 * added above and edits elsewhere in the file. Each entry also keeps the line it was on
 * and a short snippet, for people reading the file, and an optional reason. Paths are
 * relative to the baseline file's folder, so the file works from any working directory.
 * Entries whose file was analysed but which no longer match a finding are stale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './io';
import { displayPath } from '@creepyline/core';
import { UsageError } from './args';

/** Format version of the baseline file. */
export const BASELINE_VERSION = 1;

export const BASELINE_STATUSES = ['accepted-risk', 'false-positive'] as const;
export type BaselineStatus = (typeof BASELINE_STATUSES)[number];

/** One recorded finding. */
export interface BaselineEntry {
  rule: string;
  /** Relative to the baseline file's folder, forward slashes. */
  file: string;
  fingerprint: string;
  /** Where it was when recorded (informational; matching ignores it). */
  line: number;
  /** The flagged code's first line, trimmed (informational). */
  snippet: string;
  status: BaselineStatus;
  reason?: string;
}

export interface BaselineFile {
  version: typeof BASELINE_VERSION;
  tool: 'creepyline';
  entries: BaselineEntry[];
}

/** A loaded baseline: its entries with paths made relative to the analysis root. */
export interface LoadedBaseline {
  /** The file as given on the command line. */
  name: string;
  absolute: string;
  entries: (BaselineEntry & { rootFile: string })[];
}

/** The subset of a report finding matching needs. */
export interface MatchableFinding {
  ruleId: string;
  /** Relative to the root, forward slashes. */
  file: string;
  fingerprint: string;
}

function entryKey(rule: string, file: string, fingerprint: string): string {
  return `${rule}\0${file}\0${fingerprint}`;
}

/** Converts a root-relative report path to a path relative to `dir` (both resolved against `root`). */
function relativeTo(root: string, dir: string, file: string): string {
  return path.relative(dir, path.resolve(root, file)).split(path.sep).join('/');
}

/** Reads and validates a baseline file; problems are usage errors naming the entry and key. */
export function readBaseline(root: string, name: string): LoadedBaseline {
  const absolute = path.resolve(root, name);
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read --baseline ${name}: ${(error as NodeJS.ErrnoException).code ?? String(error)}. Create it with --write-baseline ${name}.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`Baseline ${name} is not valid JSON: ${(error as Error).message}`);
  }
  const bad = (where: string, what: string) => new UsageError(`Baseline ${name}: ${where} ${what}`);
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw bad('the file', 'must be an object with "version" and "entries".');
  const file = data as Record<string, unknown>;
  if (file.version !== BASELINE_VERSION) throw bad('"version"', `must be ${BASELINE_VERSION} (got ${JSON.stringify(file.version)}).`);
  if (!Array.isArray(file.entries)) throw bad('"entries"', 'must be an array.');
  const dir = path.dirname(absolute);
  const entries = file.entries.map((raw: unknown, index: number) => {
    const at = `entries[${index}]`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad(at, 'must be an object.');
    const entry = raw as Record<string, unknown>;
    for (const key of ['rule', 'file', 'fingerprint'] as const) {
      if (typeof entry[key] !== 'string' || entry[key] === '') throw bad(`${at}.${key}`, 'must be a non-empty string.');
    }
    if (!BASELINE_STATUSES.includes(entry.status as BaselineStatus)) {
      throw bad(`${at}.status`, `must be one of ${BASELINE_STATUSES.join(', ')} (got ${JSON.stringify(entry.status)}).`);
    }
    if (entry.reason !== undefined && typeof entry.reason !== 'string') throw bad(`${at}.reason`, 'must be a string.');
    const fileName = String(entry.file);
    return {
      rule: String(entry.rule),
      file: fileName,
      fingerprint: String(entry.fingerprint),
      line: typeof entry.line === 'number' ? entry.line : 0,
      snippet: typeof entry.snippet === 'string' ? entry.snippet : '',
      status: entry.status as BaselineStatus,
      ...(typeof entry.reason === 'string' && entry.reason !== '' ? { reason: entry.reason } : {}),
      rootFile: displayPath(root, path.resolve(dir, fileName)),
    };
  });
  return { name, absolute, entries };
}

/** Result of matching findings against a baseline. */
export interface BaselineMatch<F> {
  /** Findings the baseline records, with their entry. */
  unchanged: { finding: F; entry: LoadedBaseline['entries'][number] }[];
  /** Findings it does not record. */
  fresh: F[];
  /** Entries matching no finding, among those the run could have seen (see `inScope`). */
  stale: LoadedBaseline['entries'];
}

/**
 * Matches findings to entries one to one (rule, file, fingerprint). An unmatched entry is
 * stale only when `inScope(entry)` says this run analysed its file with its rule; entries for
 * files outside the checked paths or shard, or rules left out with --rule, are simply unused.
 */
export function matchBaseline<F extends MatchableFinding>(
  findings: readonly F[],
  baseline: LoadedBaseline,
  inScope: (entry: LoadedBaseline['entries'][number]) => boolean,
): BaselineMatch<F> {
  const open = new Map<string, LoadedBaseline['entries']>();
  for (const entry of baseline.entries) {
    const key = entryKey(entry.rule, entry.rootFile, entry.fingerprint);
    open.set(key, [...(open.get(key) ?? []), entry]);
  }
  const unchanged: BaselineMatch<F>['unchanged'] = [];
  const fresh: F[] = [];
  for (const finding of findings) {
    const candidates = open.get(entryKey(finding.ruleId, finding.file, finding.fingerprint));
    const entry = candidates?.shift();
    if (entry) unchanged.push({ finding, entry });
    else fresh.push(finding);
  }
  const stale = [...open.values()].flat().filter(inScope);
  return { unchanged, fresh, stale };
}

/**
 * The baseline file for `findings`. Entries that `previous` already had for the same finding
 * keep their status and reason; the others are `accepted-risk` without a reason.
 * `describe(finding)` gives its line and the code to show. `keep` are earlier entries this run
 * could not have seen (other paths, rules, shards): they are carried over unchanged.
 */
export function buildBaseline<F extends MatchableFinding>(
  root: string,
  target: string,
  findings: readonly F[],
  describe: (finding: F) => { line: number; snippet: string },
  previous?: LoadedBaseline,
  keep: LoadedBaseline['entries'] = [],
): BaselineFile {
  const dir = path.dirname(path.resolve(root, target));
  const kept = previous ? matchBaseline(findings, previous, () => false).unchanged : [];
  const earlier = new Map(kept.map(({ finding, entry }) => [finding, entry]));
  const entries = findings.map((finding): BaselineEntry => {
    const { line, snippet } = describe(finding);
    const old = earlier.get(finding);
    return {
      rule: finding.ruleId,
      file: relativeTo(root, dir, finding.file),
      fingerprint: finding.fingerprint,
      line,
      snippet,
      status: old?.status ?? 'accepted-risk',
      ...(old?.reason ? { reason: old.reason } : {}),
    };
  });
  for (const entry of keep) {
    const { rootFile, ...rest } = entry;
    entries.push({ ...rest, file: relativeTo(root, dir, rootFile) });
  }
  entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)));
  return { version: BASELINE_VERSION, tool: 'creepyline', entries };
}

/** Writes a baseline file atomically (temp file + rename), as stable, diff-friendly JSON. */
export function writeBaseline(root: string, target: string, baseline: BaselineFile): void {
  const absolute = path.resolve(root, target);
  try {
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileAtomic(absolute, `${JSON.stringify(baseline, null, 2)}\n`);
  } catch (error) {
    throw new UsageError(`Cannot write --write-baseline ${target}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** The first line of the flagged code, trimmed and cut at 120 characters. */
export function snippetOf(text: string, startOffset: number, endOffset: number): string {
  const code = text.slice(startOffset, endOffset).trim();
  const first = code.split(/\r?\n/)[0].trim();
  const short = first.length > 120 ? `${first.slice(0, 119)}…` : first;
  return short !== code ? (short.endsWith('…') ? short : `${short} …`) : short;
}

/** Atomic write (temporary file, then rename), shared by every file the CLI writes: see `io.ts`. */
export { writeFileAtomic };
