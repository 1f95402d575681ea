/**
 * Worker threads for `creepyline check --jobs N`: the per-file syntax pass (parse + walk →
 * FileFacts) of the files that need one runs in a pool of worker threads; everything else stays
 * in the main thread, in the order a single-threaded run uses: reading the configuration,
 * discovery, the cross-file project pass and the rules run over the merged facts in the sorted
 * discovery order, so the report is byte-identical to `--jobs 1`.
 *
 * How the facts travel: the pool is a {@link FactsStore} of the main thread's Workspace, the same
 * hook the cache on disk uses. Before the analysis, a probe asks the Workspace for each file's
 * store key (content hash, configuration, language, path) without running the syntax pass;
 * files the cache on disk holds are served from it and never reach a worker. The other files go
 * to the workers, each with its own Workspace built from the same configuration; a worker
 * returns the facts as the JSON a cache entry holds (and, with the cache on, writes that entry
 * atomically itself). The main thread's Workspace then loads those facts exactly as it loads a
 * cache hit, checked against the file's text and hash; anything the workers did not deliver it
 * computes itself. So output never depends on which worker finished first.
 *
 * Failures: a file whose syntax pass fails in a worker is analysed again in the main thread,
 * which skips it with exactly the reason a single-threaded run gives (`failure.ts`); workers run
 * with a smaller stack than the main thread, so a file too deep for the main thread fails in the
 * worker first. A worker that dies (an uncaught error, out of memory, an exit) takes only its
 * current file with it: that file is reported as skipped ("the worker thread analysing it
 * stopped: …"), the worker is replaced and the run goes on. A pool that cannot start at all
 * (no worker bundle next to the CLI) is reported on stderr and the run continues in one thread.
 * Workers are terminated before the analysis goes on; none outlives the run.
 *
 * `--jobs` (see `workerCount`): N = up to N worker threads (never more than the files that need
 * a syntax pass; 1 = no worker); `auto` (the default) = one per core but one
 * (`os.availableParallelism() − 1`), and only when that gives at least 2 workers with at least
 * {@link AUTO_MIN_FILES_PER_WORKER} files each: on a 2-core machine auto is a single thread
 * (measured there: 0.5–1.0× with two workers, README "Speed"; `npm run bench -- --repo` prints it).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ConfigSet, FactsStore, StoredFacts, StoredRun, Workspace, loadConfig } from '@creepyline/core';
import type { DiskFactsStore } from './cache';
import type { Progress } from './progress';

/** Under `--jobs auto`, the fewest files needing a syntax pass per worker (a worker starts in ~0.3–0.5 s). */
export const AUTO_MIN_FILES_PER_WORKER = 50;

/**
 * Stack of a worker thread in MB. Node gives V8 this minus 192 KB, i.e. ~830 KB, less than the
 * main thread's 984 KB: a file too deeply nested for the main thread fails in the worker first
 * and is then analysed (and skipped with the usual reason) in the main thread.
 */
export const WORKER_STACK_MB = 1;

/** Files the main thread's syntax pass would run on, most at a time per worker (in flight). */
const IN_FLIGHT = 2;
/** How long a worker still starting up may take before it is terminated anyway (see `end` in dispatch). */
const START_GRACE_MS = 30_000;

/** The most worker threads `jobs` can ask for on `cores` cores (0 or 1 = no pool). */
export function maxWorkers(jobs: number | 'auto' | undefined, cores = os.availableParallelism()): number {
  if (jobs === undefined) return 0;
  if (jobs === 'auto') return cores - 1 >= 2 ? cores - 1 : 0;
  return jobs >= 2 ? jobs : 0;
}

/** Worker threads to start for `pending` files that need a syntax pass (0 = none: all in the main thread). */
export function workerCount(jobs: number | 'auto' | undefined, pending: number, cores = os.availableParallelism()): number {
  const most = Math.min(maxWorkers(jobs, cores), pending);
  if (jobs === 'auto') {
    const count = Math.min(most, Math.floor(pending / AUTO_MIN_FILES_PER_WORKER));
    return count >= 2 ? count : 0;
  }
  return most;
}

/**
 * The configuration the analysis uses: the loaded one, or under `--no-ignore` the same without
 * its ignore globs (core must not drop the config-ignored files discovery kept). Shared by the
 * main thread and the workers, so both compute the same store keys.
 */
export function checkConfig(loaded: ReturnType<typeof loadConfig>, ignore: boolean): ConfigSet {
  if (ignore) return loaded.config;
  return {
    root: loaded.config.root,
    configFile: loaded.config.configFile,
    problems: loaded.config.problems,
    forFile: (file) => loaded.config.forFile(file),
    isIgnored: () => false,
  };
}

/** What a worker needs to build the main thread's Workspace again (plain data: `workerData`). */
export interface WorkerSetup {
  root: string;
  configPath?: string;
  ignore: boolean;
  maxFileSize: number;
  /** The cache on disk (its folder and the running build's fingerprint), when on. */
  cache?: { dir: string; tool: string };
  /** Test-only fault injection (`CREEPYLINE_TEST_WORKER_FAULT`), see worker.ts. */
  fault?: string;
}

/** A worker's messages. */
export type WorkerReply =
  | { ready: true }
  | { file: string; key?: string; facts?: string; wrote?: boolean; writeError?: boolean };

/** Counts of one pool run (tests, bench). */
export interface PoolStats {
  /** Files the cache on disk holds (found by the probe; never sent to a worker). */
  cached: number;
  /** Files sent to workers. */
  sent: number;
  /** Files whose facts a worker delivered. */
  delivered: number;
  /** Files the main thread analyses itself after a worker's syntax pass failed on them. */
  failedInWorker: number;
  /** Files skipped because their worker died. */
  crashed: number;
  /** Worker threads started (replacements included). */
  started: number;
}

/** Thrown by the store during the probe: the key is recorded, the syntax pass must not run. */
class ProbeOnly extends Error {
  constructor() {
    super('probe only');
    this.name = 'ProbeOnly';
  }
}

interface PendingFile {
  file: string;
  key: string;
}

/** The pool and its store (see the file comment). */
export class PoolFactsStore implements FactsStore {
  readonly stats: PoolStats = { cached: 0, sent: 0, delivered: 0, failedInWorker: 0, crashed: 0, started: 0 };
  private probing = false;
  private probed?: string;
  /** Facts by store key that the workers delivered (JSON values, as a cache entry holds them). */
  private readonly ready = new Map<string, unknown>();
  /** Why the worker analysing a file (by store key) died. */
  private readonly failed = new Map<string, string>();

  /** Whole runs go to the cache on disk as without workers; without a cache there are none (as without workers). */
  readonly loadRun?: (key: string) => unknown;
  readonly saveRun?: (key: string, run: StoredRun) => void;

  constructor(private readonly disk?: DiskFactsStore) {
    if (disk) {
      this.loadRun = (key) => disk.loadRun(key);
      this.saveRun = (key, run) => disk.saveRun(key, run);
    }
  }

  load(key: string): unknown {
    if (this.probing) {
      this.probed = key;
      throw new ProbeOnly();
    }
    const failure = this.failed.get(key);
    // becomes the skip reason "analysis failed: the worker thread analysing it stopped: …"
    if (failure !== undefined) throw new Error(failure);
    if (this.ready.has(key)) return this.ready.get(key);
    return this.disk?.load(key);
  }

  save(key: string, facts: StoredFacts): void {
    // facts the main thread computed itself (a worker failed on the file, or a cache entry was rejected)
    this.disk?.save(key, facts);
  }

  /**
   * Runs the syntax pass of `files` in up to `jobs` workers (see the file comment); returns
   * whether a pool ran to its end (false: no pool was needed, or it was abandoned). `workspace`
   * must use this store; nothing is added to its memory here, so it takes the facts in its own
   * order afterwards.
   */
  async run(workspace: Workspace, files: readonly string[], setup: Omit<WorkerSetup, 'cache' | 'fault'>, jobs: number | 'auto' | undefined, progress: Progress, warn: (line: string) => void): Promise<boolean> {
    if (maxWorkers(jobs) === 0) return false;
    const pending: PendingFile[] = [];
    this.probing = true;
    try {
      for (const file of files) {
        this.probed = undefined;
        workspace.indexFiles([file]);
        if (this.probed === undefined) continue; // skipped before the syntax pass (type, size, unreadable): the main thread says why
        // an entry on disk is loaded (and counted) by the main thread as without workers; in the
        // rare case that core rejects it (damaged, foreign), the main thread parses the file itself
        if (this.disk?.has(this.probed)) this.stats.cached++;
        else {
          if (this.disk) this.disk.stats.misses++; // as the main thread's own lookup would count it
          pending.push({ file: path.resolve(workspace.root, file), key: this.probed });
        }
      }
    } finally {
      this.probing = false;
      this.probed = undefined;
    }
    const count = workerCount(jobs, pending.length);
    if (count === 0) return false;
    const full: WorkerSetup = { ...setup };
    if (this.disk) full.cache = { dir: path.dirname(path.dirname(this.disk.dir)), tool: this.disk.tool };
    const fault = process.env.CREEPYLINE_TEST_WORKER_FAULT;
    if (fault) full.fault = fault;
    const done = { count: files.length - pending.length };
    progress.update(done.count, files.length, files[0] ?? workspace.root);
    const completed = await this.dispatch(pending, count, full, (file) => {
      done.count++;
      progress.update(done.count, files.length, file);
    }, warn);
    // after an abandoned pool the main thread's own pass draws the bar again, from the start
    return completed;
  }

  /**
   * Sends `pending` to `count` workers; resolves when every file is answered (true) or the pool
   * was abandoned (false), and every worker has ended.
   */
  private dispatch(pending: PendingFile[], count: number, setup: WorkerSetup, onDone: (file: string) => void, warn: (line: string) => void): Promise<boolean> {
    interface Slot {
      worker: Worker;
      ready: boolean;
      inFlight: PendingFile[];
      error?: Error;
      ended: boolean;
      /** The thread is gone (its 'exit' event came). */
      exited: boolean;
    }
    const queue = [...pending];
    const slots = new Set<Slot>();
    let stopped = false;
    let abandoned = false;
    return new Promise<boolean>((resolve) => {
      const finish = () => {
        if (stopped) return;
        stopped = true;
        const all = [...slots];
        for (const slot of all) slot.ended = true;
        // terminate() resolves once the thread is gone: no worker outlives the run
        void Promise.allSettled(all.map(end)).then(() => resolve(!abandoned));
      };
      /**
       * Ends one worker. One still running its start-up script is ended only once it is ready or
       * has exited by itself: terminating a thread in the middle of its first script can abort
       * the whole process (Node 20: an assertion in DecorateErrorStack, seen when one worker
       * failed to start and the pool ended the others). A start-up that never ends is cut after
       * START_GRACE_MS.
       */
      const end = (slot: Slot): Promise<unknown> => {
        if (slot.ready || slot.exited) return slot.worker.terminate();
        return new Promise((settle) => {
          const timer = setTimeout(() => settle(slot.worker.terminate()), START_GRACE_MS);
          const done = (terminate: boolean) => {
            clearTimeout(timer);
            settle(terminate ? slot.worker.terminate() : undefined);
          };
          slot.worker.once('message', () => done(true));
          slot.worker.once('exit', () => done(false));
        });
      };
      const feed = (slot: Slot) => {
        while (slot.inFlight.length < IN_FLIGHT && queue.length > 0) {
          const item = queue.shift()!;
          slot.inFlight.push(item);
          this.stats.sent++;
          slot.worker.postMessage({ file: item.file });
        }
        finishIfIdle();
      };
      const finishIfIdle = () => {
        if (queue.length === 0 && [...slots].every((s) => s.inFlight.length === 0)) finish();
      };
      const start = () => {
        let worker: Worker;
        try {
          worker = startWorker(setup);
        } catch (error) {
          abandon(`cannot start a worker thread (${describe(error)})`);
          return;
        }
        this.stats.started++;
        const slot: Slot = { worker, ready: false, inFlight: [], ended: false, exited: false };
        slots.add(slot);
        worker.on('message', (reply: WorkerReply) => {
          if ('ready' in reply) {
            slot.ready = true;
            feed(slot);
            return;
          }
          const item = slot.inFlight.shift();
          if (!item || item.file !== reply.file) return; // cannot happen: a worker answers in order
          if (reply.facts !== undefined && reply.key !== undefined) {
            this.ready.set(reply.key, JSON.parse(reply.facts));
            this.stats.delivered++;
          } else {
            this.stats.failedInWorker++;
          }
          if (this.disk && reply.wrote) this.disk.stats.writes++;
          if (this.disk && reply.writeError) this.disk.stats.writeErrors++;
          onDone(item.file);
          feed(slot);
        });
        worker.on('error', (error) => {
          slot.error = error;
        });
        worker.on('exit', (code) => {
          slot.exited = true;
          if (slot.ended || stopped) return;
          slot.ended = true;
          slots.delete(slot);
          const why = slot.error ? describe(slot.error) : `exit code ${code}`;
          if (!slot.ready) {
            // never got as far as its first file: the pool cannot work here
            queue.unshift(...slot.inFlight);
            abandon(`a worker thread failed to start (${why})`);
            return;
          }
          const [culprit, ...others] = slot.inFlight;
          queue.unshift(...others);
          if (culprit) {
            this.failed.set(culprit.key, `the worker thread analysing it stopped (${why})`);
            this.stats.crashed++;
            onDone(culprit.file);
          }
          if (queue.length > 0) start();
          else finishIfIdle();
        });
      };
      const abandon = (why: string) => {
        if (stopped) return;
        warn(`creepyline: ${why}; the remaining files are analysed in the main thread.`);
        abandoned = true;
        queue.length = 0;
        finish();
      };
      for (let i = 0; i < count; i++) start();
    });
  }
}

/** One line saying what stopped a worker. */
function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return 'out of memory';
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split(/\r?\n/, 1)[0]!.trim() || 'unknown error';
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

/**
 * Starts one worker: the bundled `worker.js` next to the bundled CLI (`npm run build` writes both
 * into packages/cli/dist/), or, run from source, `worker.ts` through tsx.
 */
function startWorker(setup: WorkerSetup): Worker {
  const options = { workerData: setup, resourceLimits: { stackSizeMb: WORKER_STACK_MB } };
  if (!__filename.endsWith('.ts')) return new Worker(path.join(__dirname, 'worker.js'), options);
  // `require` as a value, so that the bundler leaves tsx out of the shipped CLI
  const req = require;
  const tsx = req.resolve('tsx/cjs/api');
  const entry = path.join(__dirname, 'worker.ts');
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(entry)});`, { ...options, eval: true });
}
