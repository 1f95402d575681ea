/**
 * Table-driven rule tests (typescript-eslint's RuleTester, for Creepyline): `valid` code
 * yields no finding of the rule; each `invalid` case pins every finding (messageId and
 * range) and, for fixes, the fixed output, which must parse and be stable (a second run
 * offers no further fix for the same rule).
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { LayeredConfigSet } from '../config';
import type { RawConfig } from '../config/types';
import type { Finding } from '../model';
import type { Rule } from '../rule';
import { rules } from '../rules';
import { applyEdits } from '../text';
import { Workspace } from '../workspace';

/** A case that must yield no finding of the rule. */
export type ValidCase = string | { code: string; filename?: string; config?: RawConfig; only?: boolean; name?: string; files?: Record<string, string> };

/** An expected finding; positions are 1-based. */
export interface ExpectedError {
  messageId: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  severity?: Finding['severity'];
  confidence?: Finding['confidence'];
  /** Substring the message must contain. */
  message?: string;
}

/** A case that must yield exactly `errors`. */
export interface InvalidCase {
  code: string;
  filename?: string;
  config?: RawConfig;
  errors: ExpectedError[];
  /** Other files of the virtual project (path relative to the root → text), for cross-file cases. */
  files?: Record<string, string>;
  /** Text after applying the first fix of every finding; `null` = no fix offered. */
  output?: string | null;
  name?: string;
  only?: boolean;
}

const ROOT = path.resolve('/virtual-workspace');

/** Analyses `code` as `filename` with `config` (and other project `files`); returns the findings of `ruleId`. */
export function lint(ruleId: string, code: string, filename = 'test.ts', config: RawConfig = {}, files: Record<string, string> = {}): Finding[] {
  const configSet = new LayeredConfigSet(ROOT, rules, [{ raw: config, baseDir: ROOT }]);
  const workspace = new Workspace({ root: ROOT, config: configSet });
  for (const [name, text] of Object.entries(files)) workspace.indexText(path.join(ROOT, name), text);
  return workspace.analyzeFile(path.join(ROOT, filename), code).findings.filter((f) => f.ruleId === ruleId);
}

/** Registers mocha tests for one rule's table. */
export function runRuleTests(rule: Rule<any, string>, table: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.id, () => {
    describe('valid', () => {
      for (const entry of table.valid) {
        const c = typeof entry === 'string' ? { code: entry } : entry;
        const title = c.name ?? firstLine(c.code);
        (c.only ? it.only : it)(title, () => {
          const findings = lint(rule.id, c.code, c.filename, c.config, c.files);
          assert.deepEqual(findings.map(describeFinding), [], `expected no ${rule.id} findings`);
        });
      }
    });
    describe('invalid', () => {
      for (const c of table.invalid) {
        const title = c.name ?? firstLine(c.code);
        (c.only ? it.only : it)(title, () => {
          const findings = lint(rule.id, c.code, c.filename, c.config, c.files);
          assert.equal(findings.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${findings.map(describeFinding).join('\n')}`);
          c.errors.forEach((expected, i) => {
            const actual = findings[i];
            assert.equal(actual.messageId, expected.messageId, `finding ${i}: messageId`);
            for (const key of ['line', 'column', 'endLine', 'endColumn'] as const) {
              if (expected[key] === undefined) continue;
              const value = key === 'line' ? actual.range.start.line : key === 'column' ? actual.range.start.column : key === 'endLine' ? actual.range.end.line : actual.range.end.column;
              assert.equal(value, expected[key], `finding ${i}: ${key}`);
            }
            if (expected.severity) assert.equal(actual.severity, expected.severity, `finding ${i}: severity`);
            if (expected.confidence) assert.equal(actual.confidence, expected.confidence, `finding ${i}: confidence`);
            if (expected.message) assert.ok(actual.message.includes(expected.message), `finding ${i}: message "${actual.message}" should contain "${expected.message}"`);
            assert.ok(!/\{\{/.test(actual.message + actual.why + actual.howToFix), `finding ${i}: unfilled placeholder`);
          });
          if (c.output !== undefined) {
            const fixes = findings.flatMap((f) => (f.fixes[0] ? [f.fixes[0]] : []));
            if (c.output === null) {
              assert.equal(fixes.length, 0, 'expected no fix');
              return;
            }
            assert.ok(fixes.length > 0, 'expected a fix');
            const output = applyEdits(c.code, fixes.flatMap((f) => f.edits));
            assert.equal(output, c.output);
            assertParses(output, c.filename ?? 'test.ts');
            const again = lint(rule.id, output, c.filename, c.config, c.files);
            assert.deepEqual(again.filter((f) => f.fixes.length > 0).map(describeFinding), [], 'a second run must offer no further fix');
          }
        });
      }
    });
  });
}

function describeFinding(f: Finding): string {
  return `${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} ${f.messageId}: ${f.message}`;
}

function firstLine(code: string): string {
  const line = code.trim().split('\n').find((l) => l.trim() && !l.trim().startsWith('import')) ?? code;
  return line.trim().slice(0, 90);
}

/** Asserts that a fixed JS/TS text still parses without syntax errors. */
export function assertParses(text: string, filename: string): void {
  if (/\.(html?|vue|svelte|astro)$/.test(filename) || filename.endsWith('.css')) return;
  const kind = filename.endsWith('.tsx') ? ts.ScriptKind.TSX : filename.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JSX;
  const sf = ts.createSourceFile(filename, text, ts.ScriptTarget.ES2022, true, kind);
  const diagnostics = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  assert.deepEqual(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')), [], `fixed output must parse:\n${text}`);
}
