/**
 * Background index: the syntax pass (no rules) over every analysable file of a workspace
 * folder, so that cross-file analysis of an open document knows callers in files that are
 * not open (a wrapper around `gtag` is gated when all its callers are). Files come from the
 * core's `discoverFiles` (the CLI's discovery: `.gitignore` + the configuration's `ignore`).
 * Work is done in small time-boxed chunks with a turn of the event loop between them, so
 * requests stay responsive; progress goes to `$/progress` when the client can show it. A
 * newer run for the same root (configuration replaced) supersedes an older one.
 */
import * as path from 'node:path';
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { DEFAULT_MAX_FILE_SIZE, discoverFiles } from '@creepyline/core';
import type { Root, Roots } from './documents';
import type { ErrorReporter } from './errors';

/** Longest stretch of indexing before the event loop gets a turn. */
export const CHUNK_MS = 15;
/** Files handed to the core per call inside a chunk. */
const FILES_PER_CALL = 4;

/** Lets pending messages (requests, cancellations) run before the next chunk. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Indexes workspace folders in the background and single files when they change on disk. */
export class BackgroundIndexer {
  /** Run counter per root directory: a run stops when a newer one started. */
  private readonly runs = new Map<string, number>();
  /** Roots whose last run completed. */
  private readonly complete = new WeakSet<Root>();

  constructor(
    private readonly connection: Connection,
    private readonly roots: Roots,
    private readonly errors: ErrorReporter,
    private readonly canShowProgress: () => boolean,
    /** Called after a root's files were indexed (open documents should be re-validated). */
    private readonly onIndexed: (root: Root, files: number) => void,
  ) {}

  /** Whether the last index run of `root` finished. */
  isComplete(root: Root): boolean {
    return this.complete.has(root);
  }

  /** Indexes every analysable file of `root`; resolves when done or superseded. Never throws. */
  async indexRoot(root: Root): Promise<void> {
    const run = (this.runs.get(root.dir) ?? 0) + 1;
    this.runs.set(root.dir, run);
    this.complete.delete(root);
    const current = () => this.runs.get(root.dir) === run && this.roots.isCurrent(root);
    const config = root.config;
    let progress: WorkDoneProgressServerReporter | undefined;
    await this.errors.guard(`Indexing ${root.dir}`, async () => {
      if (this.canShowProgress()) {
        progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
      }
      await yieldToEventLoop();
      if (!current()) return;
      const started = performance.now();
      const { files } = discoverFiles({
        root: root.dir, paths: ['.'], useIgnoreFiles: true,
        isIgnored: (file) => config.isIgnored(file), maxFileSize: DEFAULT_MAX_FILE_SIZE,
      });
      const name = path.basename(root.dir);
      progress?.begin('Creepyline: indexing', 0, `${name}: ${files.length} file(s)`, false);
      let done = 0;
      while (done < files.length) {
        // the configuration was replaced: a new run has been (or will be) started for it
        if (!current() || root.config !== config) return;
        const chunkStart = performance.now();
        while (done < files.length && performance.now() - chunkStart < CHUNK_MS) {
          const batch = files.slice(done, done + FILES_PER_CALL);
          root.workspace.indexFiles(batch);
          done += batch.length;
        }
        progress?.report(Math.round((done / Math.max(1, files.length)) * 100), `${name}: ${done}/${files.length} file(s)`);
        await yieldToEventLoop();
      }
      if (!current() || root.config !== config) return;
      this.complete.add(root);
      this.errors.info(`Indexed ${files.length} file(s) of ${root.dir} for cross-file analysis in ${Math.round(performance.now() - started)} ms.`);
      this.onIndexed(root, files.length);
    }, undefined);
    progress?.done();
  }

  /**
   * A file changed on disk (watched files): indexes its new text, or forgets it when it was
   * deleted or is excluded. Open documents are skipped (their editor text is what counts).
   * Returns the open documents' files whose findings may change.
   */
  fileChanged(file: string, deleted: boolean): { root: Root; affected: string[] } | undefined {
    const root = this.roots.existing(this.roots.rootDirFor(file));
    if (!root || this.roots.openDocumentOf(file)) return undefined;
    const before = root.workspace.dependentsOf(file);
    if (deleted || !this.roots.indexable(root, file)) root.workspace.forget(file);
    else root.workspace.indexFiles([file]);
    const after = root.workspace.dependentsOf(file);
    return { root, affected: [...new Set([...before, ...after])] };
  }
}
