/**
 * Command-line parsing for `creepyline`: a small table-driven parser (no dependency) so
 * that every option, its value check and its help line live in one place. Errors are
 * `UsageError`s with a one-line message (and a "did you mean" where a typo is likely);
 * `main` turns them into exit code 2.
 */
import { didYouMean } from './suggest';

/** Output formats of `check`. */
export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** Thresholds of `--fail-on`. */
export const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Default of `--max-file-size`: 1 MB. */
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/** A mistake on the command line: reported in one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Everything `check` needs, with defaults applied. */
export interface CheckOptions {
  paths: string[];
  format: Format;
  output?: string;
  config?: string;
  failOn: FailOn;
  /** Honour `.gitignore` files and the config's `ignore` globs. */
  ignore: boolean;
  /** Only these rule ids (empty = all). */
  rules: string[];
  maxFileSize: number;
  quiet: boolean;
  /** Text format: print the "why flagged" trace of each finding. */
  explain: boolean;
  /** `undefined` = decide from the terminal and `NO_COLOR`/`FORCE_COLOR`. */
  color?: boolean;
}

/** What the command line asks for. */
export type Command =
  | { kind: 'help'; topic?: 'check' }
  | { kind: 'version' }
  | { kind: 'check'; options: CheckOptions };

interface OptionSpec {
  name: string;
  short?: string;
  /** Placeholder of the value; absent for flags. */
  value?: string;
  help: string;
  apply(options: CheckOptions, value: string): void;
}

/** Parses sizes such as `1048576`, `500kb`, `2MB`, `1.5mb` into bytes. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(text.trim());
  if (!match) throw new UsageError(`Invalid size '${text}' for --max-file-size: use bytes or a unit, e.g. 500kb or 2mb.`);
  const unit = (match[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  const bytes = Math.round(Number(match[1]) * factor);
  if (bytes <= 0) throw new UsageError(`--max-file-size must be larger than 0 (got '${text}').`);
  return bytes;
}

/** Formats a byte count for messages: `1 MB`, `512 KB`, `300 B`. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${+(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

function oneOf<T extends string>(option: string, allowed: readonly T[], value: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(
    `Invalid value '${value}' for ${option}: expected one of ${allowed.join(', ')}.${didYouMean(value, allowed)}`,
  );
}

const CHECK_OPTIONS: OptionSpec[] = [
  {
    name: 'format', short: 'f', value: 'FORMAT', help: `Report format: ${FORMATS.join(' | ')} (default: text)`,
    apply: (o, v) => { o.format = oneOf('--format', FORMATS, v); },
  },
  {
    name: 'output', short: 'o', value: 'FILE', help: 'Write the report to FILE; a one-line summary still goes to stderr',
    apply: (o, v) => { o.output = v; },
  },
  {
    name: 'config', short: 'c', value: 'FILE', help: 'Use this configuration file instead of ./creepyline.json',
    apply: (o, v) => { o.config = v; },
  },
  {
    name: 'fail-on', value: 'LEVEL', help: `Exit 1 when a finding is at or above LEVEL: ${FAIL_ON.join(' | ')} (default: error)`,
    apply: (o, v) => { o.failOn = oneOf('--fail-on', FAIL_ON, v); },
  },
  {
    name: 'rule', short: 'r', value: 'ID', help: 'Report only this rule (repeatable, or comma-separated)',
    apply: (o, v) => {
      const ids = v.split(',').map((id) => id.trim()).filter(Boolean);
      if (ids.length === 0) throw new UsageError('--rule needs a rule id.');
      o.rules.push(...ids);
    },
  },
  {
    name: 'max-file-size', value: 'SIZE', help: 'Skip files larger than SIZE, e.g. 500kb, 2mb (default: 1mb)',
    apply: (o, v) => { o.maxFileSize = parseSize(v); },
  },
  {
    name: 'no-ignore', help: 'Do not honour .gitignore files and the config\'s ignore globs (node_modules and .git stay skipped)',
    apply: (o) => { o.ignore = false; },
  },
  {
    name: 'explain', help: 'Text format: show why each finding was flagged (the consent checks found and why none counted) and how to fix it',
    apply: (o) => { o.explain = true; },
  },
  {
    name: 'quiet', short: 'q', help: 'Report errors only (warnings and info are dropped before --fail-on applies)',
    apply: (o) => { o.quiet = true; },
  },
  { name: 'color', help: 'Force colored text output', apply: (o) => { o.color = true; } },
  { name: 'no-color', help: 'Disable colored text output (NO_COLOR is honoured too)', apply: (o) => { o.color = false; } },
  { name: 'help', short: 'h', help: 'Show this help', apply: () => undefined },
];

const COMMANDS = ['check', 'help'];

/** The top-level help text. */
export function generalHelp(version: string): string {
  return [
    `creepyline ${version} — GDPR checks for marketing code`,
    '',
    'Usage:',
    '  creepyline check [paths...] [options]   Analyse files and directories (default: .)',
    '  creepyline --version                    Print the version',
    '  creepyline --help | creepyline check --help',
    '',
    'Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,',
    '            2 usage or configuration error.',
    '',
    'Run `creepyline check --help` for the options of check.',
    '',
  ].join('\n');
}

/** The help text of `check`, generated from the option table. */
export function checkHelp(): string {
  const lines = CHECK_OPTIONS.map((spec) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${spec.name}${spec.value ? ` ${spec.value}` : ''}`;
    return `  ${flag.padEnd(28)} ${spec.help}`;
  });
  return [
    'Usage: creepyline check [paths...] [options]',
    '',
    'Analyses JavaScript, TypeScript, HTML and CSS files under the given paths (default: .),',
    'honouring .gitignore files and the ignore globs of creepyline.json.',
    '',
    'Options:',
    ...lines,
    '',
    'Exit codes:',
    '  0  no finding at or above --fail-on',
    '  1  at least one finding at or above --fail-on',
    '  2  usage error, or a configuration problem (reported on stderr; the analysis still',
    '     runs with the defaults for the broken part and its report is printed)',
    '',
    'Examples:',
    '  creepyline check src --format sarif --output creepyline.sarif',
    '  creepyline check . --rule tracking-without-consent --fail-on warning',
    '',
  ].join('\n');
}

function defaults(): CheckOptions {
  return {
    paths: [], format: 'text', failOn: 'error', ignore: true, rules: [],
    maxFileSize: DEFAULT_MAX_FILE_SIZE, quiet: false, explain: false,
  };
}

function findOption(token: string): OptionSpec | undefined {
  if (token.startsWith('--')) return CHECK_OPTIONS.find((spec) => spec.name === token.slice(2));
  return CHECK_OPTIONS.find((spec) => spec.short === token.slice(1));
}

/** Parses `argv` (without `node` and the script). Throws `UsageError`. */
export function parseArgs(argv: readonly string[]): Command {
  const first = argv[0];
  if (first === undefined) throw new UsageError('Missing command. Run `creepyline --help` for usage.');
  if (first === '--version' || first === '-v') return { kind: 'version' };
  if (first === '--help' || first === '-h') return { kind: 'help' };
  if (first === 'help') return argv[1] === 'check' ? { kind: 'help', topic: 'check' } : { kind: 'help' };
  if (first !== 'check') {
    const what = first.startsWith('-') ? `option '${first}'` : `command '${first}'`;
    throw new UsageError(`Unknown ${what}.${didYouMean(first, [...COMMANDS, '--help', '--version'])} Run \`creepyline --help\` for usage.`);
  }

  const options = defaults();
  let onlyPaths = false;
  for (let i = 1; i < argv.length; i++) {
    const token = argv[i];
    if (onlyPaths || token === '-' || !token.startsWith('-')) {
      options.paths.push(token);
      continue;
    }
    if (token === '--') {
      onlyPaths = true;
      continue;
    }
    if (token === '--help' || token === '-h') return { kind: 'help', topic: 'check' };
    if (token === '--version') return { kind: 'version' };
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const name = eq === -1 ? token : token.slice(0, eq);
    const spec = findOption(name);
    if (!spec) {
      const known = CHECK_OPTIONS.map((s) => `--${s.name}`);
      throw new UsageError(`Unknown option '${name}'.${didYouMean(name, known)} Run \`creepyline check --help\` for the options.`);
    }
    if (spec.value === undefined) {
      if (eq !== -1) throw new UsageError(`Option --${spec.name} takes no value.`);
      spec.apply(options, '');
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = token.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith('-') && value !== '-')) {
        throw new UsageError(`Option --${spec.name} needs a value (${spec.value}).`);
      }
      i++;
    }
    if (value === '') throw new UsageError(`Option --${spec.name} needs a value (${spec.value}).`);
    spec.apply(options, value);
  }
  if (options.paths.length === 0) options.paths.push('.');
  options.rules = [...new Set(options.rules)];
  return { kind: 'check', options };
}
