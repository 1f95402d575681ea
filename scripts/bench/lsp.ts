/**
 * Edit latency over LSP: spawns the built language server over stdio, opens a document,
 * then sends `didChange` edits one at a time and times each until the `publishDiagnostics`
 * carrying that document version arrives. The client declares no pull-diagnostics
 * capability (so the server pushes, debounced) and answers `workspace/configuration` with
 * null (the server then uses its defaults). It shows work-done progress, so it can wait until
 * the server's background index of the workspace folder is complete before opening the document.
 *
 * Besides the wall time of each edit it reads the server process's CPU time (user + system, all
 * threads) from /proc on Linux: the CPU the server spent over the timed edits, everything
 * included (JSON-RPC, the incremental parse, the analysis, cross-file work, publishing, GC).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection,
} from 'vscode-jsonrpc/node';
import { now, summarize, type Summary } from './stats';

export interface LspMeasureOptions {
  /** Absolute path of server/dist/server.js. */
  serverScript: string;
  /** Absolute workspace folder. */
  root: string;
  /** Absolute path of the document (its text is sent, it need not exist on disk). */
  file: string;
  text: string;
  edits: number;
  warmup: number;
  /** Give up on one diagnostics message after this long. */
  timeoutMs?: number;
}

export interface LspMeasurement {
  /** didOpen → first diagnostics (the server validates a new document without debounce). */
  openMs: number;
  /** didChange → diagnostics of that version, debounce included. */
  edit: Summary;
  /**
   * Server CPU time (ms, user + system of the whole process) per timed edit: the total over the
   * timed edits divided by their number (/proc ticks are 10 ms, too coarse for one edit).
   * Undefined where /proc is not available.
   */
  serverCpuPerEdit?: number;
  /** Files the server's background index covered before the document was opened (from its progress message). */
  indexed?: string;
  /**
   * The server's own `analyzeFile` time per edit, from the `creepyline/status` notification
   * sent just before the diagnostics (`validationTime`, whole milliseconds); undefined when
   * the server sent no status.
   */
  serverAnalysis?: Summary;
  diagnostics: number;
}

interface PublishParams {
  uri: string;
  version?: number;
  diagnostics: unknown[];
}

/** End position of `text` in LSP terms (0-based line, UTF-16 character). */
/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ). */
let clockTicks: number | undefined;

/** CPU time (user + system, ms) of a process from /proc, or undefined where there is none. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined || process.platform !== 'linux') return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command name in parentheses (which may contain spaces): utime is the 14th, stime the 15th
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    clockTicks ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return undefined;
  }
}

function endPosition(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/** `promise`, or a rejection with `message()` after `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(message())), ms); });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

export async function measureLsp(options: LspMeasureOptions): Promise<LspMeasurement> {
  const { serverScript, root, file, edits, warmup } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const child = spawn(process.execPath, [...(process.env.CREEPYLINE_BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean), serverScript, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000); });
  const connection: MessageConnection = createMessageConnection(
    new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin),
  );
  const uri = pathToFileURL(file).href;
  const waiters = new Map<number, (p: PublishParams) => void>();
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishParams) => {
    if (p.uri !== uri || p.version === undefined) return;
    const waiter = waiters.get(p.version);
    if (waiter) {
      waiters.delete(p.version);
      waiter(p);
    }
  });
  let lastValidationTime: number | undefined;
  connection.onNotification('creepyline/status', (p: { uri?: string; validationTime?: number }) => {
    if (p.uri === uri && typeof p.validationTime === 'number') lastValidationTime = p.validationTime;
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
  // the background index reports through work-done progress: remember when it ends
  let indexed: string | undefined;
  let indexDone: () => void = () => undefined;
  const indexFinished = new Promise<void>((resolve) => { indexDone = resolve; });
  connection.onNotification('$/progress', (p: { value?: { kind?: string; message?: string } }) => {
    if (p.value?.message) indexed = p.value.message;
    if (p.value?.kind === 'end') indexDone();
  });
  connection.onRequest(() => null); // registerCapability, workDoneProgress/create, …
  connection.onNotification(() => undefined); // window/logMessage, creepyline/status, …
  connection.listen();

  const waitFor = (version: number): Promise<PublishParams> => new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      waiters.delete(version);
      reject(new Error(`no diagnostics for version ${version} within ${timeoutMs} ms; server stderr: ${stderr}`));
    }, timeoutMs);
    waiters.set(version, (p) => {
      clearTimeout(timer);
      resolve(p);
    });
  });

  try {
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'bench' }],
      capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await connection.sendNotification('initialized', {});
    await withTimeout(indexFinished, timeoutMs * 4, () => `the server's background index did not finish within ${timeoutMs * 4} ms; server stderr: ${stderr}`);

    let text = options.text;
    let version = 1;
    const opened = waitFor(version);
    const t0 = now();
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'typescriptreact', version, text },
    });
    const first = await opened;
    const openMs = now() - t0;

    const times: number[] = [];
    const analysisTimes: number[] = [];
    let diagnostics = first.diagnostics.length;
    let cpuStart: number | undefined;
    for (let i = 0; i < warmup + edits; i++) {
      if (i === warmup) cpuStart = processCpuMs(child.pid);
      const insert = `\n// bench edit ${i}`;
      const at = endPosition(text);
      text += insert;
      version++;
      const published = waitFor(version);
      lastValidationTime = undefined;
      const t = now();
      await connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: at, end: at }, text: insert }],
      });
      const p = await published;
      const elapsed = now() - t;
      diagnostics = p.diagnostics.length;
      if (i >= warmup) {
        times.push(elapsed);
        if (lastValidationTime !== undefined) analysisTimes.push(lastValidationTime);
      }
    }
    const cpuEnd = processCpuMs(child.pid);
    const serverCpuPerEdit = cpuStart !== undefined && cpuEnd !== undefined ? (cpuEnd - cpuStart) / edits : undefined;
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    // Let the server exit on its own (it writes --cpu-prof output on exit), at most 2 s.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2000);
      child.once('exit', () => { clearTimeout(timer); resolve(); });
    });
    const serverAnalysis = analysisTimes.length === times.length ? summarize(analysisTimes) : undefined;
    return { openMs, edit: summarize(times), serverAnalysis, serverCpuPerEdit, indexed, diagnostics };
  } finally {
    connection.dispose();
    if (child.exitCode === null) child.kill();
  }
}
