/**
 * `creepyline inventory`: the privacy inventory of the analysed files, from the same analysis
 * as `check` (one Workspace run; the inventory reads its Facts, project pass and findings).
 * Formats: markdown (default), json, html. Exit codes follow check: 2 for usage and
 * configuration problems (and a notice that cannot be read), 1 when notice drift is at or
 * above `--fail-on` (missing vendors are warnings, unused ones info), else 0.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { displayPath } from '@creepyline/core';
export type { InventoryReport } from '@creepyline/core';
import { UsageError, type CheckOptions, type InventoryOptions } from './args';
import { analyse, failsOn, EXIT } from './check';
import { formatInventoryMarkdown } from './formatters/inventory-markdown';
import { formatInventoryHtml, inventoryReport } from '@creepyline/core';
import type { CliIO } from './io';
import { Progress, shouldShowProgress } from './progress';

/** Runs `inventory`; returns the exit code. */
export async function runInventory(options: InventoryOptions, io: CliIO, toolVersion: string): Promise<number> {
  const root = path.resolve(io.cwd);
  const env = io.env ?? process.env;
  if (options.notice !== undefined) {
    const notice = path.resolve(root, options.notice);
    if (!fs.existsSync(notice) || !fs.statSync(notice).isFile()) throw new UsageError(`Privacy notice not found: ${options.notice}`);
  }
  const progress = new Progress(io.stderr, shouldShowProgress(options.progress, io.stderr, env), root);
  const checkOptions: CheckOptions = { ...options, format: 'json' };
  const analysis = await analyse(checkOptions, toolVersion, root, progress);
  const inventory = analysis.workspace.inventory(analysis.files, analysis.allFindings, options.notice !== undefined ? { notice: options.notice } : {});
  const report = inventoryReport(inventory, root, toolVersion, analysis.report.summary.files, analysis.report.skipped);

  for (const problem of analysis.problems) {
    const where = `${displayPath(root, problem.file)}${problem.line >= 1 ? `:${problem.line}` : ''}`;
    io.stderr.write(`creepyline: configuration problem in ${where}${problem.key ? ` (${problem.key})` : ''}: ${problem.message}\n`);
  }
  const notice = report.notice;
  if (notice?.error) io.stderr.write(`creepyline: cannot read the privacy notice ${notice.file}: ${notice.error}\n`);
  if (notice && !notice.error) {
    for (const entry of notice.missing) {
      io.stderr.write(`creepyline: warning ${entry.at ? `${entry.at.file}:${entry.at.line}:${entry.at.column} ` : ''}${entry.name} is not named in the privacy notice ${notice.file} (vendor-missing-from-notice)\n`);
    }
    for (const entry of notice.unused) {
      if (!entry.possiblyVia) io.stderr.write(`creepyline: info the privacy notice ${notice.file} names ${entry.matched} but the analysed code does not load it\n`);
    }
  }

  let text: string;
  switch (options.format) {
    case 'json': text = `${JSON.stringify(report, null, 2)}\n`; break;
    case 'html': text = formatInventoryHtml(report); break;
    default: text = formatInventoryMarkdown(report);
  }
  if (options.output !== undefined) {
    const target = path.resolve(root, options.output);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
    } catch (error) {
      throw new UsageError(`Cannot write --output ${options.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const s = report.summary;
    io.stderr.write(`creepyline: ${s.vendors} vendor(s), ${s.embeds} embed(s), ${s.forms} form(s), ${s.processors} processor(s) in ${s.files} file(s); ${options.format} inventory written to ${displayPath(root, target)}\n`);
  } else {
    io.stdout.write(text);
  }

  if (analysis.problems.length > 0 || notice?.error) return EXIT.usage;
  if (notice && ((notice.missing.length > 0 && failsOn('warning', options.failOn)) || (notice.unused.some((u) => !u.possiblyVia) && failsOn('info', options.failOn)))) return EXIT.findings;
  return EXIT.ok;
}
