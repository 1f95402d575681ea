/**
 * Entry point of the `creepyline` command. `main` parses the arguments, runs the command
 * and returns the exit code; it never calls `process.exit`, so tests can run it
 * in-process and the bin script owns the process.
 */
import packageJson from '../package.json';
import { THIRD_PARTY_WEB_VERSION } from '@creepyline/core/src/knowledge/third-party-web-version';
import { checkHelp, commandHelp, generalHelp, parseArgs, UsageError } from './args';
import type { CliIO } from './io';

export type { CliIO } from './io';

/** The CLI's version (from its package.json). */
export const VERSION: string = packageJson.version;

/** The commands besides check, loaded on demand like check. */
function commands(): typeof import('./commands') {
  return require('./commands') as typeof import('./commands');
}

/** Runs the CLI with `argv` (without `node` and the script path); resolves to the exit code. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  try {
    const command = parseArgs(argv);
    switch (command.kind) {
      case 'version':
        // the dataset host classification comes from: a new dataset can change findings
        io.stdout.write(`${VERSION}\nthird-party-web ${THIRD_PARTY_WEB_VERSION}\n`);
        return 0;
      case 'help':
        io.stdout.write(command.topic === undefined ? generalHelp(VERSION) : command.topic === 'check' ? checkHelp() : commandHelp(command.topic));
        return 0;
      case 'rules':
        return commands().runRules(command.format, io);
      case 'explain':
        return commands().runExplain(command.rule, io);
      case 'init':
        return commands().runInit(command, io);
      case 'merge-sarif':
        return commands().runMergeSarif(command.inputs, command.output, io);
      case 'inventory':
        return await (require('./inventory') as typeof import('./inventory')).runInventory(command.options, io, VERSION);
      case 'check':
        // Loaded on demand: --help and --version must not pay for loading the analyser.
        // `require`, not `import()`: the bundle and tsx's CommonJS hook both resolve it.
        return await (require('./check') as typeof import('./check')).runCheck(command.options, io, VERSION);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`creepyline: ${error.message}\n`);
      return 2;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`creepyline: internal error, please report it with the command that reproduces it.\n${detail}\n`);
    return 2;
  }
}
