/**
 * Edit latency over LSP: spawns the built language server over stdio, opens a document,
 * then sends `didChange` edits one at a time and times each until the `publishDiagnostics`
 * carrying that document version arrives. The client declares no pull-diagnostics
 * capability (so the server pushes, debounced) and answers `workspace/configuration` with
 * null (the server then uses its defaults).
 */
import { spawn } from 'node:child_process';
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
function endPosition(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
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
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await connection.sendNotification('initialized', {});

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
    for (let i = 0; i < warmup + edits; i++) {
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
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    // Let the server exit on its own (it writes --cpu-prof output on exit), at most 2 s.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2000);
      child.once('exit', () => { clearTimeout(timer); resolve(); });
    });
    const serverAnalysis = analysisTimes.length === times.length ? summarize(analysisTimes) : undefined;
    return { openMs, edit: summarize(times), serverAnalysis, diagnostics };
  } finally {
    connection.dispose();
    if (child.exitCode === null) child.kill();
  }
}
