import type Database from 'better-sqlite3';
import type { UserStore } from '../users';
import type { ThrottleStore } from '../throttle';
import { toCredential, toUser, type CredentialRow, type UserRow } from '../user-rows';

/** Prepares the users statements on `db` (tables from migration 4). */
export function sqliteUsers(db: Database.Database): Omit<UserStore, keyof ThrottleStore> {
  const s = {
    putUser: db.prepare(
      `INSERT INTO users (id, name, display_name, role, password_hash, disabled, created_at)
       VALUES (@id, @name, @displayName, @role, @passwordHash, @disabled, @createdAt)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, display_name = excluded.display_name,
         role = excluded.role, password_hash = excluded.password_hash, disabled = excluded.disabled`,
    ),
    byName: db.prepare('SELECT * FROM users WHERE name = ?'),
    byId: db.prepare('SELECT * FROM users WHERE id = ?'),
    all: db.prepare('SELECT * FROM users ORDER BY name'),
    putCredential: db.prepare(
      `INSERT INTO credentials (id, user_id, kind, hash, label, created_at, expires_at, last_used_at, revoked_at)
       VALUES (@id, @userId, @kind, @hash, @label, @createdAt, @expiresAt, @lastUsedAt, @revokedAt)`,
    ),
    findCredential: db.prepare('SELECT * FROM credentials WHERE hash = ?'),
    touch: db.prepare('UPDATE credentials SET last_used_at = ? WHERE id = ?'),
    revokeOne: db.prepare('UPDATE credentials SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    revokeUser: db.prepare(
      'UPDATE credentials SET revoked_at = ? WHERE user_id = ? AND (? IS NULL OR kind = ?) AND revoked_at IS NULL',
    ),
    credentialsOf: db.prepare('SELECT * FROM credentials WHERE user_id = ? ORDER BY created_at'),
  };
  return {
    async putUser(user) {
      s.putUser.run({ ...user, disabled: user.disabled ? 1 : 0 });
    },
    getUserByName: async (name) => {
      const row = s.byName.get(name) as UserRow | undefined;
      return row ? toUser(row) : null;
    },
    getUser: async (id) => {
      const row = s.byId.get(id) as UserRow | undefined;
      return row ? toUser(row) : null;
    },
    listUsers: async () => (s.all.all() as UserRow[]).map(toUser),
    async putCredential(credential) {
      s.putCredential.run(credential);
    },
    findCredential: async (hash) => {
      const row = s.findCredential.get(hash) as CredentialRow | undefined;
      return row ? toCredential(row) : null;
    },
    async touchCredential(id, at) {
      s.touch.run(at, id);
    },
    revokeCredentials: async (target, at) => {
      if ('id' in target) return s.revokeOne.run(at, target.id).changes;
      const kind = target.kind ?? null;
      return s.revokeUser.run(at, target.userId, kind, kind).changes;
    },
    listCredentials: async (userId) => (s.credentialsOf.all(userId) as CredentialRow[]).map(toCredential),
  };
}
