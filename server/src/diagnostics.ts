/**
 * Findings → LSP diagnostics, delivered the way the client can take them (STYLE 15):
 * pull (`textDocument/diagnostic`) when the client advertises it, otherwise push
 * (`publishDiagnostics`) on open, on change (debounced; a newer version supersedes an
 * older pending one) and on configuration change. Configuration problems are always
 * pushed, on the configuration file itself.
 *
 * Cross-file results: after a new version of a document was analysed, the open documents
 * among the core's `dependentsOf` that file (before and after the edit) are re-validated —
 * e.g. a tracking wrapper in lib/track.ts whose caller in page.ts lost its consent check.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DiagnosticSeverity, DocumentDiagnosticReportKind,
  type Connection, type Diagnostic, type DocumentDiagnosticReport, type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigProblem, Finding, Severity } from '@creepyline/core';
import { DIAGNOSTIC_SOURCE, type CreepylineSettings, type DiagnosticData } from '@creepyline/protocol';
import { pathToUri, type DocumentResult, type Root, type Roots } from './documents';
import { describeError, type ErrorReporter } from './errors';
import { customizeSeverity, type SettingsStore } from './settings';
import type { StatusReporter, ValidationOutcome } from './status';

/** Delay between the last change and the validation of a document (push mode). */
export const DEBOUNCE_MS = 250;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** What the client can do with diagnostics, from its `initialize` capabilities. */
export interface DiagnosticCapabilities {
  /** The client pulls (`textDocument/diagnostic`): never push for documents. */
  pull: boolean;
  relatedInformation: boolean;
  /** The client supports `workspace/diagnostic/refresh`. */
  refresh: boolean;
}

/** 1-based line/column → 0-based LSP position, never negative (NaN-safe). */
function toPosition(line: number, column: number): { line: number; character: number } {
  return {
    line: Number.isFinite(line) ? Math.max(0, line - 1) : 0,
    character: Number.isFinite(column) ? Math.max(0, column - 1) : 0,
  };
}

/** Converts one finding; `undefined` when customizations turn it off. */
export function findingToDiagnostic(
  finding: Finding,
  version: number,
  settings: CreepylineSettings,
  relatedInformation: boolean,
): Diagnostic | undefined {
  const severity = customizeSeverity(finding.ruleId, finding.severity, settings.severity.customizations);
  if (!severity) return undefined;
  const data: DiagnosticData = { fingerprint: finding.fingerprint, version };
  const diagnostic: Diagnostic = {
    range: { start: toPosition(finding.range.start.line, finding.range.start.column), end: toPosition(finding.range.end.line, finding.range.end.column) },
    severity: SEVERITY[severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    // Only a link that exists: the team's hosted docs (docsBaseUrl). Otherwise "Show documentation".
    ...(finding.docsUrl ? { codeDescription: { href: finding.docsUrl } } : {}),
    message: finding.message,
    data,
  };
  if (relatedInformation && finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: {
        uri: pathToUri(r.file),
        range: { start: toPosition(r.range.start.line, r.range.start.column), end: toPosition(r.range.end.line, r.range.end.column) },
      },
      message: r.message,
    }));
  }
  return diagnostic;
}

/** The findings of a result that survive the editor-only customizations. */
export function visibleFindings(result: DocumentResult, settings: CreepylineSettings): Finding[] {
  return result.analysis.findings.filter(
    (f) => customizeSeverity(f.ruleId, f.severity, settings.severity.customizations) !== undefined,
  );
}

/** Computes, delivers and reports diagnostics for open documents and config files. */
export class DiagnosticsService {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Config-file uris we pushed problems to, per root directory (to clear them later). */
  private readonly configUris = new Map<string, Set<string>>();
  /** Document uris that received pushed diagnostics although the client pulls (workspace scan). */
  readonly pushedWhilePulling = new Set<string>();
  /** Documents opened but not yet validated (push mode validates them without debounce). */
  private readonly fresh = new Set<string>();
  /** Per document: the version and content of the diagnostics pushed last. */
  private readonly lastPushed = new Map<string, { version: number; key: string }>();
  /** Per document: the version whose dependents were last re-validated, and those dependents. */
  private readonly dependents = new Map<string, { version: number; files: string[] }>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly roots: Roots,
    private readonly settings: SettingsStore,
    private readonly status: StatusReporter,
    private readonly errors: ErrorReporter,
    private readonly capabilities: () => DiagnosticCapabilities,
  ) {}

  /**
   * Diagnostics of the document's current version, plus the status sent for it. Never
   * throws: a failing analysis yields no diagnostics and an `error` status.
   */
  async compute(document: TextDocument): Promise<Diagnostic[]> {
    const settings = await this.settings.get(document.uri);
    const outcome: ValidationOutcome = { uri: document.uri, findings: 0, validationTime: 0 };
    let diagnostics: Diagnostic[] = [];
    if (!settings.enable) {
      outcome.skippedReason = 'disabled by the setting creepyline.enable';
    } else {
      try {
        await this.roots.ensurePolicyFor(document);
        // closed while the settings were asked for: nothing to show, nothing to keep
        if (!this.roots.isOpen(document)) return [];
        const result = this.roots.analyze(document);
        if (!result) {
          outcome.skippedReason = `documents with the uri scheme of ${document.uri} cannot be analysed`;
        } else {
          outcome.validationTime = result.validationTime;
          outcome.timings = result.analysis.timings;
          outcome.configProblems = result.root.problems.length;
          if (result.analysis.skipped) {
            const reason = result.analysis.skipped.reason;
            outcome.skippedReason = reason;
            // One line per document and reason (the status item carries it too); the server
            // stays up and the other documents are analysed as usual.
            this.errors.once(`skipped:${document.uri}:${reason}`, `Not analysing ${result.file}: ${reason}.`);
          }
          const related = this.capabilities().relatedInformation;
          diagnostics = result.analysis.findings
            .map((f) => findingToDiagnostic(f, document.version, settings, related))
            .filter((d): d is Diagnostic => d !== undefined);
          this.revalidateDependents(document, result);
        }
      } catch (error) {
        this.errors.report(`Analysing ${document.uri}`, error);
        outcome.failure = describeError(error);
        diagnostics = [];
      }
    }
    outcome.findings = diagnostics.length;
    this.status.send(outcome, settings);
    return diagnostics;
  }

  /** How many debounced validations are waiting (debug statistics). */
  get pendingCount(): number {
    return this.timers.size;
  }

  /** Schedules a push validation (debounced). No-op for documents the client pulls. */
  schedule(document: TextDocument, delay = DEBOUNCE_MS): void {
    if (this.capabilities().pull) return;
    const pending = this.timers.get(document.uri);
    if (pending) clearTimeout(pending);
    this.timers.set(document.uri, setTimeout(() => {
      this.timers.delete(document.uri);
      void this.push(document.uri, document.version);
    }, delay));
  }

  /** Validates and pushes, unless a newer version of the document superseded `version`. */
  private async push(uri: string, version: number): Promise<void> {
    await this.errors.guard(`Validating ${uri}`, async () => {
      const current = this.documents.get(uri);
      if (!current || current.version !== version) return;
      const diagnostics = await this.compute(current);
      // the settings request is asynchronous: the document may have moved on meanwhile
      const after = this.documents.get(uri);
      if (!after || after.version !== version) return;
      // re-validations (index finished, a dependency changed) often change nothing: no resend
      const key = JSON.stringify(diagnostics);
      const last = this.lastPushed.get(uri);
      if (last && last.version === version && last.key === key) return;
      this.lastPushed.set(uri, { version, key });
      await this.connection.sendDiagnostics({ uri, version, diagnostics });
    }, undefined);
  }

  /** The `textDocument/diagnostic` answer: a full report, empty on any failure. */
  async pull(uri: string): Promise<DocumentDiagnosticReport> {
    return this.errors.guard(`Computing diagnostics for ${uri}`, async () => {
      const document = this.documents.get(uri);
      if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      return { kind: DocumentDiagnosticReportKind.Full, items: await this.compute(document) };
    }, { kind: DocumentDiagnosticReportKind.Full, items: [] });
  }

  /**
   * A document was opened. Pull mode: drop diagnostics a workspace scan pushed for it (the
   * client pulls its own). Push mode: its first content event validates without delay.
   */
  opened(document: TextDocument): void {
    if (this.capabilities().pull) {
      if (this.pushedWhilePulling.delete(document.uri)) {
        void this.connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
      }
      return;
    }
    this.fresh.add(document.uri);
  }

  /** The document's content changed (also fired right after open). */
  changed(document: TextDocument): void {
    const fresh = this.fresh.delete(document.uri);
    // Typing: parse each version now (incremental, a few ms) and analyse after the debounce.
    if (!fresh && !this.capabilities().pull) this.errors.guardSync(`Parsing ${document.uri}`, () => this.roots.parse(document), undefined);
    this.schedule(document, fresh ? 0 : DEBOUNCE_MS);
  }

  /**
   * Re-validates the open documents whose findings may depend on this version of
   * `document` (once per version, so re-validations never cascade in circles).
   */
  private revalidateDependents(document: TextDocument, result: DocumentResult): void {
    const previous = this.dependents.get(document.uri);
    if (previous?.version === document.version) return;
    const now = result.root.workspace.dependentsOf(result.file);
    this.dependents.set(document.uri, { version: document.version, files: now });
    this.revalidateFiles([...(previous?.files ?? []), ...now], document.uri);
  }

  /** The dependents recorded for the last analysed version of a document. */
  lastDependents(uri: string): string[] {
    return this.dependents.get(uri)?.files ?? [];
  }

  /** Re-validates the open documents among `files` (absolute paths), except `exceptUri`. */
  revalidateFiles(files: readonly string[], exceptUri?: string): void {
    if (files.length === 0) return;
    const wanted = new Set(files);
    const affected = this.documents.all().filter((d) => {
      if (d.uri === exceptUri) return false;
      const file = this.roots.fileFor(d);
      return file !== undefined && wanted.has(file);
    });
    if (affected.length === 0) return;
    for (const document of affected) this.roots.invalidate(document.uri);
    if (this.capabilities().pull) {
      if (this.capabilities().refresh) void this.connection.languages.diagnostics.refresh();
      return;
    }
    for (const document of affected) this.schedule(document, 0);
  }

  /** A document was closed: cancel pending work and clear its pushed diagnostics. */
  closed(document: TextDocument): void {
    this.dependents.delete(document.uri);
    this.lastPushed.delete(document.uri);
    const pending = this.timers.get(document.uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(document.uri);
    this.fresh.delete(document.uri);
    if (!this.capabilities().pull) void this.connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  }

  /** Re-validates every open document (configuration changed). */
  revalidateAll(): void {
    if (this.capabilities().pull) {
      if (this.capabilities().refresh) void this.connection.languages.diagnostics.refresh();
      return;
    }
    for (const document of this.documents.all()) this.schedule(document, 0);
  }

  /**
   * Pushes a root's configuration problems as diagnostics on the config files, clears
   * those of files that no longer have problems, and logs each problem once.
   */
  publishConfigProblems(root: Root): void {
    const byUri = new Map<string, Diagnostic[]>();
    for (const problem of root.problems) {
      if (!path.isAbsolute(problem.file) && !fs.existsSync(path.join(root.dir, problem.file))) {
        // the editor's own settings (creepyline.rules, creepyline.consent.* …): no file to mark
        this.errors.once(
          `settings:${root.dir}:${problem.key}:${problem.message}`,
          `Problem in the editor setting creepyline.${problem.key} for ${root.dir}: ${problem.message}. ` +
            'Fix it in the settings (user, workspace or folder); Creepyline uses the default for it until then.',
        );
        continue;
      }
      const file = path.isAbsolute(problem.file) ? problem.file : path.join(root.dir, problem.file);
      const uri = pathToUri(file);
      const list = byUri.get(uri) ?? [];
      list.push(this.configProblemDiagnostic(file, uri, problem));
      byUri.set(uri, list);
      this.errors.once(
        `config:${file}:${problem.line}:${problem.key}:${problem.message}`,
        `Configuration problem in ${file}:${problem.line}:${problem.column} at "${problem.key}": ${problem.message}. ` +
          'Creepyline uses the default for this key until it is fixed. ' +
          'Reproduce on the command line with: npx creepyline check .',
      );
    }
    const previous = this.configUris.get(root.dir) ?? new Set<string>();
    for (const uri of previous) {
      if (!byUri.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    for (const [uri, diagnostics] of byUri) void this.connection.sendDiagnostics({ uri, diagnostics });
    this.configUris.set(root.dir, new Set(byUri.keys()));
  }

  private configProblemDiagnostic(file: string, uri: string, problem: ConfigProblem): Diagnostic {
    const line = Math.max(0, problem.line - 1);
    const character = Math.max(0, problem.column - 1);
    const lineText = this.lineText(file, uri, line);
    const end = lineText !== undefined && lineText.trimEnd().length > character ? lineText.trimEnd().length : character + 1;
    return {
      range: { start: { line, character }, end: { line, character: end } },
      severity: DiagnosticSeverity.Error,
      source: DIAGNOSTIC_SOURCE,
      code: 'config',
      message: `${problem.message} (${problem.key}); the default is used instead.`,
    };
  }

  /** One line of a config file: from the open document if there is one, else from disk. */
  private lineText(file: string, uri: string, line: number): string | undefined {
    const open = this.documents.get(uri);
    try {
      const text = open ? open.getText() : fs.readFileSync(file, 'utf8');
      return text.split(/\r?\n/)[line];
    } catch {
      return undefined;
    }
  }
}
