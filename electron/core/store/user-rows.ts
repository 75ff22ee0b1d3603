import { RoleSchema } from '../../../shared/workflow';
import type { CredentialRecord, UserRecord } from './users';

/** A `users` row as both dialects return it (SQLite's 0/1 `disabled` or PostgreSQL's boolean). */
export interface UserRow {
  id: string;
  name: string;
  display_name: string;
  role: string;
  password_hash: string | null;
  disabled: number | boolean;
  created_at: number;
}

/** A `credentials` row as both dialects return it. */
export interface CredentialRow {
  id: string;
  user_id: string;
  kind: string;
  hash: string;
  label: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** A stored user from its row. */
export const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  name: r.name,
  displayName: r.display_name,
  role: RoleSchema.parse(r.role),
  passwordHash: r.password_hash,
  disabled: r.disabled === true || r.disabled === 1,
  createdAt: r.created_at,
});

/** A stored session or token from its row. */
export const toCredential = (r: CredentialRow): CredentialRecord => ({
  id: r.id,
  userId: r.user_id,
  kind: r.kind === 'token' ? 'token' : 'session',
  hash: r.hash,
  label: r.label,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});
