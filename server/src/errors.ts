/**
 * Failure handling: every handler runs inside `guard`, so a failure becomes one log line
 * (plus a status for the document) and a neutral answer, never a crashed server.
 *
 * Known failures are reported once per key (file + kind) until watched files change,
 * like vscode-eslint's `ErrorHandlers`; only the generic last handler logs a stack.
 */
import type { Connection } from 'vscode-languageserver/node';

/** A failure the server understands well enough to explain without a stack. */
export class KnownError extends Error {
  constructor(
    message: string,
    /** Key under which the failure is reported once (e.g. `config:/path/creepyline.json`). */
    readonly key: string,
  ) {
    super(message);
    this.name = 'KnownError';
  }
}

/** Logs through the connection's console and remembers what was already said. */
export class ErrorReporter {
  private readonly reported = new Set<string>();

  constructor(private readonly connection: Connection) {}

  /** An informational line in the output channel. */
  info(message: string): void {
    this.connection.console.info(message);
  }

  /** A warning line in the output channel. */
  warn(message: string): void {
    this.connection.console.warn(message);
  }

  /** Logs `message` at most once per `key` until {@link reset}. Returns whether it was logged. */
  once(key: string, message: string, level: 'warn' | 'error' = 'warn'): boolean {
    if (this.reported.has(key)) return false;
    this.reported.add(key);
    if (level === 'error') this.connection.console.error(message);
    else this.connection.console.warn(message);
    return true;
  }

  /** Forgets what was reported (watched config files changed, so the user may have fixed it). */
  reset(): void {
    this.reported.clear();
  }

  /**
   * Reports a failure of `what` (for example "validating file:///a.ts"): known errors once
   * without stack; anything else with its stack (the generic last handler).
   */
  report(what: string, error: unknown): void {
    if (error instanceof KnownError) {
      this.once(error.key, `${what} failed: ${error.message}`);
      return;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.connection.console.error(
      `${what} failed. This is a bug in Creepyline; please report it with the file that triggers it.\n${detail}`,
    );
  }

  /**
   * Runs `fn`; on failure reports once and returns `fallback`. Used to wrap every LSP
   * handler (diagnostics handlers pass an empty report as fallback).
   */
  async guard<T>(what: string, fn: () => T | Promise<T>, fallback: T): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      this.report(what, error);
      return fallback;
    }
  }

  /** Synchronous variant of {@link guard}. */
  guardSync<T>(what: string, fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (error) {
      this.report(what, error);
      return fallback;
    }
  }
}

/** A short description of an error for status details (first line of the message). */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n', 1)[0]!.slice(0, 200);
}
