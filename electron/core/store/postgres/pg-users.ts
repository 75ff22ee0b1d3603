import type pg from 'pg';
import type { UserStore } from '../users';
import type { ThrottleStore } from '../throttle';
import { toCredential, toUser, type CredentialRow, type UserRow } from '../user-rows';

/** The users tables (migration 6) on PostgreSQL: people, their sessions and personal tokens, shared by every hub. */
export function postgresUsers(pool: pg.Pool): Omit<UserStore, keyof ThrottleStore> {
  const one = async <R extends object, T>(sql: string, args: unknown[], map: (r: R) => T): Promise<T | null> => {
    const { rows } = await pool.query<R>(sql, args);
    return rows[0] ? map(rows[0]) : null;
  };
  return {
    async putUser(u) {
      await pool.query(
        `INSERT INTO users (id, name, display_name, role, password_hash, disabled, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, display_name = excluded.display_name,
           role = excluded.role, password_hash = excluded.password_hash, disabled = excluded.disabled`,
        [u.id, u.name, u.displayName, u.role, u.passwordHash, u.disabled, u.createdAt],
      );
    },
    getUserByName: (name) => one('SELECT * FROM users WHERE name = $1', [name], toUser),
    getUser: (id) => one('SELECT * FROM users WHERE id = $1', [id], toUser),
    listUsers: async () => (await pool.query<UserRow>('SELECT * FROM users ORDER BY name')).rows.map(toUser),
    async putCredential(c) {
      await pool.query(
        `INSERT INTO credentials (id, user_id, kind, hash, label, created_at, expires_at, last_used_at, revoked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [c.id, c.userId, c.kind, c.hash, c.label, c.createdAt, c.expiresAt, c.lastUsedAt, c.revokedAt],
      );
    },
    findCredential: (hash) => one('SELECT * FROM credentials WHERE hash = $1', [hash], toCredential),
    async touchCredential(id, at) {
      await pool.query('UPDATE credentials SET last_used_at = $1 WHERE id = $2', [at, id]);
    },
    async revokeCredentials(target, at) {
      const result =
        'id' in target
          ? await pool.query('UPDATE credentials SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
              at,
              target.id,
            ])
          : await pool.query(
              `UPDATE credentials SET revoked_at = $1
               WHERE user_id = $2 AND ($3::text IS NULL OR kind = $3) AND revoked_at IS NULL`,
              [at, target.userId, target.kind ?? null],
            );
      return result.rowCount ?? 0;
    },
    listCredentials: async (userId) =>
      (
        await pool.query<CredentialRow>('SELECT * FROM credentials WHERE user_id = $1 ORDER BY created_at', [userId])
      ).rows.map(toCredential),
  };
}
