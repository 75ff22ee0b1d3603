/**
 * `earshot users …`: the people who may sign in to a hub — add, list, change role, set a password, disable,
 * issue and revoke personal API tokens, end sessions. The work is the core's user directory; this parses
 * arguments and prints. Passwords are read from stdin (`--password-stdin`), never from the command line.
 */
import { parseArgs } from 'node:util';
import { RoleSchema, type Role } from '../../../shared/workflow';
import type { Result } from '../../../shared/result';
import {
  chooseStore,
  createUserDirectory,
  defaultDataDir,
  openStore,
  systemClock,
  type UserDirectory,
} from '../../core';

export const USERS_HELP = `Usage: earshot users <action> [options]

Actions:
  list                                 the users, their roles and whether they are disabled
  add NAME --role ROLE [--display-name "Full Name"] [--password-stdin]
  role NAME ROLE                       change a user's role (executive, staff, supervisor, admin)
  passwd NAME --password-stdin         set a password (ends the user's sessions)
  disable NAME | enable NAME           disabling signs the user out everywhere and revokes their tokens
  token NAME [--label TEXT]            a new personal API token (shown once: "Authorization: Bearer eat_…")
  credentials NAME                     the user's sessions and tokens (ids, labels, dates; never secrets)
  revoke ID                            revoke one session or token by id
  signout NAME                         end every session of the user

Options:
  --data-dir DIR     the hub's data folder (default: EARSHOT_DATA_DIR or the OS's app data folder);
                     with DATABASE_URL set, the team hub's PostgreSQL database instead
  --password-stdin   read the password from the first line of stdin
  -h, --help         show this help
`;

/** What the command needs from outside; tests pass their own streams and environment. */
export interface UsersDeps {
  readonly stdin?: NodeJS.ReadableStream;
  readonly stdout?: NodeJS.WritableStream;
  readonly stderr?: NodeJS.WritableStream;
  readonly env?: NodeJS.ProcessEnv;
}

const OPTIONS = {
  'data-dir': { type: 'string' },
  role: { type: 'string' },
  'display-name': { type: 'string' },
  label: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

interface Run {
  readonly users: UserDirectory;
  readonly values: Values;
  readonly args: ReadonlyArray<string>;
  readonly out: (line: string) => void;
  readonly password: () => Promise<string>;
}

async function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

const date = (t: number | null): string =>
  t === null ? '-' : new Date(t).toISOString().slice(0, 16).replace('T', ' ');

function parseRole(text: string | undefined): Role {
  const parsed = RoleSchema.safeParse(text);
  if (!parsed.success) throw new UsageError(`a role is one of ${RoleSchema.options.join(', ')}; got "${text ?? ''}".`);
  return parsed.data;
}

class UsageError extends Error {}

function need<T>(result: Result<T>): T {
  if (!result.ok) throw new UsageError(result.error.message);
  return result.value;
}

const ACTIONS: Readonly<Record<string, (run: Run, name: string) => Promise<void>>> = {
  async list({ users, out }) {
    const all = await users.list();
    if (all.length === 0) out('No users: add one with "earshot users add NAME --role ROLE --password-stdin".');
    for (const u of all)
      out(`${u.name.padEnd(20)} ${u.role.padEnd(10)} ${u.disabled ? 'disabled' : 'active  '} ${u.displayName}`);
  },
  async add({ users, values, out, password }, name) {
    const role = parseRole(values.role);
    const pw = values['password-stdin'] ? await password() : undefined;
    const added = need(
      await users.addUser({
        name,
        role,
        ...(values['display-name'] ? { displayName: values['display-name'] } : {}),
        ...(pw !== undefined ? { password: pw } : {}),
      }),
    );
    out(`Added ${added.name} (${added.role})${pw === undefined ? ': no password yet, sign-in by token only' : ''}.`);
  },
  async role({ users, args, out }, name) {
    const updated = need(await users.setRole(name, parseRole(args[2])));
    out(`${updated.name} is now ${updated.role}.`);
  },
  async passwd({ users, values, out, password }, name) {
    if (!values['password-stdin']) throw new UsageError('give the password on stdin with --password-stdin.');
    need(await users.setPassword(name, await password()));
    out(`Password set for ${name}; their sessions have ended.`);
  },
  async disable({ users, out }, name) {
    need(await users.setDisabled(name, true));
    out(`${name} is disabled: signed out everywhere, tokens revoked.`);
  },
  async enable({ users, out }, name) {
    need(await users.setDisabled(name, false));
    out(`${name} is enabled (issue new tokens as needed).`);
  },
  async token({ users, values, out }, name) {
    const token = need(await users.createToken(name, values.label ?? 'personal token'));
    out(`Token ${token.id} for ${name} (shown once, keep it secret):`);
    out(token.secret);
  },
  async credentials({ users, out }, name) {
    for (const c of need(await users.credentials(name))) {
      const state =
        c.revokedAt !== null ? 'revoked' : c.expiresAt !== null && c.expiresAt < Date.now() ? 'expired' : 'live';
      out(
        `${c.id}  ${c.kind.padEnd(7)} ${state.padEnd(7)} created ${date(c.createdAt)}  used ${date(c.lastUsedAt)}  ${c.label}`,
      );
    }
  },
  async revoke({ users, out }, id) {
    out((await users.revoke(id)) ? `Revoked ${id}.` : `No live session or token ${id}.`);
  },
  async signout({ users, out }, name) {
    out(`Ended ${need(await users.revokeSessions(name))} session(s) of ${name}.`);
  },
};

/** Runs `earshot users`; resolves to the exit code (0 ok, 1 a refused action, 2 usage). */
export async function runUsers(args: ReadonlyArray<string>, deps: UsersDeps = {}): Promise<number> {
  const stdout = deps.stdout ?? process.stdout;
  const stderr = deps.stderr ?? process.stderr;
  const { values, positionals } = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true });
  const [action, name] = positionals;
  const handler = action === undefined ? undefined : ACTIONS[action];
  if (values.help || handler === undefined || (action !== 'list' && name === undefined)) {
    (values.help ? stdout : stderr).write(USERS_HELP);
    return values.help ? 0 : 2;
  }
  const env = deps.env ?? process.env;
  const dataDir = values['data-dir'] ?? env.EARSHOT_DATA_DIR ?? defaultDataDir(env);
  const choice = chooseStore({}, env, dataDir);
  const opened = choice.ok ? await openStore(choice.value, { clock: systemClock() }) : choice;
  if (!opened.ok) {
    stderr.write(`earshot users: ${opened.error.message}\n`);
    return 1;
  }
  const store = opened.value;
  const out = (line: string): void => void stdout.write(`${line}\n`);
  const run: Run = {
    users: createUserDirectory({ store }),
    values,
    args: positionals,
    out,
    password: () => firstLine(deps.stdin ?? process.stdin),
  };
  try {
    await handler(run, name ?? '');
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`earshot users ${action}: ${error.message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}
