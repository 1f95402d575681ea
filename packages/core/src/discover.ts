/**
 * File discovery (the CLI's `creepyline check` and the language server's background
 * index): walks the given files and directories, keeps the
 * languages core analyses, honours `.gitignore` files (at the root and nested, git's
 * semantics through the `ignore` package) and the configuration's `ignore` globs, always
 * skips `node_modules` and `.git`, and sets aside binary and oversized files with a reason.
 * The result is sorted so that reports are deterministic.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Extensions core analyses: the JS/TS family, HTML and CSS, Vue/Svelte/Astro components. */
export const ANALYSED_EXTENSIONS: ReadonlySet<string> = new Set([
  '.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts', '.html', '.htm', '.css',
  '.vue', '.svelte', '.astro',
]);

/** Directories never entered, whatever the ignore files say. */
const ALWAYS_SKIPPED_DIRS = new Set(['node_modules', '.git']);

/** How many leading bytes are searched for a NUL byte to call a file binary (as git does). */
const BINARY_SNIFF_BYTES = 8000;

export interface DiscoverOptions {
  /** Absolute root: reported paths are relative to it, `.gitignore` files are read from it down. */
  root: string;
  /** Files or directories, absolute or relative to `root`. */
  paths: readonly string[];
  /** Honour `.gitignore` files and `isIgnored`. */
  useIgnoreFiles: boolean;
  /** The configuration's ignore test (absolute path). */
  isIgnored?: (absFile: string) => boolean;
  maxFileSize: number;
  /** How the size limit is named in skip reasons (the CLI says `--max-file-size`). */
  sizeLimitName?: string;
  /** Appended to the reason of an explicitly named but ignored file (the CLI says ` (use --no-ignore)`). */
  ignoredHint?: string;
}

export interface DiscoveredSkip {
  /** Absolute path. */
  file: string;
  reason: string;
}

export interface Discovery {
  /** Absolute paths to analyse, sorted by their path relative to the root. */
  files: string[];
  /** Files set aside, with the reason, sorted likewise. */
  skipped: DiscoveredSkip[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
}

/** `a/b/c.ts` relative to root with forward slashes (absolute when outside the root). */
export function displayPath(root: string, absFile: string): string {
  const relative = path.relative(root, absFile);
  const shown = relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? absFile : relative;
  return shown.split(path.sep).join('/');
}

/** `2.9 KB`, `1 MB`: a byte count for messages. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${+(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

/** `true` when the first bytes of the file contain a NUL byte. */
export function looksBinary(absFile: string): boolean {
  const handle = fs.openSync(absFile, 'r');
  try {
    return sniffBinary(handle);
  } finally {
    fs.closeSync(handle);
  }
}

/** Whether the first bytes behind an open file handle contain a NUL byte. */
function sniffBinary(handle: number): boolean {
  const buffer = Buffer.alloc(BINARY_SNIFF_BYTES);
  const read = fs.readSync(handle, buffer, 0, buffer.length, 0);
  return buffer.subarray(0, read).includes(0);
}

/** The `.gitignore` rules of one directory. */
interface IgnoreLayer {
  dir: string;
  rules: Ignore;
}

function readGitignore(dir: string): IgnoreLayer | undefined {
  let text: string;
  const file = path.join(dir, '.gitignore');
  // most folders have none: asked without building an exception for them
  if (!fs.existsSync(file)) return undefined;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return { dir, rules: ignore().add(text) };
}

/** Whether any layer ignores `abs` (`isDir` adds the trailing slash git matches directories with). */
function ignoredByLayers(layers: readonly IgnoreLayer[], abs: string, isDir: boolean): boolean {
  let ignored = false;
  // Deeper .gitignore files override shallower ones, as in git: the last layer that
  // has an opinion (ignore or negated re-include) wins.
  for (const layer of layers) {
    const relative = path.relative(layer.dir, abs).split(path.sep).join('/');
    if (relative === '' || relative.startsWith('..')) continue;
    const result = layer.rules.test(isDir ? `${relative}/` : relative);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

/** The `.gitignore` layers of `root` and every directory from it down to `dir` (inclusive). */
function layersFor(root: string, dir: string): IgnoreLayer[] {
  const chain: string[] = [];
  const relative = path.relative(root, dir);
  if (relative.startsWith('..') || path.isAbsolute(relative)) chain.push(dir);
  else {
    let current = root;
    chain.push(current);
    for (const part of relative.split(path.sep).filter(Boolean)) {
      current = path.join(current, part);
      chain.push(current);
    }
  }
  return chain.map(readGitignore).filter((layer): layer is IgnoreLayer => layer !== undefined);
}

/** Finds the files to analyse under `options.paths`. Never throws for unreadable entries. */
export function discoverFiles(options: DiscoverOptions): Discovery {
  const files = new Map<string, string>();
  const skipped = new Map<string, DiscoveredSkip>();
  const missing: string[] = [];
  const { root } = options;

  const skip = (file: string, reason: string) => {
    if (!files.has(file)) skipped.set(file, { file, reason });
  };

  const isIgnored = (abs: string, layers: readonly IgnoreLayer[], isDir: boolean): boolean =>
    options.useIgnoreFiles &&
    (ignoredByLayers(layers, abs, isDir) || (!isDir && options.isIgnored !== undefined && options.isIgnored(abs)));

  // The size (when not known from a stat already) and the binary sniff come from one open
  // handle: no lookup of the path by name besides the open.
  const consider = (abs: string, knownSize?: number) => {
    let reason: string | undefined;
    try {
      const handle = fs.openSync(abs, 'r');
      try {
        const size = knownSize ?? fs.fstatSync(handle).size;
        if (size > options.maxFileSize) {
          reason = `file is ${formatSize(size)}, larger than ${options.sizeLimitName ?? 'the size limit'} ${formatSize(options.maxFileSize)}`;
        } else if (sniffBinary(handle)) reason = 'binary file (contains a NUL byte)';
      } finally {
        fs.closeSync(handle);
      }
    } catch (error) {
      reason = `unreadable: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
    }
    if (reason !== undefined) {
      skip(abs, reason);
      return;
    }
    skipped.delete(abs);
    files.set(abs, abs);
  };

  const walk = (dir: string, layers: IgnoreLayer[]) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      skip(dir, `unreadable directory: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      return;
    }
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED_DIRS.has(entry.name) || isIgnored(abs, layers, true)) continue;
        const own = options.useIgnoreFiles ? readGitignore(abs) : undefined;
        walk(abs, own ? [...layers, own] : layers);
        continue;
      }
      // Symbolic links to files are followed; links to directories are not (no cycles).
      if (entry.isFile()) {
        // a regular file is not stat-ed by name: consider() takes its size from the open handle
        if (!ANALYSED_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) continue;
        if (isIgnored(abs, layers, false)) continue;
        consider(abs);
        continue;
      }
      if (!entry.isSymbolicLink()) continue;
      const target = statOrSkip(abs);
      if (!target || !target.isFile()) continue;
      if (!ANALYSED_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) continue;
      if (isIgnored(abs, layers, false)) continue;
      consider(abs, target.size);
    }
  };

  const statOrSkip = (abs: string): fs.Stats | undefined => {
    try {
      return fs.statSync(abs);
    } catch (error) {
      skip(abs, `unreadable: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      return undefined;
    }
  };

  for (const given of options.paths) {
    const abs = path.resolve(root, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      missing.push(given);
      continue;
    }
    if (stat.isDirectory()) {
      const layers = options.useIgnoreFiles ? layersFor(root, abs) : [];
      walk(abs, layers);
    } else if (stat.isFile()) {
      // A file named explicitly is analysed whatever its extension is, unless ignored:
      // then it is reported as skipped so the user learns why nothing was found.
      const layers = options.useIgnoreFiles ? layersFor(root, path.dirname(abs)) : [];
      if (isIgnored(abs, layers, false)) skip(abs, `ignored by .gitignore or the configuration's ignore globs${options.ignoredHint ?? ''}`);
      else if (!ANALYSED_EXTENSIONS.has(path.extname(abs).toLowerCase())) skip(abs, `unsupported file type '${path.extname(abs) || '(none)'}'`);
      else consider(abs, stat.size);
    }
  }

  const byDisplay = (a: string, b: string) => {
    const x = displayPath(root, a);
    const y = displayPath(root, b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  return {
    files: [...files.keys()].sort(byDisplay),
    skipped: [...skipped.values()].sort((a, b) => byDisplay(a.file, b.file)),
    missing,
  };
}
