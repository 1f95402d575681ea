/**
 * Entry of a worker thread of `creepyline check --jobs N` (see pool.ts): builds the main
 * thread's Workspace again from `workerData` (same configuration, file size limit and ignore
 * handling, hence the same store keys), then answers each `{ file }` message with the file's
 * facts as the JSON a cache entry holds, or without facts when the syntax pass failed (the main
 * thread then analyses the file itself and skips it with the usual reason). With the cache on,
 * the worker writes the entry itself (atomically, as the main thread does). Bundled by
 * scripts/build.mjs into packages/cli/dist/worker.js, next to the CLI bundle.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Workspace, loadConfig, type FactsStore, type StoredFacts } from '@creepyline/core';
import { DiskFactsStore } from './cache';
import { checkConfig, type WorkerReply, type WorkerSetup } from './pool';

const setup = workerData as WorkerSetup;
const port = parentPort!;

/**
 * Test-only fault injection (`CREEPYLINE_TEST_WORKER_FAULT=<kind>:<file name suffix>`), to prove
 * that a dying worker neither hangs nor ends the run: `exit` ends the thread, `throw` raises an
 * uncaught error in it, `start` fails before the first file (any file).
 */
const [faultKind, faultSuffix] = setup.fault ? [setup.fault.slice(0, setup.fault.indexOf(':')), setup.fault.slice(setup.fault.indexOf(':') + 1)] : [];
if (faultKind === 'start') throw new Error('injected start-up fault');

const disk = setup.cache ? new DiskFactsStore(setup.cache.dir, setup.cache.tool) : undefined;

/** Keeps what the syntax pass saves for the current file; the main thread already knows the cache has nothing. */
class Capture implements FactsStore {
  saved?: { key: string; facts: StoredFacts };
  load(): undefined {
    return undefined;
  }
  save(key: string, facts: StoredFacts): void {
    this.saved = { key, facts };
  }
}

const capture = new Capture();
const loaded = loadConfig({ root: setup.root, ...(setup.configPath !== undefined ? { configPath: setup.configPath } : {}) });
const workspace = new Workspace({ root: setup.root, config: checkConfig(loaded, setup.ignore), maxFileSize: setup.maxFileSize, factsStore: capture });

port.on('message', ({ file }: { file: string }) => {
  if (faultKind && faultSuffix && file.endsWith(faultSuffix)) {
    if (faultKind === 'exit') process.exit(70);
    if (faultKind === 'throw') throw new Error(`injected fault on ${faultSuffix}`);
  }
  capture.saved = undefined;
  workspace.indexFiles([file]);
  const saved = capture.saved as Capture['saved'];
  // facts are plain data and the main thread holds them now: the worker keeps nothing
  workspace.forget(file);
  let reply: WorkerReply = { file };
  if (saved) {
    reply = { file, key: saved.key, facts: JSON.stringify(saved.facts) };
    if (disk) {
      const before = disk.stats.writes;
      disk.save(saved.key, saved.facts);
      if (disk.stats.writes > before) reply.wrote = true;
      else reply.writeError = true;
    }
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true } satisfies WorkerReply);
