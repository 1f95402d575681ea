/**
 * `npm run bench -- --repo [--quick] [--lines N] [--corpus DIR] [--out FILE]`: the whole-repository
 * benchmark. In one invocation, on one corpus, each measurement a separate process (start-up
 * included, the way users run it):
 *
 *  (a) TypeScript's parse of every script file with ts-morph's bundled `ts` (trees dropped; a
 *      second process keeps every tree, for the memory baseline "parse with ASTs retained");
 *  (b) a cold `creepyline check` as the CLI runs it (the built bundle, `--no-cache`);
 *  (c) the same warm: a first run fills an empty cache (reported as "cold, filling the cache"),
 *      the measured second run finds every file's facts there;
 *  (d) ESLint 9 + @typescript-eslint/parser with `no-restricted-syntax` selectors for the same
 *      tracker calls, embeds and tracker scripts (scripts/bench/eslint-selectors.cjs; versions
 *      pinned in tools/bench, installed there with `npm ci` on first use).
 *
 * (b') the cold check again with `--jobs N` worker threads (N from `--jobs`, default cores − 1 and
 *      at least 2), which must give the same report; the speed-up b / b' is printed as measured
 *      (on a 2-core machine expect about 1.0×: see packages/cli/README.md, "Worker threads").
 *
 * Prints wall time and peak RSS of each, and the ratios b/a, c/a, b/d and RSS b / RSS a(retained).
 * Peak RSS is the child's getrusage maximum resident set size, read through GNU time
 * (`/usr/bin/time -v`) when present, else through a preloaded hook (scripts/bench/maxrss.cjs).
 * The corpus is generated (scripts/bench/corpus.ts, deterministic; 1,000,000 lines by default,
 * ~3,000 with --quick) unless `--corpus DIR` names real code. Results: bench-repo-results.json.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { discoverFiles, loadConfig } from '@creepyline/core';
import { generateCorpus, type CorpusStats } from './corpus';

/** Targets of the performance issue (ratios measured in one run). */
export const REPO_TARGETS = { coldVsParse: 1.5, warmVsParse: 0.2, coldVsEslint: 1.0, rssVsParseRetained: 1.5 } as const;

/** One child process's measurement. */
export interface ProcessMeasurement {
  wallMs: number;
  peakRssMB: number;
  /** CPU time of the child (user + system, all its threads), seconds: steadier than wall time on a shared machine. */
  cpuS: number;
  /** What the child printed about itself (JSON line), if anything. */
  report?: Record<string, unknown>;
}

export interface RepoBenchResult {
  date: string;
  mode: 'quick' | 'full';
  machine: { node: string; platform: string; cpus: number; cpuModel?: string; memGB: number; loadavg: number[] };
  rssMethod: string;
  corpus: { source: 'generated' | 'directory'; root: string; files: number; scriptFiles: number; lines: number; bytes: number; kinds?: Record<string, number> };
  cacheSupported: boolean;
  runs: {
    parse: ProcessMeasurement;
    parseRetained: ProcessMeasurement;
    cold: ProcessMeasurement & { findings: number; filesAnalysed: number };
    /** (b') cold with `--jobs N` (absent when the CLI has no --jobs). */
    coldJobs?: ProcessMeasurement & { findings: number; jobs: number };
    coldFillingCache: ProcessMeasurement & { findings: number };
    warm: ProcessMeasurement & { findings: number };
    eslint: ProcessMeasurement & { messages: number; fatal: number };
  };
  ratios: { coldVsParse: number; warmVsParse: number; coldVsEslint: number; rssColdVsParseRetained: number; rssWarmVsParseRetained: number; cpuColdVsParse: number; cpuWarmVsParse: number; cpuColdVsEslint: number; jobsSpeedup?: number };
  targets: typeof REPO_TARGETS;
  met: Record<keyof typeof REPO_TARGETS, boolean>;
}

const TIME = '/usr/bin/time';

function hasGnuTime(): boolean {
  if (!fs.existsSync(TIME)) return false;
  const r = spawnSync(TIME, ['-v', 'true'], { encoding: 'utf8' });
  return r.status === 0 && /Maximum resident set size/.test(r.stderr);
}

/** Runs `node args…` as a child, timing it from the parent (process start included) and reading its peak RSS. */
function runNode(args: string[], options: { cwd: string; tmp: string; gnuTime: boolean; label: string }): ProcessMeasurement & { stdout: string } {
  const rssFile = path.join(options.tmp, `rss-${options.label}.txt`);
  fs.rmSync(rssFile, { force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, CREEPYLINE_BENCH_RSS: rssFile, NO_COLOR: '1' };
  delete env.CREEPYLINE_FROM_SOURCE;
  const [cmd, argv] = options.gnuTime
    ? [TIME, ['-v', '-o', rssFile, process.execPath, ...args]]
    : [process.execPath, ['--require', path.join(path.dirname(rssFile), 'maxrss.cjs'), ...args]];
  const started = performance.now();
  const r = spawnSync(cmd, argv, { cwd: options.cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  if (r.status !== 0) throw new Error(`${options.label} failed (exit ${r.status}): ${(r.stderr || r.error?.message || '').slice(-2000)}`);
  const rssText = fs.readFileSync(rssFile, 'utf8');
  const kb = options.gnuTime ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(rssText)?.[1]) : Number(rssText.trim().split(/\s+/)[0]);
  const cpuS = options.gnuTime
    ? Number(/User time \(seconds\): ([\d.]+)/.exec(rssText)?.[1]) + Number(/System time \(seconds\): ([\d.]+)/.exec(rssText)?.[1])
    : Number(rssText.trim().split(/\s+/)[1]);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  let report: Record<string, unknown> | undefined;
  try {
    report = last.startsWith('{') ? JSON.parse(last) : undefined;
  } catch {
    report = undefined;
  }
  return { wallMs, peakRssMB: kb / 1024, cpuS, report, stdout: r.stdout };
}

function ensureTools(repo: string): void {
  const dir = path.join(repo, 'tools', 'bench');
  if (fs.existsSync(path.join(dir, 'node_modules', 'eslint', 'package.json')) && fs.existsSync(path.join(dir, 'node_modules', '@typescript-eslint', 'parser', 'package.json'))) return;
  process.stderr.write('bench: installing the ESLint baseline in tools/bench (npm ci, once)…\n');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('npm ci in tools/bench failed');
}

function ensureCliBuilt(repo: string): string {
  const bin = path.join(repo, 'packages', 'cli', 'bin', 'creepyline.js');
  if (!['cli.js', 'worker.js'].every((f) => fs.existsSync(path.join(repo, 'packages', 'cli', 'dist', f)))) {
    const r = spawnSync(process.execPath, [path.join(repo, 'scripts', 'build.mjs')], { cwd: repo, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('building the CLI failed (node scripts/build.mjs)');
  }
  return bin;
}

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

function optionValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

/** Runs the whole-repository benchmark; returns the process exit code. */
export function runRepoBench(repo: string, args: readonly string[]): number {
  const quick = args.includes('--quick');
  const corpusArg = optionValue(args, '--corpus');
  const linesArg = optionValue(args, '--lines');
  const out = path.resolve(optionValue(args, '--out') ?? path.join(repo, 'bench-repo-results.json'));
  const targetLines = linesArg !== undefined ? Number(linesArg) : quick ? 3_000 : 1_000_000;
  const jobsArg = optionValue(args, '--jobs');
  const jobs = jobsArg !== undefined ? Number(jobsArg) : Math.max(2, os.availableParallelism() - 1);
  if (!Number.isInteger(jobs) || jobs < 2) throw new Error('--jobs needs a whole number ≥ 2 (the pooled run is compared with the default run)');
  if (!Number.isFinite(targetLines) || targetLines < 1) throw new Error('--lines needs a positive number');

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-repo-bench-'));
  try {
    fs.copyFileSync(path.join(repo, 'scripts', 'bench', 'maxrss.cjs'), path.join(tmp, 'maxrss.cjs'));
    let root: string;
    let generated: CorpusStats | undefined;
    if (corpusArg !== undefined) {
      root = path.resolve(corpusArg);
      if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new Error(`--corpus: not a folder: ${corpusArg}`);
    } else {
      root = path.join(tmp, 'corpus');
      process.stderr.write(`bench: generating a ${f0(targetLines)}-line corpus…\n`);
      generated = generateCorpus(root, targetLines);
    }

    // The files the CLI analyses, found the way it finds them (ignore files + config ignores).
    const loaded = loadConfig({ root });
    const discovery = discoverFiles({ root, paths: [root], useIgnoreFiles: true, isIgnored: (file) => loaded.config.isIgnored(file), maxFileSize: 1024 * 1024 });
    const listFile = path.join(tmp, 'files.txt');
    fs.writeFileSync(listFile, discovery.files.join('\n') + '\n');

    ensureTools(repo);
    const cli = ensureCliBuilt(repo);
    const gnuTime = hasGnuTime();
    const rssMethod = gnuTime ? 'GNU time -v (getrusage ru_maxrss of the child)' : 'process.resourceUsage().maxRSS at exit (preloaded hook)';
    const help = spawnSync(process.execPath, [cli, 'check', '--help'], { encoding: 'utf8' }).stdout ?? '';
    const cacheSupported = help.includes('--no-cache') && help.includes('--cache-location');
    const jobsSupported = help.includes('--jobs');
    const cacheDir = path.join(tmp, 'cache');
    const common = { cwd: repo, tmp, gnuTime };
    const check = (label: string, extra: string[]) => {
      const report = path.join(tmp, `${label}.json`);
      const m = runNode([cli, 'check', root, '--format', 'json', '--output', report, '--fail-on', 'never', ...extra], { ...common, label });
      const json = JSON.parse(fs.readFileSync(report, 'utf8')) as { findings: unknown[]; summary?: { filesAnalysed?: number } };
      return { wallMs: m.wallMs, peakRssMB: m.peakRssMB, cpuS: m.cpuS, findings: json.findings.length, filesAnalysed: json.summary?.filesAnalysed ?? Number.NaN, json: fs.readFileSync(report, 'utf8') };
    };

    process.stderr.write(`bench: ${discovery.files.length} files; (a) parse…\n`);
    const parseRun = runNode([path.join(repo, 'scripts', 'bench', 'parse-only.cjs'), listFile, 'drop'], { ...common, label: 'parse' });
    const retainedRun = runNode([path.join(repo, 'scripts', 'bench', 'parse-only.cjs'), listFile, 'retain'], { ...common, label: 'parse-retained' });
    process.stderr.write('bench: (b) cold check…\n');
    const cold = check('cold', cacheSupported ? ['--no-cache'] : []);
    let coldJobs: ReturnType<typeof check> | undefined;
    if (jobsSupported) {
      process.stderr.write(`bench: (b') cold check with --jobs ${jobs}…\n`);
      coldJobs = check('cold-jobs', [...(cacheSupported ? ['--no-cache'] : []), '--jobs', String(jobs)]);
      if (coldJobs.json !== cold.json) throw new Error(`the --jobs ${jobs} run gave a different report`);
    }
    process.stderr.write('bench: (c) filling the cache, then the warm check…\n');
    const filling = check('filling', cacheSupported ? ['--cache-location', cacheDir] : []);
    const warm = check('warm', cacheSupported ? ['--cache-location', cacheDir] : []);
    if (warm.json !== cold.json || filling.json !== cold.json) throw new Error('the cached and uncached runs gave different reports');
    process.stderr.write('bench: (d) ESLint selectors…\n');
    const eslintRun = runNode([path.join(repo, 'scripts', 'bench', 'eslint-selectors.cjs'), listFile, root], { ...common, label: 'eslint' });

    const pr = parseRun.report ?? {};
    const er = eslintRun.report ?? {};
    const strip = <T extends { json?: string }>(x: T) => {
      const { json: _json, ...rest } = x;
      return rest;
    };
    const ratios = {
      coldVsParse: cold.wallMs / parseRun.wallMs,
      warmVsParse: warm.wallMs / parseRun.wallMs,
      coldVsEslint: cold.wallMs / eslintRun.wallMs,
      rssColdVsParseRetained: cold.peakRssMB / retainedRun.peakRssMB,
      rssWarmVsParseRetained: warm.peakRssMB / retainedRun.peakRssMB,
      cpuColdVsParse: cold.cpuS / parseRun.cpuS,
      cpuWarmVsParse: warm.cpuS / parseRun.cpuS,
      cpuColdVsEslint: cold.cpuS / eslintRun.cpuS,
      ...(coldJobs ? { jobsSpeedup: cold.wallMs / coldJobs.wallMs } : {}),
    };
    const result: RepoBenchResult = {
      date: new Date().toISOString(),
      mode: quick ? 'quick' : 'full',
      machine: { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGB: Math.round(os.totalmem() / 2 ** 30), loadavg: os.loadavg() },
      rssMethod,
      corpus: {
        source: generated ? 'generated' : 'directory',
        root: generated ? '(generated)' : root,
        files: discovery.files.length,
        scriptFiles: Number(pr.files),
        lines: Number(pr.lines),
        bytes: Number(pr.bytes),
        ...(generated ? { kinds: generated.kinds } : {}),
      },
      cacheSupported,
      runs: {
        parse: { wallMs: parseRun.wallMs, peakRssMB: parseRun.peakRssMB, cpuS: parseRun.cpuS, report: parseRun.report },
        parseRetained: { wallMs: retainedRun.wallMs, peakRssMB: retainedRun.peakRssMB, cpuS: retainedRun.cpuS, report: retainedRun.report },
        cold: strip(cold),
        ...(coldJobs ? { coldJobs: { ...strip(coldJobs), jobs } } : {}),
        coldFillingCache: strip(filling),
        warm: strip(warm),
        eslint: { wallMs: eslintRun.wallMs, peakRssMB: eslintRun.peakRssMB, cpuS: eslintRun.cpuS, report: eslintRun.report, messages: Number(er.messages), fatal: Number(er.fatal) },
      },
      ratios,
      targets: REPO_TARGETS,
      met: {
        coldVsParse: ratios.coldVsParse <= REPO_TARGETS.coldVsParse,
        warmVsParse: ratios.warmVsParse <= REPO_TARGETS.warmVsParse,
        coldVsEslint: ratios.coldVsEslint <= REPO_TARGETS.coldVsEslint,
        rssVsParseRetained: ratios.rssColdVsParseRetained <= REPO_TARGETS.rssVsParseRetained,
      },
    };
    fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');

    const a = parseRun.wallMs;
    const rows = [
      ['process (start-up included)', 'wall ms', '× (a)', 'peak RSS MB', 'notes'],
      ['(a) TS parse only, trees dropped', f0(a), '1.00', f0(parseRun.peakRssMB), `parse ${f0(Number(pr.parseMs))} ms in process, ts ${String(pr.ts)}`],
      ['(a) TS parse only, trees retained', f0(retainedRun.wallMs), f2(retainedRun.wallMs / a), f0(retainedRun.peakRssMB), 'memory baseline'],
      ['(b) creepyline check, cold', f0(cold.wallMs), f2(ratios.coldVsParse), f0(cold.peakRssMB), `${cold.findings} findings${cacheSupported ? ', --no-cache' : ''}`],
      ...(coldJobs ? [[`(b') cold, --jobs ${jobs}`, f0(coldJobs.wallMs), f2(coldJobs.wallMs / a), f0(coldJobs.peakRssMB), `same report; speed-up b/b' ${f2(ratios.jobsSpeedup!)}× over the default (auto)`]] : []),
      ['    cold, filling the cache', f0(filling.wallMs), f2(filling.wallMs / a), f0(filling.peakRssMB), cacheSupported ? 'empty --cache-location' : 'no cache in this build'],
      ['(c) creepyline check, warm', f0(warm.wallMs), f2(ratios.warmVsParse), f0(warm.peakRssMB), cacheSupported ? 'every file cached' : 'no cache in this build: a second run'],
      ['(d) ESLint no-restricted-syntax', f0(eslintRun.wallMs), f2(eslintRun.wallMs / a), f0(eslintRun.peakRssMB), `${String(er.eslint)}, ${Number(er.messages)} matches, ${Number(er.selectors)} selectors`],
    ];
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    const lines = [
      `Creepyline whole-repository bench (${result.mode}): ${f0(result.corpus.lines)} lines in ${result.corpus.scriptFiles} script files (${generated ? 'generated corpus' : root}); node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`,
      '',
      table(rows),
      '',
      `b/a cold ÷ parse            ${f2(ratios.coldVsParse)}  (target ≤ ${REPO_TARGETS.coldVsParse}: ${verdict(result.met.coldVsParse)})`,
      `c/a warm ÷ parse            ${f2(ratios.warmVsParse)}  (target ≤ ${REPO_TARGETS.warmVsParse}: ${verdict(result.met.warmVsParse)})`,
      `b/d cold ÷ ESLint           ${f2(ratios.coldVsEslint)}  (target < 1: ${verdict(result.met.coldVsEslint)})`,
      `CPU time (user+sys, steadier under load): cold ÷ parse ${f2(ratios.cpuColdVsParse)}, warm ÷ parse ${f2(ratios.cpuWarmVsParse)}, cold ÷ ESLint ${f2(ratios.cpuColdVsEslint)} (${f2(cold.cpuS)} s, ${f2(warm.cpuS)} s, ${f2(parseRun.cpuS)} s, ${f2(eslintRun.cpuS)} s)`,
      `RSS cold ÷ parse retained   ${f2(ratios.rssColdVsParseRetained)}  (target ≤ ${REPO_TARGETS.rssVsParseRetained}: ${verdict(result.met.rssVsParseRetained)})`,
      ...(coldJobs ? [`b/b' --jobs ${jobs} speed-up  ${f2(ratios.jobsSpeedup!)}×  (default --jobs auto = ${os.availableParallelism() - 1 >= 2 ? `${os.availableParallelism() - 1} workers when enough files` : '1 thread'} on ${os.availableParallelism()} cores)`] : []),
      `Peak RSS: ${rssMethod}. Results: ${path.relative(repo, out) || out}`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
