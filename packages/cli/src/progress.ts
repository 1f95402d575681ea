/**
 * A one-line progress bar on stderr for long runs: files parsed / total, the folder being
 * read, and an estimate of the time left. Shown only on an interactive terminal and never
 * under CI (`CI` set and not `false`/`0`) or when stderr is piped, unless `--progress`
 * forces it; `--no-progress` turns it off. Redraws at most every 100 ms and erases itself
 * before the report is written.
 */
import * as path from 'node:path';
import type { OutputStream } from './io';

/** Whether to show the bar: `--progress`/`--no-progress` win, else TTY and not CI. */
export function shouldShowProgress(flag: boolean | undefined, stderr: OutputStream, env: Record<string, string | undefined>): boolean {
  if (flag !== undefined) return flag;
  const ci = env.CI;
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') return false;
  return stderr.isTTY === true;
}

const WIDTH = 24;

/** Seconds as `1m05s` / `12s`. */
export function formatEta(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** The bar line for `done` of `total` files (pure, for tests). */
export function progressLine(done: number, total: number, folder: string, elapsedMs: number, columns = 100): string {
  const ratio = total === 0 ? 1 : done / total;
  const filled = Math.round(ratio * WIDTH);
  const eta = done > 0 && done < total ? ` ETA ${formatEta(((elapsedMs / done) * (total - done)) / 1000)}` : '';
  const head = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total} files${eta}`;
  const room = columns - head.length - 3;
  const shown = room <= 3 ? '' : folder.length > room ? `…${folder.slice(folder.length - room + 1)}` : folder;
  return shown ? `${head}  ${shown}` : head;
}

/** A progress bar writing to `stream`; a no-op when disabled. */
export class Progress {
  private last = 0;
  private started = Date.now();
  private drawn = false;

  constructor(private readonly stream: OutputStream, readonly enabled: boolean, private readonly root: string) {}

  /** Reports that `done` of `total` files are parsed, the last one being `file`. */
  update(done: number, total: number, file: string): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (done < total && now - this.last < 100) return;
    this.last = now;
    const folder = path.relative(this.root, path.dirname(file)).split(path.sep).join('/') || '.';
    const columns = (this.stream as { columns?: number }).columns ?? 100;
    this.stream.write(`\r\x1b[2K${progressLine(done, total, folder, now - this.started, columns)}`);
    this.drawn = true;
  }

  /** Shows a phase name (e.g. "checking rules") in place of the bar. */
  phase(text: string): void {
    if (!this.enabled) return;
    this.stream.write(`\r\x1b[2K${text}`);
    this.drawn = true;
  }

  /** Erases the bar. */
  done(): void {
    if (this.enabled && this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
