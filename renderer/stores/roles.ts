import { commandRoles, type CommandName } from '../../shared/contract';
import { ROLES, type Actor, type Role } from '../../shared/workflow';

/** Each role's rank in the order executive < staff < supervisor < admin (the order of `ROLES`). */
const rankOf = (role: Role): number => ROLES.indexOf(role);

/** True when `role` is at least `least`. */
export const roleAtLeast = (role: Role, least: Role): boolean => rankOf(role) >= rankOf(least);

/**
 * Whether this connection's actor may run `command` (the hub's `commandRoles`). Until the hub says who we are
 * (`session:whoami`), the wall offers nothing that changes an incident: the hub would refuse it anyway.
 */
export function mayRun(actor: Actor | null, command: CommandName): boolean {
  return actor !== null && roleAtLeast(actor.role, commandRoles[command]);
}
