/** The streams and environment `main` works with, so tests can run the CLI in-process. */
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
