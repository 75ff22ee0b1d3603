import type { Role } from '../../../shared/workflow';
import type { ThrottleStore } from './throttle';

/** A person who signs in to a team hub. */
export interface UserRecord {
  readonly id: string;
  /** The sign-in name: lower case, unique. */
  readonly name: string;
  readonly displayName: string;
  readonly role: Role;
  /** scrypt hash (see users/password.ts); null: no password set, signs in only with a personal token. */
  readonly passwordHash: string | null;
  readonly disabled: boolean;
  readonly createdAt: number;
}

/** A login session or a personal API token: only its SHA-256 is stored, never the secret. */
export interface CredentialRecord {
  readonly id: string;
  readonly userId: string;
  readonly kind: 'session' | 'token';
  /** Hex SHA-256 of the secret. */
  readonly hash: string;
  /** What the user called the token ("wall TV"), or the desk a session signed in from. */
  readonly label: string;
  readonly createdAt: number;
  /** null: never (tokens until revoked). */
  readonly expiresAt: number | null;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}

/** The users half of the store: people, their sessions, their personal tokens and the login throttle. */
export interface UserStore extends ThrottleStore {
  /** Inserts a user or replaces the one with the same id. A clash on `name` is an error. */
  putUser(user: UserRecord): Promise<void>;
  getUserByName(name: string): Promise<UserRecord | null>;
  getUser(id: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  putCredential(credential: CredentialRecord): Promise<void>;
  /** The credential with this hash, revoked or not, expired or not: the caller decides. */
  findCredential(hash: string): Promise<CredentialRecord | null>;
  /** Records a use (at most once a minute is enough for callers that care). */
  touchCredential(id: string, at: number): Promise<void>;
  /** Revokes one credential by id, or all of a user's (of one kind); returns how many were live. */
  revokeCredentials(
    target: { readonly id: string } | { readonly userId: string; readonly kind?: CredentialRecord['kind'] },
    at: number,
  ): Promise<number>;
  listCredentials(userId: string): Promise<CredentialRecord[]>;
}
