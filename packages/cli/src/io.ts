/** The streams and environment `main` works with, so tests can run the CLI in-process. */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Directory the command runs in: the analysis root, and the base of relative paths. */
  cwd: string;
  /** Environment (for `NO_COLOR` / `FORCE_COLOR`); defaults to `process.env`. */
  env?: Record<string, string | undefined>;
}

/**
 * Writes `text` to `target` atomically (reports, baselines, fixed source files): into a
 * temporary file beside it (same folder, so the same file system), flushed, then renamed over
 * the target, keeping the mode of an existing target. A reader sees the old file or the new
 * one, never half of one; a failure part-way leaves the old file as it was and no temporary
 * file behind.
 */
export function writeFileAtomic(target: string, text: string): void {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.creepyline-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let mode: number | undefined;
  try {
    mode = fs.statSync(target).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  try {
    const fd = fs.openSync(temp, 'wx', mode ?? 0o666);
    try {
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (mode !== undefined) fs.chmodSync(temp, mode);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
