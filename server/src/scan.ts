/**
 * `creepyline/scanWorkspace`: analyse every file the CLI would (the core's `discoverFiles`:
 * JS/TS, HTML, CSS; `.gitignore` and the configuration's `ignore` honoured) of every
 * workspace folder, publish diagnostics for files that are not open (open ones are
 * validated as documents), with `$/progress` and cancellation between folders.
 */
import * as path from 'node:path';
import type { CancellationToken, Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_MAX_FILE_SIZE, discoverFiles, type Finding } from '@creepyline/core';
import type { ScanWorkspaceParams, ScanWorkspaceResult } from '@creepyline/protocol';
import { findingToDiagnostic, type DiagnosticsService } from './diagnostics';
import { pathToUri, type Roots } from './documents';
import type { SettingsStore } from './settings';

/** Runs workspace scans; remembers which closed files got diagnostics so a rescan can clear them. */
export class WorkspaceScanner {
  private published = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly roots: Roots,
    private readonly settings: SettingsStore,
    private readonly diagnostics: DiagnosticsService,
    private readonly relatedInformation: () => boolean,
    private readonly pull: () => boolean,
  ) {}

  /** Handles one scan request. */
  async scan(params: ScanWorkspaceParams, token: CancellationToken): Promise<ScanWorkspaceResult> {
    const progress = params.workDoneToken !== undefined
      ? this.connection.window.attachWorkDoneProgress(params.workDoneToken)
      : await this.connection.window.createWorkDoneProgress();
    const result: ScanWorkspaceResult = { filesAnalysed: 0, findings: 0, skipped: 0, configProblems: 0 };
    const folders = this.roots.folderDirs;
    progress.begin('Creepyline: scanning workspace', 0, `${folders.length} folder(s)`, true);
    const publishedNow = new Set<string>();
    try {
      for (const [index, folder] of folders.entries()) {
        if (token.isCancellationRequested || (progress as { token?: CancellationToken }).token?.isCancellationRequested) {
          result.cancelled = true;
          break;
        }
        progress.report(Math.round((index / folders.length) * 100), `${path.basename(folder)}: listing files`);
        await this.roots.ensurePolicy(folder);
        const root = this.roots.root(folder);
        const { files, skipped } = discoverFiles({
          root: folder, paths: ['.'], useIgnoreFiles: true,
          isIgnored: (f) => root.config.isIgnored(f), maxFileSize: DEFAULT_MAX_FILE_SIZE,
        });
        progress.report(Math.round((index / folders.length) * 100), `${path.basename(folder)}: analysing ${files.length} file(s)`);
        const analysis = root.workspace.analyzeFiles(files);
        result.filesAnalysed += analysis.filesAnalysed;
        // set aside while listing (binary, too large, unreadable, symlink loops) or while analysing
        result.skipped += skipped.length + analysis.skipped.length;
        result.configProblems += analysis.configProblems.length;
        const settings = await this.settings.get(pathToUri(folder));
        if (!settings.enable) continue;
        const byFile = new Map<string, Finding[]>();
        for (const finding of analysis.findings) {
          const file = path.isAbsolute(finding.file) ? finding.file : path.join(folder, finding.file);
          const list = byFile.get(file) ?? [];
          list.push(finding);
          byFile.set(file, list);
        }
        for (const [file, findings] of byFile) {
          const uri = pathToUri(file);
          const diagnostics = findings
            .map((f) => findingToDiagnostic(f, -1, settings, this.relatedInformation()))
            .filter((d): d is Diagnostic => d !== undefined);
          result.findings += diagnostics.length;
          if (this.documents.get(uri)) continue; // open documents keep their own (versioned) diagnostics
          void this.connection.sendDiagnostics({ uri, diagnostics });
          publishedNow.add(uri);
          if (this.pull()) this.diagnostics.pushedWhilePulling.add(uri);
        }
      }
      // files that had findings in the previous scan and have none now
      if (!result.cancelled) {
        for (const uri of this.published) {
          if (!publishedNow.has(uri) && !this.documents.get(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
        }
        this.published = publishedNow;
      } else {
        for (const uri of publishedNow) this.published.add(uri);
      }
    } finally {
      progress.done();
    }
    return result;
  }
}
