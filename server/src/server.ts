/**
 * Entry point of the Creepyline language server. Transport comes from argv
 * (`--stdio`, `--node-ipc`, `--socket=N`), as `createConnection` decides. This file
 * only wires LSP events to the feature modules; see README.md beside it for the design.
 */
import {
  createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, ErrorCodes,
  FileChangeType, ProposedFeatures, ResponseError, TextDocuments, TextDocumentSyncKind,
  type CodeActionKind, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import { ANALYSED_EXTENSIONS, CONFIG_FILE_NAMES, commentLanguageOf, defaultConfigTemplate, inlineTemplateRanges, getRule, ruleDocMarkdown, type RawConfig } from '@creepyline/core';
import {
  CodeActionKinds, ConfigTemplateRequest, DebugStatsRequest, InventoryRequest, RuleDocumentationRequest, ScanWorkspaceRequest, SETTINGS_SECTION,
  type ConfigTemplateParams, type ConfigTemplateResult, type DebugStatsParams, type DebugStatsResult,
  type InventoryParams, type InventoryResult,
  type RuleDocumentationParams, type RuleDocumentationResult,
  type ScanWorkspaceParams, type ScanWorkspaceResult,
} from '@creepyline/protocol';
import { buildCodeActions } from './codeActions';
import { DiagnosticsService, visibleFindings, type DiagnosticCapabilities } from './diagnostics';
import { pathToUri, Roots, uriToPath } from './documents';
import { ErrorReporter } from './errors';
import { buildHover } from './hover';
import { BackgroundIndexer } from './indexer';
import { computeInventory } from './inventory';
import { WorkspaceScanner } from './scan';
import { SettingsStore } from './settings';
import { StatusReporter } from './status';

/** The server's version (reported in `initialize` and in the inventory). */
const SERVER_VERSION = '0.1.0';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const errors = new ErrorReporter(connection);
const roots = new Roots();

/** Client capabilities that change what the server does (STYLE 15). */
const client = {
  configuration: false,
  dynamicConfiguration: false,
  dynamicWatchedFiles: false,
  workspaceFolders: false,
  markdownHover: false,
  codeActionLiterals: false,
  documentChanges: false,
  workDoneProgress: false,
  diagnostics: { pull: false, relatedInformation: false, refresh: false } as DiagnosticCapabilities,
};

const settings = new SettingsStore(connection, () => client.configuration, (m) => errors.warn(m));
const status = new StatusReporter(connection, errors);
const diagnostics = new DiagnosticsService(connection, documents, roots, settings, status, errors, () => client.diagnostics);
const scanner = new WorkspaceScanner(
  connection, documents, roots, settings, diagnostics,
  () => client.diagnostics.relatedInformation, () => client.diagnostics.pull,
);
const indexer = new BackgroundIndexer(connection, roots, errors, () => client.workDoneProgress, () => {
  // callers in files that are not open are known now
  roots.clearResults();
  diagnostics.revalidateAll();
});
roots.onConfigLoaded = (root) => diagnostics.publishConfigProblems(root);
roots.onConfigReplaced = (root) => {
  void indexer.indexRoot(root);
  diagnostics.revalidateAll();
};
roots.openDocuments = () => documents.all();
roots.onPolicyChanged = (dir, policy) => errors.info(policy
  ? `Editor settings ${Object.keys(policy).map((k) => `creepyline.${k}`).join(', ')} apply to ${dir} (creepyline.json still wins).`
  : `No creepyline.* policy settings for ${dir} any more.`);
// creepyline.rules, creepyline.consent.* …: the folder's settings, between defaults and creepyline.json
roots.policySource = async (dir) => {
  const { policy } = await settings.get(pathToUri(dir));
  return Object.keys(policy).length > 0 ? (policy as RawConfig) : undefined;
};

/** Loads the editor policy of each workspace folder, then indexes its files in the background. */
function indexFolders(folders: readonly string[]): void {
  for (const folder of folders) {
    void errors.guard(`Indexing ${folder}`, async () => {
      await roots.ensurePolicy(folder);
      await indexer.indexRoot(roots.root(folder));
    }, undefined);
  }
}

/** Globs of the files whose changes on disk the server wants to hear about. */
const CONFIG_GLOBS = [...CONFIG_FILE_NAMES.map((name) => `**/${name}`), '**/.vscode/settings.json'];
const SOURCE_GLOB = `**/*.{${[...ANALYSED_EXTENSIONS].map((e) => e.slice(1)).join(',')}}`;

function isConfigFile(file: string): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(path.basename(file)) ||
    (path.basename(file) === 'settings.json' && path.basename(path.dirname(file)) === '.vscode');
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  client.configuration = caps.workspace?.configuration === true;
  client.dynamicConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  client.dynamicWatchedFiles = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  client.workspaceFolders = caps.workspace?.workspaceFolders === true;
  client.markdownHover = caps.textDocument?.hover?.contentFormat?.includes('markdown') === true;
  client.codeActionLiterals = caps.textDocument?.codeAction?.codeActionLiteralSupport !== undefined;
  client.documentChanges = caps.workspace?.workspaceEdit?.documentChanges === true;
  client.workDoneProgress = caps.window?.workDoneProgress === true;
  client.diagnostics = {
    pull: caps.textDocument?.diagnostic !== undefined,
    relatedInformation: caps.textDocument?.publishDiagnostics?.relatedInformation === true,
    refresh: caps.workspace?.diagnostics?.refreshSupport === true,
  };

  const folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
  if (folders.length === 0 && params.rootUri) {
    const root = uriToPath(params.rootUri);
    if (root) folders.push(root);
  } else if (folders.length === 0 && params.rootPath) {
    folders.push(params.rootPath);
  }
  roots.setFolders(folders);

  const codeActionKinds: CodeActionKind[] = [
    CodeActionKinds.quickFix, CodeActionKinds.suppressLine, CodeActionKinds.suppressFile, CodeActionKinds.fixAll,
  ];
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      // kinds only for clients that understand CodeAction literals (vscode-eslint, Biome)
      codeActionProvider: client.codeActionLiterals ? { codeActionKinds } : true,
    },
    serverInfo: { name: 'creepyline', version: SERVER_VERSION },
  };
  if (client.diagnostics.pull) {
    // a document's findings depend on its callers in other documents (tracking wrappers)
    result.capabilities.diagnosticProvider = { identifier: 'creepyline', interFileDependencies: true, workspaceDiagnostics: false };
  }
  if (client.workspaceFolders) {
    result.capabilities.workspace = { workspaceFolders: { supported: true, changeNotifications: true } };
  }
  return result;
});

connection.onInitialized(() => {
  if (client.dynamicConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
  }
  if (client.dynamicWatchedFiles) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [...CONFIG_GLOBS, SOURCE_GLOB].map((globPattern) => ({ globPattern })),
    });
  }
  if (client.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(() => {
      void errors.guard('Updating workspace folders', async () => {
        const folders = await connection.workspace.getWorkspaceFolders();
        const before = new Set(roots.folderDirs);
        roots.setFolders((folders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined));
        settings.clear();
        diagnostics.revalidateAll();
        indexFolders(roots.folderDirs.filter((dir) => !before.has(dir)));
      }, undefined);
    });
  }
  errors.info(`Creepyline server started (${client.diagnostics.pull ? 'pull' : 'push'} diagnostics, ` +
    `${roots.folderDirs.length} workspace folder(s)).`);
  indexFolders(roots.folderDirs);
});

documents.onDidOpen((e) => errors.guardSync(`Opening ${e.document.uri}`, () => diagnostics.opened(e.document), undefined));
documents.onDidChangeContent((e) => errors.guardSync(`Scheduling ${e.document.uri}`, () => diagnostics.changed(e.document), undefined));
documents.onDidClose((e) => errors.guardSync(`Closing ${e.document.uri}`, () => {
  settings.delete(e.document.uri);
  const before = diagnostics.lastDependents(e.document.uri);
  // the file's text on disk replaces the unsaved editor text in the index
  const closed = roots.close(e.document);
  diagnostics.closed(e.document);
  if (closed) diagnostics.revalidateFiles([...before, ...closed.root.workspace.dependentsOf(closed.file)]);
}, undefined));

connection.onDidChangeConfiguration(() => errors.guardSync('Applying changed settings', () => {
  settings.clear();
  roots.clearResults();
  diagnostics.revalidateAll();
}, undefined));

connection.onDidChangeWatchedFiles((params) => errors.guardSync('Handling changed files', () => {
  const files = params.changes
    .map((c) => ({ file: uriToPath(c.uri), deleted: c.type === FileChangeType.Deleted }))
    .filter((c): c is { file: string; deleted: boolean } => c.file !== undefined);
  const configs = files.filter((c) => isConfigFile(c.file));
  if (configs.length > 0) {
    errors.info(`Configuration file(s) changed: ${configs.map((c) => c.file).join(', ')}; reloading.`);
    errors.reset();
    settings.clear();
    // replaced configurations re-index their folders (onConfigReplaced)
    roots.reloadConfigs();
    diagnostics.revalidateAll();
    return;
  }
  const affected = new Set<string>();
  for (const change of files) {
    for (const file of indexer.fileChanged(change.file, change.deleted)?.affected ?? []) affected.add(file);
  }
  diagnostics.revalidateFiles([...affected]);
}, undefined));

connection.languages.diagnostics.on((params) => diagnostics.pull(params.textDocument.uri));

connection.onCodeAction((params) => errors.guard(`Computing code actions for ${params.textDocument.uri}`, async () => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  const docSettings = await settings.get(document.uri);
  if (!docSettings.enable) return [];
  await roots.ensurePolicyFor(document);
  const result = roots.analyze(document);
  if (!result || result.version !== document.version) return [];
  const resolved = result.root.config.forFile(result.file);
  const suppression = {
    requireJustification: resolved.requireJustification,
    language: commentLanguageOf(result.file),
    jsxFile: /\.(jsx|tsx|js|mjs|cjs)$/i.test(result.file),
    markupRanges: /\.[cm]?[jt]s$/i.test(result.file) ? inlineTemplateRanges(document.getText()) : undefined,
  };
  return buildCodeActions(params, document, result, visibleFindings(result, docSettings), suppression,
    { documentChanges: client.documentChanges });
}, []));

connection.onHover((params) => errors.guard(`Computing hover for ${params.textDocument.uri}`, async () => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const docSettings = await settings.get(document.uri);
  if (!docSettings.enable) return null;
  await roots.ensurePolicyFor(document);
  const result = roots.analyze(document);
  if (!result) return null;
  return buildHover(document, visibleFindings(result, docSettings), params.position, client.markdownHover);
}, null));

connection.onRequest(ScanWorkspaceRequest, (params: ScanWorkspaceParams, token) =>
  errors.guard<ScanWorkspaceResult>('Scanning the workspace', () => scanner.scan(params ?? {}, token),
    { filesAnalysed: 0, findings: 0, skipped: 0, configProblems: 0 }));

connection.onRequest(InventoryRequest, (params: InventoryParams | undefined) =>
  errors.guard<InventoryResult>('Computing the privacy inventory', () => computeInventory(roots, params ?? {}, SERVER_VERSION), null));

connection.onRequest(RuleDocumentationRequest, (params: RuleDocumentationParams): RuleDocumentationResult => {
  const rule = typeof params?.ruleId === 'string' ? getRule(params.ruleId) : undefined;
  return rule ? { ruleId: rule.id, markdown: ruleDocMarkdown(rule) } : null;
});

connection.onRequest(ConfigTemplateRequest, (_params: ConfigTemplateParams): ConfigTemplateResult => {
  try {
    return { text: defaultConfigTemplate() };
  } catch (error) {
    errors.report('Creating the configuration template', error);
    throw new ResponseError(ErrorCodes.InternalError, 'Creepyline could not create the configuration template; see its output.');
  }
});

// Internal, for tests only (see DebugStatsRequest): memory and cache sizes.
connection.onRequest(DebugStatsRequest, (params: DebugStatsParams | undefined): DebugStatsResult => {
  const gc = (globalThis as { gc?: () => void }).gc;
  const gcRan = params?.gc === true && typeof gc === 'function';
  if (gcRan) gc!();
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return {
    memory: { rss, heapTotal, heapUsed, external, arrayBuffers },
    gcRan,
    openDocuments: documents.all().length,
    cachedResults: roots.cachedResultCount,
    pendingValidations: diagnostics.pendingCount,
    roots: roots.allRoots().map((root) => ({ dir: root.dir, ...root.workspace.cacheStats() })),
  };
});

process.on('uncaughtException', (error) => errors.report('Creepyline server (uncaught exception)', error));
process.on('unhandledRejection', (error) => errors.report('Creepyline server (unhandled rejection)', error));

documents.listen(connection);
connection.listen();
