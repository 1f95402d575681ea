/**
 * `creepyline check`: discover files, load the configuration, run core, filter, format,
 * write, and compute the exit code. Exit code 2 wins over 1: a broken configuration
 * still produces a report (computed with the defaults for the broken part) but fails the
 * run, so CI never passes silently with a policy it did not read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace, loadConfig, rules as coreRules } from '@creepyline/core';
import type { ConfigProblem, ConfigSet, Finding, Severity } from '@creepyline/core';
import { UsageError, type CheckOptions, type FailOn } from './args';
import { createStyler, shouldColor } from './color';
import { discoverFiles, displayPath } from '@creepyline/core';
import { formatHtml } from './formatters/html';
import { formatJson } from './formatters/json';
import { formatMarkdown } from './formatters/markdown';
import { formatSarif } from './formatters/sarif';
import { formatText } from './formatters/text';
import type { CliIO } from './io';
import { buildReport, countsLine, type ReportRule } from './report';
import { didYouMean } from './suggest';

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

/** Whether a finding of `severity` fails the run under `--fail-on`. */
export function failsOn(severity: Severity, threshold: FailOn): boolean {
  return threshold !== 'never' && RANK[severity] >= RANK[threshold];
}

/** The rule table in the shape the report needs. */
function reportRules(): ReportRule[] {
  return coreRules.map((rule) => ({
    id: rule.id,
    title: rule.meta.title,
    description: rule.meta.description,
    defaultSeverity: rule.meta.defaultSeverity,
    legal: rule.meta.gdpr,
    docsUrl: rule.docsUrl,
  }));
}

function describeProblem(root: string, problem: ConfigProblem): string {
  const where = `${displayPath(root, problem.file)}${problem.line >= 1 ? `:${problem.line}${problem.column >= 1 ? `:${problem.column}` : ''}` : ''}`;
  return `creepyline: configuration problem in ${where}${problem.key ? ` (${problem.key})` : ''}: ${problem.message}`;
}

/** Runs `check`; returns the exit code. Throws `UsageError` for command-line mistakes. */
export async function runCheck(options: CheckOptions, io: CliIO, toolVersion: string): Promise<number> {
  const root = path.resolve(io.cwd);
  const env = io.env ?? process.env;

  const knownIds = coreRules.map((rule) => rule.id);
  for (const id of options.rules) {
    if (!knownIds.includes(id)) {
      throw new UsageError(`Unknown rule '${id}' in --rule.${didYouMean(id, knownIds)} Known rules: ${knownIds.join(', ')}.`);
    }
  }

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
  const config: ConfigSet = options.ignore
    ? loaded.config
    : {
        root: loaded.config.root,
        configFile: loaded.config.configFile,
        problems: loaded.config.problems,
        forFile: (file) => loaded.config.forFile(file),
        isIgnored: () => false,
      };
  const workspace = new Workspace({
    root,
    config,
    maxFileSize: options.maxFileSize,
    ...(options.rules.length > 0 ? { ruleIds: options.rules } : {}),
  });
  const result = workspace.analyzeFiles(discovery.files);

  const only = new Set(options.rules);
  const findings = result.findings.filter(
    (finding: Finding) => (only.size === 0 || only.has(finding.ruleId)) && (!options.quiet || finding.severity === 'error'),
  );
  const skipped = new Map<string, string>();
  for (const entry of [...discovery.skipped, ...result.skipped]) {
    const file = displayPath(root, path.resolve(root, entry.file));
    if (!skipped.has(file)) skipped.set(file, entry.reason);
  }
  const problemKey = (p: ConfigProblem) => `${p.file}\0${p.line}\0${p.column}\0${p.key}\0${p.message}`;
  const problems = [...new Map([...loaded.problems, ...result.configProblems].map((p) => [problemKey(p), p])).values()];

  const { report, context } = buildReport({
    root,
    toolVersion,
    findings,
    skipped: [...skipped].map(([file, reason]) => ({ file, reason })).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    configProblems: problems,
    filesAnalysed: result.filesAnalysed,
    rules: reportRules(),
  });

  const toFile = options.output !== undefined;
  let text: string;
  switch (options.format) {
    case 'json': text = formatJson(report); break;
    case 'sarif': text = formatSarif(report, context); break;
    case 'markdown': text = formatMarkdown(report); break;
    case 'html': text = formatHtml(report); break;
    default: text = formatText(report, createStyler(!toFile && shouldColor(options.color, io.stdout.isTTY, env)), options.explain);
  }

  for (const problem of problems) io.stderr.write(`${describeProblem(root, problem)}\n`);
  if (problems.length > 0) {
    io.stderr.write(`creepyline: ${problems.length} configuration problem${problems.length === 1 ? '' : 's'}; the defaults were used for the affected settings (exit code 2).\n`);
  }

  if (options.output !== undefined) {
    const target = path.resolve(root, options.output);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
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

  if (problems.length > 0) return EXIT.usage;
  return report.findings.some((finding) => failsOn(finding.severity, options.failOn)) ? EXIT.findings : EXIT.ok;
}

