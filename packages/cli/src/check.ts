/**
 * `creepyline check`: discover files, load the configuration, run core, filter (rules,
 * shard, baseline, changed lines, quiet), apply or preview safe fixes, format, write, and
 * compute the exit code. Exit code 2 wins over 1: a broken configuration still produces a
 * report (computed with the defaults for the broken part) but fails the run, so CI never
 * passes silently with a policy it did not read.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace, loadConfig, markdownToText, readText, ruleDocMarkdown, ruleDocsUrl, rules as coreRules } from '@creepyline/core';
import type { ConfigProblem, ConfigSet, Finding, Severity } from '@creepyline/core';
import { UsageError, type CheckOptions, type FailOn } from './args';
import { createStyler, shouldColor } from './color';
import { discoverFiles, displayPath } from '@creepyline/core';
import { formatHtml, type Excerpt } from './formatters/html';
import { inventoryReport } from '@creepyline/core';
import { formatJson } from './formatters/json';
import { formatMarkdown } from './formatters/markdown';
import { formatSarif } from './formatters/sarif';
import { formatText } from './formatters/text';
import { writeFileAtomic, type CliIO } from './io';
import { buildBaseline, matchBaseline, readBaseline, snippetOf, writeBaseline, type LoadedBaseline } from './baseline';
import { applyPlans, describePlan, planFixes, unifiedDiff } from './fix';
import { formatJunit } from './formatters/junit';
import { changedSince, touchesChange, type ChangedLines } from './git';
import { Progress, shouldShowProgress } from './progress';
import { buildReport, countsLine, filterReport, type Report, type ReportContext, type ReportRule } from './report';
import { didYouMean } from './suggest';
import { DiskFactsStore, defaultCacheDir, toolFingerprint } from './cache';
import { PoolFactsStore, checkConfig, maxWorkers } from './pool';

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

/** Whether a finding of `severity` fails the run under `--fail-on`. */
export function failsOn(severity: Severity, threshold: FailOn): boolean {
  return threshold !== 'never' && RANK[severity] >= RANK[threshold];
}

/** The rule table in the shape the report needs; links only under the team's `docsBaseUrl`. */
export function reportRules(docsBaseUrl?: string): ReportRule[] {
  return coreRules.map((rule) => {
    const docsUrl = ruleDocsUrl(rule.id, docsBaseUrl);
    const markdown = ruleDocMarkdown(rule);
    return {
      id: rule.id,
      title: rule.meta.title,
      description: rule.meta.description,
      defaultSeverity: rule.meta.defaultSeverity,
      legal: rule.meta.gdpr,
      ...(docsUrl ? { docsUrl } : {}),
      helpMarkdown: markdown,
      helpText: markdownToText(markdown),
    };
  });
}

function describeProblem(root: string, problem: ConfigProblem): string {
  const where = `${displayPath(root, problem.file)}${problem.line >= 1 ? `:${problem.line}${problem.column >= 1 ? `:${problem.column}` : ''}` : ''}`;
  return `creepyline: configuration problem in ${where}${problem.key ? ` (${problem.key})` : ''}: ${problem.message}`;
}

/** Whether `file` (relative to the root, forward slashes) belongs to shard `index` of `count`. */
export function inShard(file: string, index: number, count: number): boolean {
  if (count === 1) return true;
  // A hash of the path, not its position in the list: adding a file moves no other file.
  const bucket = createHash('sha256').update(file).digest().readUInt32BE(0) % count;
  return bucket === index - 1;
}

/** Checks rule ids given on the command line against the registry. */
function checkRuleIds(ids: readonly string[], option: string): void {
  const knownIds = coreRules.map((rule) => rule.id);
  for (const id of ids) {
    if (!knownIds.includes(id)) {
      throw new UsageError(`Unknown rule '${id}' in ${option}.${didYouMean(id, knownIds)} Known rules: ${knownIds.join(', ')}.`);
    }
  }
}

/** The real path of a file, or the path itself when it does not exist (git prints real paths). */
function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

export interface Analysis {
  report: Report;
  context: ReportContext;
  problems: ConfigProblem[];
  /** Rules that ran. */
  active: Set<string>;
  /** What the worker threads did (`--jobs`), when a pool was set up. */
  pool?: PoolFactsStore['stats'];
  /** The workspace and the files it analysed, with every finding before filtering (for the inventory). */
  workspace: Workspace;
  files: string[];
  allFindings: Finding[];
}

/**
 * One analysis run with every filter applied; `--fix` runs it again after writing. With
 * `--jobs` the syntax pass of files the cache does not hold runs in worker threads first
 * (pool.ts); `warn` gets the pool's one-line notices.
 */
export async function analyse(options: CheckOptions, toolVersion: string, root: string, progress: Progress, store?: DiskFactsStore, warn: (line: string) => void = () => {}): Promise<Analysis> {
  let configPath: string | undefined;
  if (options.config !== undefined) {
    configPath = path.resolve(root, options.config);
    if (!fs.existsSync(configPath) || !fs.statSync(configPath).isFile()) {
      throw new UsageError(`Configuration file not found: ${options.config}`);
    }
  }
  // Without --config, each file gets the nearest creepyline.json above it, wherever the CLI
  // runs from: `creepyline check samples/shop` and `cd samples/shop && creepyline check` agree.
  const loaded = loadConfig({ root, configPath });

  const discovery = discoverFiles({
    root,
    paths: options.paths,
    useIgnoreFiles: options.ignore,
    isIgnored: (file) => loaded.config.isIgnored(file),
    maxFileSize: options.maxFileSize,
    sizeLimitName: '--max-file-size',
    ignoredHint: ' (use --no-ignore)',
  });
  if (discovery.missing.length > 0) {
    throw new UsageError(`No such file or directory: ${discovery.missing.join(', ')}`);
  }

  // Under --no-ignore core must not drop the config-ignored files discovery kept.
  const config: ConfigSet = checkConfig(loaded, options.ignore);
  const skippedRules = new Set(options.skipRules);
  const activeRules = coreRules
    .map((rule) => rule.id)
    .filter((id) => (options.rules.length === 0 || options.rules.includes(id)) && !skippedRules.has(id));
  const narrowed = options.rules.length > 0 || skippedRules.size > 0;
  const pool = maxWorkers(options.jobs) > 0 ? new PoolFactsStore(store) : undefined;
  const workspace = new Workspace({
    root,
    config,
    maxFileSize: options.maxFileSize,
    ...(narrowed ? { ruleIds: activeRules } : {}),
    ...(pool ?? store ? { factsStore: pool ?? store } : {}),
  });
  const pooled = pool ? await pool.run(workspace, discovery.files, { root, ...(configPath !== undefined ? { configPath } : {}), ignore: options.ignore, maxFileSize: options.maxFileSize }, options.jobs, progress, warn) : false;

  // Every file goes through the syntax pass, in or out of the shard: cross-file facts (who
  // calls an exported tracker wrapper, Consent Mode defaults) need the whole project, so a
  // shard's findings are exactly the full run's findings in its files.
  const shard = options.shard;
  const mine = shard ? discovery.files.filter((file) => inShard(displayPath(root, file), shard.index, shard.count)) : discovery.files;
  // The syntax pass runs first, in chunks, when a shard needs the other files' facts or the
  // progress bar needs steps; analyzeFiles then finds the facts cached (by content hash).
  if (shard || progress.enabled) {
    const total = discovery.files.length;
    for (let i = 0; i < total; i += 25) {
      workspace.indexFiles(discovery.files.slice(i, i + 25));
      // after a pool the bar already reached the end: this only takes the workers' facts
      if (!pooled) progress.update(Math.min(i + 25, total), total, discovery.files[Math.min(i + 24, total - 1)]);
    }
    progress.phase(`checking ${mine.length} file${mine.length === 1 ? '' : 's'}…`);
  }
  const result = workspace.analyzeFiles(mine);

  const active = new Set(activeRules);
  const findings = result.findings.filter((finding: Finding) => active.has(finding.ruleId) && (!options.quiet || finding.severity === 'error'));
  const skipped = new Map<string, string>();
  const discoverySkipped = shard ? discovery.skipped.filter((entry) => inShard(displayPath(root, path.resolve(root, entry.file)), shard.index, shard.count)) : discovery.skipped;
  for (const entry of [...discoverySkipped, ...result.skipped]) {
    const file = displayPath(root, path.resolve(root, entry.file));
    if (!skipped.has(file)) skipped.set(file, entry.reason);
  }
  const problemKey = (p: ConfigProblem) => `${p.file}\0${p.line}\0${p.column}\0${p.key}\0${p.message}`;
  const problems = [...new Map([...loaded.problems, ...result.configProblems].map((p) => [problemKey(p), p])).values()];
  const docsBaseUrl = loaded.config.forFile(path.join(root, 'index.ts')).docsBaseUrl;
  const skippedAbs = new Set([...skipped.keys()].map((file) => path.resolve(root, file)));
  const analysedFiles = mine.filter((file) => !skippedAbs.has(file));

  const { report, context } = buildReport({
    root,
    toolVersion,
    findings,
    skipped: [...skipped].map(([file, reason]) => ({ file, reason })).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    parseErrors: result.parseErrors,
    configProblems: problems,
    filesAnalysed: result.filesAnalysed,
    rules: reportRules(docsBaseUrl),
    files: analysedFiles,
    activeRules,
  });
  if (shard) report.shard = `${shard.index}/${shard.count}`;
  // The hosted docs' folder: the base up to `{rule}` (cut at its last slash), or the base itself.
  if (docsBaseUrl) context.informationUri = docsBaseUrl.includes('{rule}') ? docsBaseUrl.slice(0, docsBaseUrl.indexOf('{rule}')).replace(/[^/]*$/, '') : docsBaseUrl;
  progress.done();
  return { report, context, problems, active, workspace, files: mine, allFindings: result.findings, ...(pool ? { pool: pool.stats } : {}) };
}

/**
 * Whether this run could have seen a baseline entry's finding: its rule ran (or no longer
 * exists) and its file was analysed, or the file is gone and lay under the checked paths
 * (not decidable within a shard). Unmatched covered entries are stale; entries not covered
 * are left alone (and kept when the baseline is rewritten).
 */
function coveredBy(analysis: Analysis, options: CheckOptions, root: string): (entry: LoadedBaseline['entries'][number]) => boolean {
  const analysed = new Set(analysis.context.files);
  const known = new Set(coreRules.map((rule) => rule.id));
  const underPaths = (file: string) => options.paths.some((p) => {
    const base = path.resolve(root, p);
    const abs = path.resolve(root, file);
    return abs === base || abs.startsWith(base + path.sep);
  });
  return (entry) =>
    !known.has(entry.rule) ||
    (analysis.active.has(entry.rule) &&
      (analysed.has(entry.rootFile) || (!options.shard && !fs.existsSync(path.resolve(root, entry.rootFile)) && underPaths(entry.rootFile))));
}

/** Applies `--baseline` and then `--changed-since` to an analysis (in place). */
function narrow(analysis: Analysis, options: CheckOptions, root: string, baseline: LoadedBaseline | undefined, changed: ChangedLines | undefined): void {
  const { report, context } = analysis;
  if (baseline) {
    const match = matchBaseline(report.findings, baseline, coveredBy(analysis, options, root));
    const recorded = new Map(match.unchanged.map(({ finding, entry }) => [finding, entry]));
    const removed = filterReport(report, context, (finding) => !recorded.has(finding));
    const shown = (entry: LoadedBaseline['entries'][number]) => ({
      rule: entry.rule, file: entry.rootFile, fingerprint: entry.fingerprint, line: entry.line, snippet: entry.snippet, status: entry.status,
      ...(entry.reason ? { reason: entry.reason } : {}),
    });
    context.unchanged = removed.map(({ finding, related }) => ({ finding, related, entry: shown(recorded.get(finding)!) }));
    report.baseline = { file: baseline.name, unchanged: removed.length, stale: match.stale.map(shown) };
  }

  if (changed) {
    const before = report.findings.length;
    filterReport(report, context, (finding) => touchesChange(changed, realPath(path.resolve(root, finding.file)), finding.range.start.line, finding.range.end.line));
    context.unchanged = context.unchanged.filter(({ finding }) =>
      touchesChange(changed, realPath(path.resolve(root, finding.file)), finding.range.start.line, finding.range.end.line));
    report.changedSince = { ref: options.changedSince!, outside: before - report.findings.length };
  }
}

/** Runs `check`; returns the exit code. Throws `UsageError` for command-line mistakes. */
export async function runCheck(options: CheckOptions, io: CliIO, toolVersion: string): Promise<number> {
  const root = path.resolve(io.cwd);
  const env = io.env ?? process.env;
  checkRuleIds(options.rules, '--rule');
  checkRuleIds(options.skipRules, '--skip-rule');

  const baseline = options.baseline !== undefined ? readBaseline(root, options.baseline) : undefined;
  const changed = options.changedSince !== undefined ? changedSince(root, options.changedSince) : undefined;
  const progress = new Progress(io.stderr, shouldShowProgress(options.progress, io.stderr, env), root);

  const cacheDir = options.cacheLocation !== undefined ? path.resolve(root, options.cacheLocation) : defaultCacheDir(env);
  const store = options.cache ? new DiskFactsStore(cacheDir, toolFingerprint(toolVersion)) : undefined;
  const warn = (line: string) => io.stderr.write(`${line}\n`);
  let analysis = await analyse(options, toolVersion, root, progress, store, warn);
  let { report, context } = analysis;

  if (options.writeBaseline !== undefined) {
    // Everything found now becomes the baseline (statuses and reasons of entries that still
    // match are kept); the report then shows what the new baseline leaves: nothing new.
    // With --changed-since every finding is recorded, not only those on changed lines.
    const texts = new Map<string, string>();
    const textOf = (file: string) => {
      if (!texts.has(file)) texts.set(file, fs.readFileSync(path.resolve(root, file), 'utf8').replace(/^\uFEFF/, ''));
      return texts.get(file)!;
    };
    const previous = baseline ?? (fs.existsSync(path.resolve(root, options.writeBaseline)) ? readBaseline(root, options.writeBaseline) : undefined);
    const offsets = new Map(report.findings.map((finding, index) => [finding, context.offsets[index]]));
    // Entries this run could not have seen (other paths, rules left out, other shards) stay.
    const covered = coveredBy(analysis, options, root);
    const file = buildBaseline(root, options.writeBaseline, report.findings, (finding) => ({
      line: finding.range.start.line,
      snippet: snippetOf(textOf(finding.file), offsets.get(finding)!.startOffset, offsets.get(finding)!.endOffset),
    }), previous, previous?.entries.filter((entry) => !covered(entry)) ?? []);
    writeBaseline(root, options.writeBaseline, file);
    io.stderr.write(`creepyline: wrote ${file.entries.length} baseline entr${file.entries.length === 1 ? 'y' : 'ies'} to ${displayPath(root, path.resolve(root, options.writeBaseline))}\n`);
    narrow(analysis, options, root, readBaseline(root, options.writeBaseline), changed);
  } else {
    narrow(analysis, options, root, baseline, changed);
  }

  if (options.fixDryRun) {
    const { plans, failed } = planFixes(root, report.findings);
    const diff = plans.map((plan) => unifiedDiff(plan.file, plan.before, plan.after)).join('');
    for (const plan of plans) io.stderr.write(`creepyline: would fix ${describePlan(plan)}\n`);
    for (const { file, reason } of failed) io.stderr.write(`creepyline: cannot fix ${file}: ${reason}\n`);
    if (plans.length === 0) io.stderr.write('creepyline: no safe fixes to apply.\n');
    io.stdout.write(diff);
    if (options.output !== undefined) writeReport(options, io, root, report, context, env);
    return exitCode(report, analysis.problems, options);
  }

  if (options.fix) {
    const planned = planFixes(root, report.findings);
    const { written, changedOnDisk, failed } = applyPlans(root, planned.plans);
    for (const plan of written) io.stderr.write(`creepyline: fixed ${describePlan(plan)}\n`);
    for (const file of changedOnDisk) io.stderr.write(`creepyline: not fixed ${file}: it changed on disk during the run\n`);
    for (const { file, reason } of [...planned.failed, ...failed].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
      io.stderr.write(`creepyline: not fixed ${file}: ${reason}\n`);
    }
    if (written.length === 0) io.stderr.write('creepyline: no safe fixes to apply.\n');
    // Report what is left after the fixes.
    if (written.length > 0) {
      analysis = await analyse(options, toolVersion, root, progress, store, warn);
      narrow(analysis, options, root, baseline, changed);
      ({ report, context } = analysis);
    }
  }
  const { problems } = analysis;

  for (const problem of problems) io.stderr.write(`${describeProblem(root, problem)}\n`);
  if (problems.length > 0) {
    io.stderr.write(`creepyline: ${problems.length} configuration problem${problems.length === 1 ? '' : 's'}; the defaults were used for the affected settings (exit code 2).\n`);
  }
  if (report.baseline && report.baseline.stale.length > 0) {
    const n = report.baseline.stale.length;
    io.stderr.write(`creepyline: ${n} baseline entr${n === 1 ? 'y matches' : 'ies match'} no finding any more (stale); update the baseline with --write-baseline ${report.baseline.file}\n`);
  }
  // The HTML report's second tab: the inventory of the same run (same facts, same findings).
  const shownAnalysis = analysis;
  writeReport(options, io, root, report, context, env, () => inventoryReport(
    shownAnalysis.workspace.inventory(shownAnalysis.files, shownAnalysis.allFindings), root, toolVersion, report.summary.files, report.skipped,
  ));
  if (options.maxWarnings !== undefined && report.summary.warning > options.maxWarnings) {
    io.stderr.write(`creepyline: ${report.summary.warning} warnings, more than --max-warnings ${options.maxWarnings}.\n`);
  }
  return exitCode(report, problems, options);
}

function exitCode(report: Report, problems: readonly ConfigProblem[], options: CheckOptions): number {
  if (problems.length > 0) return EXIT.usage;
  if (report.findings.some((finding) => failsOn(finding.severity, options.failOn))) return EXIT.findings;
  if (options.maxWarnings !== undefined && report.summary.warning > options.maxWarnings) return EXIT.findings;
  return EXIT.ok;
}

/** Two lines of code before and after each finding, for the HTML report (files read once). */
function excerpts(root: string, report: Report): (Excerpt | undefined)[] {
  const lines = new Map<string, string[] | undefined>();
  return report.findings.map((finding) => {
    if (!lines.has(finding.file)) {
      const read = readText(path.resolve(root, finding.file), Number.MAX_SAFE_INTEGER);
      lines.set(finding.file, 'text' in read ? read.text.split(/\r?\n/) : undefined);
    }
    const all = lines.get(finding.file);
    if (!all) return undefined;
    const first = Math.max(1, finding.range.start.line - 2);
    const last = Math.min(all.length, finding.range.end.line + 2, first + 40);
    return { first, lines: all.slice(first - 1, last) };
  });
}

function writeReport(
  options: CheckOptions, io: CliIO, root: string, report: Report, context: ReportContext, env: Record<string, string | undefined>,
  inventory?: () => ReturnType<typeof inventoryReport>,
): void {
  const toFile = options.output !== undefined;
  let text: string;
  switch (options.format) {
    case 'json': text = formatJson(report); break;
    case 'sarif': text = formatSarif(report, context); break;
    case 'markdown': text = formatMarkdown(report); break;
    case 'html': text = formatHtml(report, excerpts(root, report), inventory?.()); break;
    case 'junit': text = formatJunit(report, context, options.failOn); break;
    default: text = formatText(report, createStyler(!toFile && shouldColor(options.color, io.stdout.isTTY, env)), options.explain);
  }
  if (options.output !== undefined) {
    const target = path.resolve(root, options.output);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      // CI may read the previous report while this one is written: never a half-written file.
      writeFileAtomic(target, text);
    } catch (error) {
      throw new UsageError(`Cannot write --output ${options.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const skippedNote = report.skipped.length > 0 ? `, ${report.skipped.length} skipped` : '';
    io.stderr.write(
      `creepyline: ${countsLine(report.summary)} in ${report.summary.files} file${report.summary.files === 1 ? '' : 's'}${skippedNote}; ${options.format} report written to ${displayPath(root, target)}\n`,
    );
  } else {
    io.stdout.write(text);
  }
}
