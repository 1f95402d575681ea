/**
 * A minimal LSP client for the server tests: spawns the bundled server over stdio and
 * speaks JSON-RPC with vscode-jsonrpc. It answers the requests a real client answers
 * (configuration, registrations, progress), records notifications, and records every
 * `window/showMessage*` as unexpected: the server must never pop messages at the user.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection, StreamMessageReader, StreamMessageWriter, type CancellationToken, type MessageConnection,
} from 'vscode-jsonrpc/node';

/** Repository root (this file is server/test/fakeClient.ts). */
export const REPO = path.resolve(__dirname, '..', '..');
/** The bundled server the tests run. */
export const SERVER_JS = path.join(REPO, 'server', 'dist', 'server.js');

/** An LSP position. */
export interface Position { line: number; character: number }
/** An LSP range. */
export interface Range { start: Position; end: Position }
/** An LSP text edit. */
export interface LspTextEdit { range: Range; newText: string }
/** An LSP diagnostic as far as the tests look at it. */
export interface Diagnostic {
  range: Range;
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
  codeDescription?: { href: string };
  data?: { fingerprint: string; version: number };
  relatedInformation?: unknown[];
}
/** An LSP code action as far as the tests look at it. */
export interface CodeAction {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  diagnostics?: Diagnostic[];
  edit?: {
    changes?: Record<string, LspTextEdit[]>;
    documentChanges?: { textDocument: { uri: string; version: number | null }; edits: LspTextEdit[] }[];
  };
  command?: { title: string; command: string; arguments?: unknown[] };
}

/** The 0-based LSP position of the first occurrence of `needle` in `text` (plus `delta` characters). */
export function position(text: string, needle: string, delta = 0): Position {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" not found in the test text`);
  return positionAtOffset(text, index + delta);
}

/** The LSP position of a UTF-16 offset. */
export function positionAtOffset(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

/** The UTF-16 offset of an LSP position. */
export function offsetAt(text: string, pos: Position): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < pos.line; i++) offset += lines[i]!.length + 1;
  return offset + pos.character;
}

/** Applies LSP text edits (non-overlapping, all against `text`) and returns the new text. */
export function applyEdits(text: string, edits: readonly LspTextEdit[]): string {
  const resolved = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const e of resolved) result = result.slice(0, e.start) + e.text + result.slice(e.end);
  return result;
}

/** The edits a code action makes to `uri`, whichever WorkspaceEdit shape the server chose. */
export function editsFor(action: CodeAction, uri: string): LspTextEdit[] {
  if (action.edit?.documentChanges) {
    return action.edit.documentChanges.filter((c) => c.textDocument.uri === uri).flatMap((c) => c.edits);
  }
  return action.edit?.changes?.[uri] ?? [];
}

/** Options of {@link FakeClient.start}. */
export interface StartOptions {
  rootDir: string;
  /** Advertise `textDocument.diagnostic` (pull diagnostics). */
  pull?: boolean;
  /** Answer to each `workspace/configuration` item (`null` = what Neovim answers). */
  configuration?: unknown;
  /** Advertise `workspace.workspaceEdit.documentChanges`. */
  documentChanges?: boolean;
  /** Node options for the server process, e.g. `['--expose-gc']`. */
  nodeArgs?: string[];
}

type Waiter = { check: () => boolean; resolve: () => void };

/** The fake client. */
export class FakeClient {
  readonly diagnostics = new Map<string, Diagnostic[][]>();
  /** The document version of each `publishDiagnostics` (parallel to `diagnostics`; `undefined` when the server sent none). */
  readonly diagnosticVersions = new Map<string, (number | undefined)[]>();
  readonly statuses: { uri: string; state: string; findings: number; skippedReason?: string }[] = [];
  readonly logs: string[] = [];
  readonly unexpected: unknown[] = [];
  stderr = '';
  private readonly waiters = new Set<Waiter>();
  private exited = false;
  initializeResult: any;
  /** The answer to every `workspace/configuration` item; change it, then send `workspace/didChangeConfiguration`. */
  configuration: unknown = {};
  /** While set, `workspace/configuration` answers only after it resolves (to pause the server mid-validation). */
  holdConfiguration: Promise<void> | undefined;
  /** `scopeUri` of every configuration item asked for. */
  readonly configurationRequests: string[] = [];
  /** Tokens of `window/workDoneProgress/create` requests. */
  readonly progressTokens: (string | number)[] = [];
  /** Every `$/progress` notification. */
  readonly progress: { token: string | number; value: { kind: string; message?: string } }[] = [];

  private constructor(readonly process: ChildProcessWithoutNullStreams, readonly connection: MessageConnection) {}

  /** Spawns the server and runs `initialize`/`initialized`. */
  static async start(options: StartOptions): Promise<FakeClient> {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_JS, '--stdio'], { cwd: options.rootDir, stdio: 'pipe' });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new FakeClient(child, connection);
    child.stderr.on('data', (d) => { client.stderr += String(d); });
    child.on('exit', () => { client.exited = true; client.notify(); });
    client.configuration = options.configuration === undefined ? {} : options.configuration;
    connection.onRequest('workspace/configuration', async (params: { items: { scopeUri?: string }[] }) => {
      client.configurationRequests.push(...params.items.map((i) => i.scopeUri ?? ''));
      client.notify();
      if (client.holdConfiguration) await client.holdConfiguration;
      return params.items.map(() => client.configuration);
    });
    connection.onRequest('window/workDoneProgress/create', (params: { token: string | number }) => {
      client.progressTokens.push(params.token);
      return null;
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/showMessageRequest', (params) => { client.unexpected.push(params); return null; });
    connection.onNotification('window/showMessage', (params) => { client.unexpected.push(params); });
    connection.onNotification('window/logMessage', (params: { message: string }) => { client.logs.push(params.message); });
    connection.onNotification('$/progress', (params: { token: string | number; value: { kind: string; message?: string } }) => {
      client.progress.push(params);
      client.notify();
    });
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
      const list = client.diagnostics.get(params.uri) ?? [];
      list.push(params.diagnostics);
      client.diagnostics.set(params.uri, list);
      const versions = client.diagnosticVersions.get(params.uri) ?? [];
      versions.push(params.version);
      client.diagnosticVersions.set(params.uri, versions);
      client.notify();
    });
    connection.onNotification('creepyline/status', (params) => {
      client.statuses.push(params);
      client.notify();
    });
    connection.listen();
    const rootUri = pathToUri(options.rootDir);
    client.initializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(options.rootDir) }],
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: options.documentChanges === true },
        },
        textDocument: {
          publishDiagnostics: { relatedInformation: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
          ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        },
        window: { workDoneProgress: true },
      },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.check()) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  /** Resolves when `check` holds (re-checked on every notification); rejects after `timeoutMs` with `describe()`. */
  waitFor(check: () => boolean, describe: () => string, timeoutMs = 15000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check: () => check() || this.exited,
        resolve: () => {
          clearTimeout(timer);
          if (check()) resolve();
          else reject(new Error(`server exited while waiting: ${describe()}\n${this.stderr}`));
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms: ${describe()}\nserver log:\n${this.logs.join('\n')}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Waits for the next `publishDiagnostics` for `uri` after the `seen`-th one, returning it. */
  async nextDiagnostics(uri: string, seen: number): Promise<Diagnostic[]> {
    await this.waitFor(
      () => (this.diagnostics.get(uri)?.length ?? 0) > seen,
      () => `publishDiagnostics #${seen + 1} for ${uri} (got ${this.diagnostics.get(uri)?.length ?? 0})`,
    );
    return this.diagnostics.get(uri)![seen]!;
  }

  /** How many `publishDiagnostics` arrived for `uri` so far. */
  published(uri: string): number {
    return this.diagnostics.get(uri)?.length ?? 0;
  }

  open(uri: string, languageId: string, text: string, version = 1): void {
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, text: string): void {
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The last diagnostics pushed for `uri` (`undefined` before the first push). */
  last(uri: string): Diagnostic[] | undefined {
    return this.diagnostics.get(uri)?.at(-1);
  }

  request<T>(method: string, params: unknown, token?: CancellationToken): Promise<T> {
    return (token ? this.connection.sendRequest(method, params, token) : this.connection.sendRequest(method, params)) as Promise<T>;
  }

  /** Sends `workspace/didChangeConfiguration` (the server then asks `workspace/configuration` again). */
  configurationChanged(): void {
    void this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  /** Sends `workspace/didChangeWatchedFiles` (type 1 created, 2 changed, 3 deleted). */
  filesChanged(changes: { uri: string; type: 1 | 2 | 3 }[]): void {
    void this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  /** Shuts the server down politely and waits for the process to end. */
  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await this.connection.sendRequest('shutdown');
        await this.connection.sendNotification('exit');
      } catch {
        // already gone
      }
      await this.waitFor(() => this.exited, () => 'server exit', 5000).catch(() => this.process.kill());
    }
    this.connection.dispose();
  }
}

/** `file:` uri of an absolute path. */
export function pathToUri(file: string): string {
  return pathToFileURL(file).toString();
}
