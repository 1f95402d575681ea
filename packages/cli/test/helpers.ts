/** Test helpers: throwaway project directories and running the real `creepyline` bin. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../src/main';

/** Repository root (tests run from anywhere). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const BIN = path.join(REPO_ROOT, 'packages', 'cli', 'bin', 'creepyline.js');

/** Creates a temp directory with `files` (path → text or bytes); returns its path. */
export function makeProject(files: Record<string, string | Buffer>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-cli-')));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

export function removeProject(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node packages/cli/bin/creepyline.js ...args` in `cwd`. */
export function runCli(args: string[], cwd: string, env: Record<string, string | undefined> = {}): RunResult {
  // The sources under test, not a possibly stale dist/ bundle (see bin/creepyline.js).
  env = { CREEPYLINE_FROM_SOURCE: '1', ...env };
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env },
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Top-level tracker call: `tracking-without-consent` at error. */
export const UNGATED_TRACKER = "gtag('event', 'page_view');\n";
/** The same call inside a Cookiebot consent check: no finding. */
export const GATED_TRACKER = "if (Cookiebot.consent.statistics) {\n  gtag('event', 'page_view');\n}\n";

/** Runs the CLI in-process (`main`); resolves to the exit code and the streams' text. */
export async function runMain(args: string[], cwd = REPO_ROOT, env: Record<string, string> = { NO_COLOR: '1' }): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd,
    env,
  });
  return { code, stdout, stderr };
}
