/**
 * The CLI's cache on disk: the syntax pass's Facts of each file, so that a second run over
 * unchanged files neither parses nor walks them. One JSON entry per file under
 * `<cache dir>/facts-v1/<tool>/<k[0..2]>/<k>.json`, where
 *  - the cache dir is `--cache-location`, else `$XDG_CACHE_HOME/creepyline`, else `~/.cache/creepyline`;
 *  - `<tool>` identifies the running build (version plus the bundle's size and modification time,
 *    or the sources' when run from source), so a new build never reads an older build's facts;
 *  - `k` is core's key of the file: content hash, consent policy, language, absolute path and a
 *    hash of the file's whole effective configuration (see `Workspace.storeKey`).
 * What is cached is the file's FileFacts without its text: plain data (sinks with their gates,
 * forms, schemas, imports/exports and summaries the cross-file pass needs, personal-data flows,
 * line starts); never syntax trees or functions. Findings are not cached: rules and the
 * cross-file pass run on every run over the (cached) facts, so a change in one file updates the
 * findings it causes in others.
 * Writes are atomic (temporary file + rename, without fsync), so concurrent runs never see half an
 * entry; an entry that cannot be read or parsed, or that belongs to another file or text, is ignored,
 * recomputed and written again. A cache that cannot be written (read-only disk) slows the run
 * down, never fails it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import type { FactsStore, StoredFacts, StoredRun } from '@creepyline/core';

/** Layout version of the entries (bump when the entry format changes). */
const LAYOUT = 'facts-v1';

/** The default cache folder: `$XDG_CACHE_HOME/creepyline`, else `~/.cache/creepyline`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache'), 'creepyline');
}

/** Newest modification time, count and total size of the files under `dir` (recursively). */
function treeStamp(dir: string): string {
  let newest = 0;
  let count = 0;
  let size = 0;
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) {
        const stat = fs.statSync(p);
        newest = Math.max(newest, stat.mtimeMs);
        count++;
        size += stat.size;
      }
    }
  };
  walk(dir);
  return `${newest}:${count}:${size}`;
}

/**
 * Identifies the running build of the analyser: the version, and the bundle's size and
 * modification time (any rebuild invalidates the cache; the bundle holds the parser), or, run
 * from source, a stamp of the core and CLI sources and knowledge files and ts-morph's package.json.
 */
export function toolFingerprint(version: string): string {
  let stamp: string;
  if (__filename.endsWith('.js')) {
    const stat = fs.statSync(__filename);
    stamp = `bundle:${stat.size}:${stat.mtimeMs}`;
  } else {
    const packages = path.join(__dirname, '..', '..');
    let parser = '';
    try {
      // the parser's version decides the trees the facts come from
      parser = fs.readFileSync(require.resolve('ts-morph/package.json', { paths: [path.join(packages, 'core')] }), 'utf8');
    } catch {
      parser = '?';
    }
    stamp = `source:${treeStamp(path.join(packages, 'core', 'src'))}:${treeStamp(path.join(packages, 'cli', 'src'))}:${createHash('sha256').update(parser).digest('hex')}`;
  }
  return createHash('sha256').update(`${version}\0${process.version}\0${stamp}`).digest('hex').slice(0, 16);
}

let written = 0;

/**
 * Writes a cache entry: a temporary file (named after this process and a counter, so
 * concurrent runs never share one) renamed over the entry, so no reader sees half an entry.
 * Unlike reports (`writeFileAtomic`), not flushed to disk with fsync: one fsync per file made a
 * cold run into an empty cache wait on the disk (outline, 2,460 files: 15.1 → 11.5 s wall, 19.2 →
 * 17.3 s CPU); after a crash an entry may be lost or damaged, and a damaged one is rejected when
 * read and recomputed.
 */
function writeEntry(file: string, text: string): void {
  const temporary = `${file}.${process.pid}-${written++}.tmp`;
  try {
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** Counts of one run (for tests and the bench). */
export interface CacheStats {
  hits: number;
  misses: number;
  /** Entries that existed but were unreadable or did not match (and were rewritten). */
  rejected: number;
  writes: number;
  writeErrors: number;
  /** Whole runs found (their journal is checked by core), not found, and written. */
  runHits: number;
  runMisses: number;
  runWrites: number;
}

/** The Facts store on disk (see the file comment). */
export class DiskFactsStore implements FactsStore {
  readonly dir: string;
  readonly stats: CacheStats = { hits: 0, misses: 0, rejected: 0, writes: 0, writeErrors: 0, runHits: 0, runMisses: 0, runWrites: 0 };
  private readonly made = new Set<string>();
  /** Keys whose entries load() returned (core may still reject them: then it saves new facts). */
  private readonly returned = new Set<string>();
  private readonly returnedRuns = new Set<string>();

  constructor(cacheDir: string, readonly tool: string) {
    this.dir = path.join(path.resolve(cacheDir), LAYOUT, tool);
  }

  private entry(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** Whether an entry exists for `key` (not read, not counted): the worker pool's probe sends only the others to workers. */
  has(key: string): boolean {
    return fs.existsSync(this.entry(key));
  }

  load(key: string): unknown {
    let text: string;
    try {
      text = fs.readFileSync(this.entry(key), 'utf8');
    } catch {
      this.stats.misses++;
      return undefined;
    }
    try {
      const entry = JSON.parse(text) as { tool?: unknown; key?: unknown; facts?: unknown };
      if (entry.tool === this.tool && entry.key === key && typeof entry.facts === 'object' && entry.facts !== null) {
        this.stats.hits++;
        this.returned.add(key);
        return entry.facts;
      }
    } catch {
      // damaged: ignored, recomputed, rewritten by save()
    }
    this.stats.rejected++;
    return undefined;
  }

  loadRun(key: string): unknown {
    let text: string;
    try {
      text = fs.readFileSync(this.runEntry(key), 'utf8');
    } catch {
      this.stats.runMisses++;
      return undefined;
    }
    try {
      const entry = JSON.parse(text) as { tool?: unknown; key?: unknown; run?: unknown };
      if (entry.tool === this.tool && entry.key === key && typeof entry.run === 'object' && entry.run !== null) {
        this.stats.runHits++;
        this.returnedRuns.add(key);
        return entry.run;
      }
    } catch {
      // damaged: ignored, rewritten by saveRun()
    }
    this.stats.runMisses++;
    return undefined;
  }

  saveRun(key: string, run: StoredRun): void {
    // core found the stored run's journal outdated (or the entry unusable) and ran again: not a hit
    if (this.returnedRuns.delete(key)) {
      this.stats.runHits--;
      this.stats.runMisses++;
    }
    if (this.write(this.runEntry(key), JSON.stringify({ tool: this.tool, key, run }))) this.stats.runWrites++;
  }

  private runEntry(key: string): string {
    return path.join(this.dir, 'runs', key.slice(0, 2), `${key}.json`);
  }

  /** Writes an entry atomically; a failure is counted, never thrown. */
  private write(file: string, text: string): boolean {
    try {
      const dir = path.dirname(file);
      if (!this.made.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        this.made.add(dir);
      }
      writeEntry(file, text);
      return true;
    } catch {
      this.stats.writeErrors++;
      return false;
    }
  }

  save(key: string, facts: StoredFacts): void {
    if (this.returned.delete(key)) {
      // core found the entry not to fit the file (another file's or text's facts): not a hit
      this.stats.hits--;
      this.stats.rejected++;
    }
    if (this.write(this.entry(key), JSON.stringify({ tool: this.tool, key, facts }))) this.stats.writes++;
  }
}
