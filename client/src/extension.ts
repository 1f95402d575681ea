/**
 * The Creepyline VS Code extension: starts the language server (bundled as
 * dist/server.js, node IPC), answers its `workspace/configuration` requests from
 * `readConfiguration()`, shows its status and registers the commands. No analysis here.
 */
import * as vscode from 'vscode';
import {
  LanguageClient, RevealOutputChannelOn, TransportKind,
  type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';
import { SETTINGS_SECTION, StatusNotification, type StatusParams } from '@creepyline/protocol';
import { registerCommands } from './commands';
import { readConfiguration } from './settings';
import { LANGUAGES, StatusItem } from './status';

let client: LanguageClient | undefined;

/** Documents handed to the server: saved files and untitled editors of our languages. */
const documentSelector = [
  ...LANGUAGES.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]),
  // component files also when no Vue/Svelte/Astro extension gives them a language id
  { scheme: 'file', pattern: '**/*.{vue,svelte,astro}' },
];

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, status: StatusItem): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  let errorShown = false;
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationFailedHandler: (error) => {
      output.error(`The Creepyline server failed to start: ${error instanceof Error ? error.message : String(error)}`);
      void vscode.window.showErrorMessage('Creepyline: the server failed to start. See the output for details.', 'Open Output')
        .then((choice) => choice && output.show(true));
      return false;
    },
    middleware: {
      workspace: {
        // answer workspace/configuration for our section from the typed settings object
        configuration: async (params, token, next) => {
          const ours = params.items.map((item) => item.section === SETTINGS_SECTION);
          const others = params.items.filter((_, i) => !ours[i]);
          const answered = others.length > 0 ? await next({ items: others }, token) : [];
          if (answered instanceof Error) return answered;
          let o = 0;
          return params.items.map((item, i) => ours[i]
            ? readConfiguration(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
            : (answered as unknown[])[o++]);
        },
      },
    },
  };
  const languageClient = new LanguageClient('creepyline', 'Creepyline', serverOptions, clientOptions);
  languageClient.onNotification(StatusNotification, (params: StatusParams) => {
    status.update(params);
    if (params.state === 'error' && params.detail?.startsWith('Analysis failed') && !errorShown) {
      errorShown = true; // one notification per session; the status item keeps showing the rest
      void vscode.window.showErrorMessage(
        `Creepyline could not analyse ${vscode.Uri.parse(params.uri).fsPath}. See the output for details.`, 'Open Output',
      ).then((choice) => choice && output.show(true));
    }
  });
  return languageClient;
}

/** Activates the extension: output channel, status item, commands, server. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Creepyline', { log: true });
  const status = new StatusItem(documentSelector);
  context.subscriptions.push(output, status);
  client = createClient(context, output, status);
  context.subscriptions.push(...registerCommands({
    client: () => client,
    output,
    restart: async () => {
      status.setBusy(true);
      try {
        status.reset();
        await client?.restart();
        output.info('Creepyline server restarted.');
      } finally {
        status.setBusy(false);
      }
    },
  }));
  status.setBusy(true);
  try {
    await client.start();
  } finally {
    status.setBusy(false);
  }
}

/** Stops the server. */
export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
