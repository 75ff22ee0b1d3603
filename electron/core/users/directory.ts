import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { appError, err, ok, type Result } from '../../../shared/result';
import type { Actor, Role } from '../../../shared/workflow';
import type { CredentialRecord, UserRecord, UserStore } from '../store/users';
import { DEFAULT_PASSWORD_COST, hashPassword, passwordProblem, verifyPassword, type PasswordCost } from './password';
import { createLoginThrottle, DEFAULT_THROTTLE, type ThrottlePolicy } from './throttle';

/** A sign-in session lasts a shift and a half, then the person signs in again. */
export const SESSION_TTL_MS = 12 * 60 * 60_000;
/** Sign-in names: lower-case letters, digits, dot, dash, underscore. */
const NAME_SHAPE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** Personal tokens and sessions are recognisable by their prefix (secret scanners, logs): 32 random bytes after it. */
const TOKEN_PREFIX = 'eat_';
const SESSION_PREFIX = 'ess_';

/** Options for the directory; `now` is wall time (never a sped-up hub clock). */
export interface UserDirectoryOptions {
  readonly store: UserStore;
  readonly now?: () => number;
  readonly cost?: PasswordCost;
  readonly throttle?: ThrottlePolicy;
  readonly sessionTtlMs?: number;
}

/** Who a request is: the user and the credential that proved it. */
export interface Principal {
  readonly user: UserRecord;
  readonly credential: CredentialRecord;
}

/** What signing in gave. */
export type LoginOutcome =
  | { readonly ok: true; readonly secret: string; readonly user: UserRecord; readonly expiresAt: number }
  | { readonly ok: false; readonly reason: 'wrong' }
  | { readonly ok: false; readonly reason: 'throttled'; readonly retryAfterMs: number };

/** A new user. */
export interface NewUser {
  readonly name: string;
  readonly role: Role;
  readonly displayName?: string;
  readonly password?: string;
}

/** People, their passwords, sessions and personal tokens. */
export interface UserDirectory {
  addUser(input: NewUser): Promise<Result<UserRecord>>;
  setPassword(name: string, password: string): Promise<Result<void>>;
  setRole(name: string, role: Role): Promise<Result<UserRecord>>;
  /** Disabling signs the user out everywhere and revokes their tokens. */
  setDisabled(name: string, disabled: boolean): Promise<Result<UserRecord>>;
  list(): Promise<UserRecord[]>;
  /** Checks a password (throttled by name and by `address`); a right one opens a session. */
  login(name: string, password: string, address: string, desk: string): Promise<LoginOutcome>;
  /** The principal behind a session or token secret; null when unknown, expired, revoked or the user disabled. */
  authenticate(secret: string): Promise<Principal | null>;
  /** Ends the session (or revokes the token) this secret is. */
  logout(secret: string): Promise<void>;
  /** A new personal API token for `name`: the secret is shown once; only its hash is kept. */
  createToken(name: string, label: string): Promise<Result<{ readonly id: string; readonly secret: string }>>;
  /** Revokes one credential by id; false when there was no live one. */
  revoke(credentialId: string): Promise<boolean>;
  /** Ends every session of `name` (tokens stay). */
  revokeSessions(name: string): Promise<Result<number>>;
  credentials(name: string): Promise<Result<CredentialRecord[]>>;
}

const sha256 = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');
const newSecret = (prefix: string): string => `${prefix}${randomBytes(32).toString('base64url')}`;
const noUser = (name: string) => err(appError('not-found', `No user "${name}".`));

/** The actor a principal acts as at `desk`: every command is authorized by their role and audited as them. */
export const actorOf = (principal: Principal, desk: string): Actor => ({
  id: principal.user.id,
  name: principal.user.displayName,
  role: principal.user.role,
  desk: desk.slice(0, 200),
});

/** Builds the directory over the store's users tables. */
export function createUserDirectory(options: UserDirectoryOptions): UserDirectory {
  const { store } = options;
  const now = options.now ?? Date.now;
  const cost = options.cost ?? DEFAULT_PASSWORD_COST;
  const throttle = createLoginThrottle(store, options.throttle ?? DEFAULT_THROTTLE);
  const ttl = options.sessionTtlMs ?? SESSION_TTL_MS;
  // Unknown names cost a hash too, so timing does not tell which names exist.
  let decoy: Promise<string> | null = null;
  const decoyHash = (): Promise<string> => (decoy ??= hashPassword(randomUUID(), cost));
  const named = async (name: string): Promise<UserRecord | null> => store.getUserByName(name.trim().toLowerCase());

  const update = async (name: string, change: (u: UserRecord) => UserRecord): Promise<Result<UserRecord>> => {
    const user = await named(name);
    if (user === null) return noUser(name);
    const next = change(user);
    await store.putUser(next);
    return ok(next);
  };

  const issue = async (user: UserRecord, kind: CredentialRecord['kind'], label: string, expiresAt: number | null) => {
    const secret = newSecret(kind === 'token' ? TOKEN_PREFIX : SESSION_PREFIX);
    const credential: CredentialRecord = {
      id: randomUUID(),
      userId: user.id,
      kind,
      hash: sha256(secret),
      label: label.slice(0, 200),
      createdAt: now(),
      expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    };
    await store.putCredential(credential);
    return { id: credential.id, secret };
  };

  return {
    async addUser(input) {
      const name = input.name.trim().toLowerCase();
      if (!NAME_SHAPE.test(name)) {
        return err(appError('invalid-name', 'A user name is 1-64 of a-z 0-9 . _ - and starts with a letter or digit.'));
      }
      if ((await store.getUserByName(name)) !== null) return err(appError('exists', `User "${name}" exists.`));
      const problem = input.password === undefined ? null : passwordProblem(input.password);
      if (problem !== null) return err(appError('weak-password', problem));
      const user: UserRecord = {
        id: randomUUID(),
        name,
        displayName: (input.displayName ?? name).slice(0, 200),
        role: input.role,
        passwordHash: input.password === undefined ? null : await hashPassword(input.password, cost),
        disabled: false,
        createdAt: now(),
      };
      await store.putUser(user);
      return ok(user);
    },
    async setPassword(name, password) {
      const problem = passwordProblem(password);
      if (problem !== null) return err(appError('weak-password', problem));
      const passwordHash = await hashPassword(password, cost);
      const updated = await update(name, (u) => ({ ...u, passwordHash }));
      if (!updated.ok) return updated;
      await store.revokeCredentials({ userId: updated.value.id, kind: 'session' }, now());
      return ok(undefined);
    },
    setRole: (name, role) => update(name, (u) => ({ ...u, role })),
    async setDisabled(name, disabled) {
      const updated = await update(name, (u) => ({ ...u, disabled }));
      if (updated.ok && disabled) await store.revokeCredentials({ userId: updated.value.id }, now());
      return updated;
    },
    list: () => store.listUsers(),
    async login(name, password, address, desk) {
      const key = name.trim().toLowerCase().slice(0, 64);
      const keys = [`name:${key}`, `addr:${address}`];
      const wait = await throttle.waitMs(keys, now());
      if (wait > 0) return { ok: false, reason: 'throttled', retryAfterMs: wait };
      const user = await named(key);
      const hash = user?.passwordHash ?? (await decoyHash());
      const matches = (await verifyPassword(password.slice(0, 1024), hash)) && user !== null && !user.disabled;
      if (!matches || user === null || user.passwordHash === null) {
        await throttle.fail(keys, now());
        return { ok: false, reason: 'wrong' };
      }
      await throttle.succeed(keys);
      const expiresAt = now() + ttl;
      const { secret } = await issue(user, 'session', desk, expiresAt);
      return { ok: true, secret, user, expiresAt };
    },
    async authenticate(secret) {
      if (!secret.startsWith(TOKEN_PREFIX) && !secret.startsWith(SESSION_PREFIX)) return null;
      const credential = await store.findCredential(sha256(secret));
      const at = now();
      if (credential === null || credential.revokedAt !== null) return null;
      if (credential.expiresAt !== null && credential.expiresAt <= at) return null;
      const user = await store.getUser(credential.userId);
      if (user === null || user.disabled) return null;
      if (credential.lastUsedAt === null || at - credential.lastUsedAt > 60_000) {
        await store.touchCredential(credential.id, at);
      }
      return { user, credential };
    },
    async logout(secret) {
      const credential = await store.findCredential(sha256(secret));
      if (credential !== null) await store.revokeCredentials({ id: credential.id }, now());
    },
    async createToken(name, label) {
      const user = await named(name);
      if (user === null) return noUser(name);
      return ok(await issue(user, 'token', label, null));
    },
    revoke: async (credentialId) => (await store.revokeCredentials({ id: credentialId }, now())) > 0,
    async revokeSessions(name) {
      const user = await named(name);
      if (user === null) return noUser(name);
      return ok(await store.revokeCredentials({ userId: user.id, kind: 'session' }, now()));
    },
    async credentials(name) {
      const user = await named(name);
      if (user === null) return noUser(name);
      return ok(await store.listCredentials(user.id));
    },
  };
}
