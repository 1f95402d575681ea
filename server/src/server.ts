/**
 * Entry point of the Creepyline language server. Transport comes from argv
 * (`--stdio`, `--node-ipc`, `--socket=N`), as `createConnection` decides. This file
 * only wires LSP events to the feature modules; see README.md beside it for the design.
 */
import {
  createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, ErrorCodes,
  ProposedFeatures, ResponseError, TextDocuments, TextDocumentSyncKind,
  type CodeActionKind, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultConfigTemplate } from '@creepyline/core';
import {
  CodeActionKinds, ConfigTemplateRequest, ScanWorkspaceRequest, SETTINGS_SECTION,
  type ConfigTemplateParams, type ConfigTemplateResult, type ScanWorkspaceParams, type ScanWorkspaceResult,
} from '@creepyline/protocol';
import { buildCodeActions } from './codeActions';
import { DiagnosticsService, visibleFindings, type DiagnosticCapabilities } from './diagnostics';
import { Roots, uriToPath } from './documents';
import { ErrorReporter } from './errors';
import { buildHover } from './hover';
import { WorkspaceScanner } from './scan';
import { SettingsStore } from './settings';
import { StatusReporter } from './status';

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
  diagnostics: { pull: false, relatedInformation: false, refresh: false } as DiagnosticCapabilities,
};

const settings = new SettingsStore(connection, () => client.configuration, (m) => errors.warn(m));
const status = new StatusReporter(connection, errors);
const diagnostics = new DiagnosticsService(connection, documents, roots, settings, status, errors, () => client.diagnostics);
const scanner = new WorkspaceScanner(
  connection, documents, roots, settings, diagnostics,
  () => client.diagnostics.relatedInformation, () => client.diagnostics.pull,
);
roots.onConfigLoaded = (root) => diagnostics.publishConfigProblems(root);

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  client.configuration = caps.workspace?.configuration === true;
  client.dynamicConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  client.dynamicWatchedFiles = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  client.workspaceFolders = caps.workspace?.workspaceFolders === true;
  client.markdownHover = caps.textDocument?.hover?.contentFormat?.includes('markdown') === true;
  client.codeActionLiterals = caps.textDocument?.codeAction?.codeActionLiteralSupport !== undefined;
  client.documentChanges = caps.workspace?.workspaceEdit?.documentChanges === true;
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
    serverInfo: { name: 'creepyline', version: '0.1.0' },
  };
  if (client.diagnostics.pull) {
    result.capabilities.diagnosticProvider = { identifier: 'creepyline', interFileDependencies: false, workspaceDiagnostics: false };
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
      watchers: [{ globPattern: '**/creepyline.json' }, { globPattern: '**/.vscode/settings.json' }],
    });
  }
  if (client.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(() => {
      void errors.guard('Updating workspace folders', async () => {
        const folders = await connection.workspace.getWorkspaceFolders();
        roots.setFolders((folders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined));
        settings.clear();
        diagnostics.revalidateAll();
      }, undefined);
    });
  }
  errors.info(`Creepyline server started (${client.diagnostics.pull ? 'pull' : 'push'} diagnostics, ` +
    `${roots.folderDirs.length} workspace folder(s)).`);
});

documents.onDidOpen((e) => errors.guardSync(`Opening ${e.document.uri}`, () => diagnostics.opened(e.document), undefined));
documents.onDidChangeContent((e) => errors.guardSync(`Scheduling ${e.document.uri}`, () => diagnostics.changed(e.document), undefined));
documents.onDidClose((e) => errors.guardSync(`Closing ${e.document.uri}`, () => {
  settings.delete(e.document.uri);
  roots.close(e.document);
  diagnostics.closed(e.document);
}, undefined));

connection.onDidChangeConfiguration(() => errors.guardSync('Applying changed settings', () => {
  settings.clear();
  roots.clearResults();
  diagnostics.revalidateAll();
}, undefined));

connection.onDidChangeWatchedFiles((params) => errors.guardSync('Reloading configuration', () => {
  errors.info(`Configuration file(s) changed: ${params.changes.map((c) => uriToPath(c.uri) ?? c.uri).join(', ')}; reloading.`);
  errors.reset();
  settings.clear();
  roots.reloadConfigs();
  diagnostics.revalidateAll();
}, undefined));

connection.languages.diagnostics.on((params) => diagnostics.pull(params.textDocument.uri));

connection.onCodeAction((params) => errors.guard(`Computing code actions for ${params.textDocument.uri}`, async () => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  const docSettings = await settings.get(document.uri);
  if (!docSettings.enable) return [];
  const result = roots.analyze(document);
  if (!result || result.version !== document.version) return [];
  const resolved = result.root.config.forFile(result.file);
  const suppression = {
    requireJustification: resolved.requireJustification,
    language: /\.html?$/i.test(result.file) ? 'html' as const : 'js' as const,
    jsxFile: /\.(jsx|tsx|js|mjs|cjs)$/i.test(result.file),
  };
  return buildCodeActions(params, document, result, visibleFindings(result, docSettings), suppression,
    { documentChanges: client.documentChanges });
}, []));

connection.onHover((params) => errors.guard(`Computing hover for ${params.textDocument.uri}`, async () => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const docSettings = await settings.get(document.uri);
  if (!docSettings.enable) return null;
  const result = roots.analyze(document);
  if (!result) return null;
  return buildHover(document, visibleFindings(result, docSettings), params.position, client.markdownHover);
}, null));

connection.onRequest(ScanWorkspaceRequest, (params: ScanWorkspaceParams, token) =>
  errors.guard<ScanWorkspaceResult>('Scanning the workspace', () => scanner.scan(params ?? {}, token),
    { filesAnalysed: 0, findings: 0, skipped: 0, configProblems: 0 }));

connection.onRequest(ConfigTemplateRequest, (_params: ConfigTemplateParams): ConfigTemplateResult => {
  try {
    return { text: defaultConfigTemplate() };
  } catch (error) {
    errors.report('Creating the configuration template', error);
    throw new ResponseError(ErrorCodes.InternalError, 'Creepyline could not create the configuration template; see its output.');
  }
});

process.on('uncaughtException', (error) => errors.report('Creepyline server (uncaught exception)', error));
process.on('unhandledRejection', (error) => errors.report('Creepyline server (unhandled rejection)', error));

documents.listen(connection);
connection.listen();
