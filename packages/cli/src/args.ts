/**
 * Command-line parsing for `creepyline`: a small table-driven parser (no dependency) so
 * that every option, its value check and its help line live in one place. Errors are
 * `UsageError`s with a one-line message (and a "did you mean" where a typo is likely);
 * `main` turns them into exit code 2.
 */
import { didYouMean } from './suggest';

/** Output formats of `check`. */
export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'html', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

/** Output formats of `inventory`. */
export const INVENTORY_FORMATS = ['markdown', 'json', 'html'] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

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
  /** Rule ids not to run (`--skip-rule`). */
  skipRules: string[];
  /** Known findings to leave out (`--baseline FILE`). */
  baseline?: string;
  /** Write the findings to this baseline file (`--write-baseline FILE`). */
  writeBaseline?: string;
  /** Report only findings on lines changed since this git ref. */
  changedSince?: string;
  /** Exit 1 when there are more warnings than this. */
  maxWarnings?: number;
  /** Apply safe fixes to the files. */
  fix: boolean;
  /** Print the diff the safe fixes would make, change nothing. */
  fixDryRun: boolean;
  /** Analyse only the i-th of n deterministic parts of the file list (1-based). */
  shard?: { index: number; count: number };
  /** Progress bar on stderr: `undefined` = when stderr is a TTY and not under CI. */
  progress?: boolean;
  /** Keep per-file facts in the cache on disk between runs (`--no-cache` turns it off). */
  cache: boolean;
  /** The cache folder (`--cache-location`); default `$XDG_CACHE_HOME/creepyline` or `~/.cache/creepyline`. */
  cacheLocation?: string;
  /** Worker threads for the per-file syntax pass (`--jobs`): a count, or `auto` (see `pool.ts`). Omitted = 1. */
  jobs?: number | 'auto';
}

/** What the command line asks for. */
export type Command =
  | { kind: 'help'; topic?: HelpTopic }
  | { kind: 'version' }
  | { kind: 'check'; options: CheckOptions }
  | { kind: 'inventory'; options: InventoryOptions }
  | { kind: 'rules'; format: 'text' | 'json' }
  | { kind: 'explain'; rule: string }
  | { kind: 'init'; force: boolean; config?: string }
  | { kind: 'merge-sarif'; inputs: string[]; output?: string };

/** Everything `inventory` needs: the analysis options of `check` plus the notice to compare. */
export interface InventoryOptions extends Omit<CheckOptions, 'format'> {
  format: InventoryFormat;
  /** The privacy notice to compare with the code (overrides `privacyNotice` in creepyline.json). */
  notice?: string;
}

/** Commands with their own help page. */
export type HelpTopic = 'check' | 'rules' | 'explain' | 'init' | 'merge-sarif' | 'inventory';

interface OptionSpec<T = CheckOptions> {
  name: string;
  short?: string;
  /** Placeholder of the value; absent for flags. */
  value?: string;
  help: string;
  apply(options: T, value: string): void;
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

/** Parses `--shard 2/4` into `{ index: 2, count: 4 }` (1 ≤ index ≤ count). */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`Invalid value '${text}' for --shard: expected I/N with 1 ≤ I ≤ N, e.g. 1/4.`);
  }
  return { index, count };
}

/** Largest `--jobs` count accepted (each worker holds its own parser and about 100 MB). */
export const MAX_JOBS = 256;

/** Parses `--jobs`: `auto` or a whole number from 1 to {@link MAX_JOBS}. */
export function parseJobs(text: string): number | 'auto' {
  const value = text.trim();
  if (value === 'auto') return 'auto';
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_JOBS) {
    throw new UsageError(`Invalid value '${text}' for --jobs: expected auto or a whole number from 1 to ${MAX_JOBS}.`);
  }
  return Number(value);
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
    name: 'skip-rule', value: 'ID', help: 'Do not run this rule (repeatable, or comma-separated)',
    apply: (o, v) => {
      const ids = v.split(',').map((id) => id.trim()).filter(Boolean);
      if (ids.length === 0) throw new UsageError('--skip-rule needs a rule id.');
      o.skipRules.push(...ids);
    },
  },
  {
    name: 'baseline', value: 'FILE', help: 'Leave out the findings recorded in this baseline file; report its stale entries',
    apply: (o, v) => { o.baseline = v; },
  },
  {
    name: 'write-baseline', value: 'FILE', help: 'Record the current findings in FILE (keeps statuses and reasons of entries that still match)',
    apply: (o, v) => { o.writeBaseline = v; },
  },
  {
    name: 'changed-since', value: 'REF', help: 'Report only findings on lines changed since the git REF (committed, staged, unstaged and untracked changes)',
    apply: (o, v) => { o.changedSince = v; },
  },
  {
    name: 'max-warnings', value: 'N', help: 'Exit 1 when there are more than N warnings (after --baseline and --changed-since)',
    apply: (o, v) => {
      if (!/^\d+$/.test(v)) throw new UsageError(`Invalid value '${v}' for --max-warnings: expected a whole number ≥ 0.`);
      o.maxWarnings = Number(v);
    },
  },
  {
    name: 'fix', help: 'Apply the safe fixes to the files (each file written atomically) and report what is left',
    apply: (o) => { o.fix = true; },
  },
  {
    name: 'fix-dry-run', help: 'Print the unified diff the safe fixes would make, instead of the report; change nothing',
    apply: (o) => { o.fixDryRun = true; },
  },
  {
    name: 'shard', value: 'I/N', help: 'Report only the I-th of N parts of the file list (all files are still parsed for cross-file facts)',
    apply: (o, v) => { o.shard = parseShard(v); },
  },
  { name: 'progress', help: 'Show a progress bar on stderr even when it is not a terminal', apply: (o) => { o.progress = true; } },
  { name: 'no-progress', help: 'Never show the progress bar (default: shown when stderr is a terminal and CI is not set)', apply: (o) => { o.progress = false; } },
  {
    name: 'max-file-size', value: 'SIZE', help: 'Skip files larger than SIZE, e.g. 500kb, 2mb (default: 1mb)',
    apply: (o, v) => { o.maxFileSize = parseSize(v); },
  },
  {
    name: 'no-cache', help: 'Do not read or write the cache of per-file facts (default: cached by content, configuration and tool version)',
    apply: (o) => { o.cache = false; },
  },
  {
    name: 'cache-location', value: 'DIR', help: 'Keep the cache in DIR (default: $XDG_CACHE_HOME/creepyline, else ~/.cache/creepyline)',
    apply: (o, v) => { o.cacheLocation = v; },
  },
  {
    name: 'jobs', short: 'j', value: 'N',
    help: 'Run the per-file analysis in N worker threads, or auto: one per core but one, none on 2 cores (default: auto)',
    apply: (o, v) => { o.jobs = parseJobs(v); },
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

/** Options of `inventory`: its formats, the notice, and the discovery options it shares with check. */
const INVENTORY_OPTIONS: OptionSpec<InventoryOptions>[] = [
  {
    name: 'format', short: 'f', value: 'FORMAT', help: `Inventory format: ${INVENTORY_FORMATS.join(' | ')} (default: markdown)`,
    apply: (o, v) => { o.format = oneOf('--format', INVENTORY_FORMATS, v); },
  },
  {
    name: 'notice', short: 'n', value: 'FILE', help: 'Compare with this privacy notice (Markdown, HTML or text); default: privacyNotice in creepyline.json',
    apply: (o, v) => { o.notice = v; },
  },
  ...CHECK_OPTIONS.filter((spec) => ['output', 'config', 'fail-on', 'progress', 'no-progress', 'max-file-size', 'no-ignore', 'jobs', 'help'].includes(spec.name)) as unknown as OptionSpec<InventoryOptions>[],
];

const COMMANDS = ['check', 'inventory', 'rules', 'explain', 'init', 'merge-sarif', 'help'];

/** The top-level help text. */
export function generalHelp(version: string): string {
  return [
    `creepyline ${version} — GDPR checks for marketing code`,
    '',
    'Usage:',
    '  creepyline check [paths...] [options]   Analyse files and directories (default: .)',
    '  creepyline inventory [paths...] [options]  The privacy inventory: vendors, embeds, forms, processors',
    '  creepyline rules [--json]               List the rules with default severity and legal basis',
    '  creepyline explain <rule>               Print a rule\'s documentation',
    '  creepyline init [--force]               Write a commented creepyline.json for this project',
    '  creepyline merge-sarif <files...> [-o FILE]  Merge the SARIF logs of --shard runs into one',
    '  creepyline --version                    Print the version',
    '  creepyline --help | creepyline <command> --help',
    '',
    'Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it (or more',
    '            than --max-warnings warnings), 2 usage or configuration error.',
    '',
    'Run `creepyline check --help` for the options of check.',
    '',
  ].join('\n');
}

/** Help pages of the commands other than `check`. */
export function commandHelp(topic: Exclude<HelpTopic, 'check'>): string {
  const pages: Record<typeof topic, string[]> = {
    inventory: [
      'Usage: creepyline inventory [paths...] [options]',
      '',
      'The privacy inventory a data-protection officer asks for, drawn from the same analysis as',
      'check: every third-party vendor (category, where it is loaded, whether and how it waits for',
      'consent, the consent category it needs, the personal data sent to it, its company\'s country',
      'and transfer basis where the catalogue knows them), embeds, forms with their purposes and',
      'personal-data categories, processors and whether erasure reaches them. It is the draft of',
      'the Art. 30 GDPR record and of the privacy notice\'s list of recipients.',
      '',
      'With --notice FILE (or privacyNotice in creepyline.json) it compares the vendors in the code',
      'with those the notice names: vendors missing from the notice are warnings',
      '(vendor-missing-from-notice, Art. 13(1)(e) GDPR), vendors named but no longer used are info.',
      '',
      'Options:',
      ...INVENTORY_OPTIONS.map((spec) => {
        const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${spec.name}${spec.value ? ` ${spec.value}` : ''}`;
        return `  ${flag.padEnd(28)} ${spec.help}`;
      }),
      '',
      'Exit codes: 0 done; 1 notice drift at or above --fail-on (vendors missing from the notice',
      'are warnings: use --fail-on warning to fail on them); 2 usage or configuration error, or a',
      'notice that cannot be read.',
      '',
      'Examples:',
      '  creepyline inventory . --format html -o inventory.html',
      '  creepyline inventory . --notice content/privacy.md --fail-on warning',
    ],
    rules: [
      'Usage: creepyline rules [--json]',
      '',
      'Lists every rule with its default severity, whether it has fixes, and its legal basis.',
      '  --json   the same as JSON (id, title, defaultSeverity, fixable, legal)',
    ],
    explain: [
      'Usage: creepyline explain <rule>',
      '',
      'Prints the rule\'s documentation (why it matters, examples, options, legal basis): the',
      'same page as docs/rules/<rule>.md, generated from the rule itself, so it works offline.',
    ],
    init: [
      'Usage: creepyline init [--force] [--config FILE]',
      '',
      'Writes a commented creepyline.json (JSONC) with the schema reference into the current',
      'directory. It looks at package.json and the code to name the consent tool and the',
      'trackers in use, and declares your own consent function when there is an obvious one.',
      'An existing file is never overwritten without --force.',
      '  --force          overwrite an existing configuration file',
      '  --config FILE    write to FILE instead of ./creepyline.json',
    ],
    'merge-sarif': [
      'Usage: creepyline merge-sarif <file.sarif...> [--output FILE]',
      '',
      'Merges the SARIF logs of `creepyline check --shard I/N --format sarif` runs into one',
      'log with one run: rules once, all results, all notifications. Fails (exit 2) when the',
      'logs come from different Creepyline versions or roots.',
      '  -o, --output FILE   write the merged log to FILE (default: stdout)',
    ],
  };
  return [...pages[topic], ''].join('\n');
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
    '  1  at least one finding at or above --fail-on, or more warnings than --max-warnings',
    '  2  usage error, or a configuration problem (reported on stderr; the analysis still',
    '     runs with the defaults for the broken part and its report is printed)',
    '',
    'Examples:',
    '  creepyline check src --format sarif --output creepyline.sarif',
    '  creepyline check . --rule tracking-without-consent --fail-on warning',
    '  creepyline check . --write-baseline .creepyline-baseline.json   # adopt: record today\'s findings',
    '  creepyline check . --baseline .creepyline-baseline.json         # CI: fail on new findings only',
    '  creepyline check . --changed-since origin/main --max-warnings 0',
    '  creepyline check . --shard 2/4 --format sarif -o part2.sarif     # then: creepyline merge-sarif part*.sarif',
    '',
  ].join('\n');
}

function defaults(): CheckOptions {
  return {
    paths: [], format: 'text', failOn: 'error', ignore: true, rules: [], skipRules: [],
    maxFileSize: DEFAULT_MAX_FILE_SIZE, quiet: false, explain: false, fix: false, fixDryRun: false, cache: true, jobs: 'auto',
  };
}

function findOption<T>(token: string, specs: readonly OptionSpec<T>[]): OptionSpec<T> | undefined {
  if (token.startsWith('--')) return specs.find((spec) => spec.name === token.slice(2));
  return specs.find((spec) => spec.short === token.slice(1));
}

/** Reads paths and options of `check` or `inventory`; returns the help topic when --help was given. */
function parseOptionList<T extends { paths: string[] }>(argv: readonly string[], specs: readonly OptionSpec<T>[], options: T, topic: 'check' | 'inventory'): 'help' | 'version' | undefined {
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
    if (token === '--help' || token === '-h') return 'help';
    if (token === '--version') return 'version';
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const name = eq === -1 ? token : token.slice(0, eq);
    const spec = findOption(name, specs);
    if (!spec) {
      const known = specs.map((s) => `--${s.name}`);
      throw new UsageError(`Unknown option '${name}'.${didYouMean(name, known)} Run \`creepyline ${topic} --help\` for the options.`);
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
  return undefined;
}

/** Parses `argv` (without `node` and the script). Throws `UsageError`. */
export function parseArgs(argv: readonly string[]): Command {
  const first = argv[0];
  if (first === undefined) throw new UsageError('Missing command. Run `creepyline --help` for usage.');
  if (first === '--version' || first === '-v') return { kind: 'version' };
  if (first === '--help' || first === '-h') return { kind: 'help' };
  if (first === 'help') {
    const topic = argv[1];
    return isTopic(topic) ? { kind: 'help', topic } : { kind: 'help' };
  }
  if (first === 'rules' || first === 'explain' || first === 'init' || first === 'merge-sarif') return parseCommand(first, argv.slice(1));
  if (first === 'inventory') {
    const options: InventoryOptions = { ...defaults(), format: 'markdown' };
    const stop = parseOptionList(argv, INVENTORY_OPTIONS, options, 'inventory');
    if (stop === 'help') return { kind: 'help', topic: 'inventory' };
    if (stop === 'version') return { kind: 'version' };
    return { kind: 'inventory', options };
  }
  if (first !== 'check') {
    const what = first.startsWith('-') ? `option '${first}'` : `command '${first}'`;
    throw new UsageError(`Unknown ${what}.${didYouMean(first, [...COMMANDS, '--help', '--version'])} Run \`creepyline --help\` for usage.`);
  }

  const options = defaults();
  const stop = parseOptionList(argv, CHECK_OPTIONS, options, 'check');
  if (stop === 'help') return { kind: 'help', topic: 'check' };
  if (stop === 'version') return { kind: 'version' };
  options.rules = [...new Set(options.rules)];
  options.skipRules = [...new Set(options.skipRules)];
  if (options.fix && options.fixDryRun) throw new UsageError('--fix and --fix-dry-run exclude each other: use one.');
  return { kind: 'check', options };
}

function isTopic(topic: string | undefined): topic is HelpTopic {
  return topic === 'check' || topic === 'rules' || topic === 'explain' || topic === 'init' || topic === 'merge-sarif' || topic === 'inventory';
}

/** Parses the arguments of `rules`, `explain`, `init` and `merge-sarif`. */
function parseCommand(name: 'rules' | 'explain' | 'init' | 'merge-sarif', args: readonly string[]): Command {
  const positional: string[] = [];
  const flags = new Set<string>();
  let output: string | undefined;
  let config: string | undefined;
  const allowed: Record<typeof name, string[]> = {
    rules: ['--json'], explain: [], init: ['--force', '--config'], 'merge-sarif': ['--output'],
  };
  for (let i = 0; i < args.length; i++) {
    const token = args[i];
    if (token === '--help' || token === '-h') return { kind: 'help', topic: name };
    if (!token.startsWith('-') || token === '-') {
      positional.push(token);
      continue;
    }
    const flag = token === '-o' ? '--output' : token === '-c' ? '--config' : token;
    if (!allowed[name].includes(flag)) {
      throw new UsageError(`Unknown option '${token}' for ${name}.${didYouMean(token, allowed[name])} Run \`creepyline ${name} --help\`.`);
    }
    if (flag === '--output' || flag === '--config') {
      const value = args[++i];
      if (value === undefined || value === '' || value.startsWith('-')) throw new UsageError(`Option ${flag} needs a value (FILE).`);
      if (flag === '--output') output = value;
      else config = value;
      continue;
    }
    flags.add(flag);
  }
  switch (name) {
    case 'rules':
      if (positional.length > 0) throw new UsageError(`rules takes no arguments (got '${positional[0]}').`);
      return { kind: 'rules', format: flags.has('--json') ? 'json' : 'text' };
    case 'explain':
      if (positional.length !== 1) throw new UsageError('explain needs exactly one rule id, e.g. `creepyline explain tracking-without-consent`. `creepyline rules` lists them.');
      return { kind: 'explain', rule: positional[0] };
    case 'init':
      if (positional.length > 0) throw new UsageError(`init takes no paths (got '${positional[0]}'); run it in the project folder.`);
      return { kind: 'init', force: flags.has('--force'), ...(config !== undefined ? { config } : {}) };
    case 'merge-sarif':
      if (positional.length === 0) throw new UsageError('merge-sarif needs at least one SARIF file.');
      return { kind: 'merge-sarif', inputs: positional, ...(output !== undefined ? { output } : {}) };
  }
}
