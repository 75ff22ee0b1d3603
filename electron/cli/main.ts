import { VERSION } from '../../shared/version';
import { BootError, VaultError, bootHub } from '../core';
import { runBacktest } from './commands/backtest';
import { runIncidents } from './commands/incidents';
import { runNab } from './commands/nab';
import { runReplay } from './commands/replay';
import { runSentiment } from './commands/sentiment';
import { runServe } from './commands/serve';
import { runUsers } from './commands/users';

const HELP = `Earshot ${VERSION} — a social-listening command center

Usage: earshot <command> [options]

Commands:
  serve       start the hub and serve the wall (earshot serve --demo)
  replay      stream a CSV/JSONL export through the pipeline at N× speed
  sentiment   label texts from stdin, one per line
  nab         run the detector over a Numenta Anomaly Benchmark corpus
  backtest    re-run detection over stored history or a file
  incidents   list stored incidents: severity, state, owner, times
  users       people who sign in: add, roles, passwords, personal tokens, sign-out
  version     print the version

Run "earshot <command> --help" for a command's options.
`;

type Command = (args: ReadonlyArray<string>) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  serve: runServe,
  replay: (args) => runReplay(args, { bootHub }),
  sentiment: (args) => runSentiment(args, process.stdin, process.stdout),
  nab: runNab,
  backtest: (args) => runBacktest(args),
  incidents: (args) => runIncidents(args),
  users: (args) => runUsers(args),
  version: async () => {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  },
};

/** Dispatches `earshot <command>`; user errors print one readable line and exit 1. */
export async function main(argv: ReadonlyArray<string>): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (name === '--version') return COMMANDS.version!([]);
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`earshot: unknown command "${name}". Run "earshot --help".\n`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (error) {
    if (
      error instanceof BootError ||
      error instanceof VaultError ||
      (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      process.stderr.write(`earshot ${name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `earshot: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 70;
  },
);
