export {
  actorOf,
  createUserDirectory,
  SESSION_TTL_MS,
  type LoginOutcome,
  type NewUser,
  type Principal,
  type UserDirectory,
  type UserDirectoryOptions,
} from './directory';
export { DEFAULT_PASSWORD_COST, MIN_PASSWORD_LENGTH, type PasswordCost } from './password';
export { DEFAULT_THROTTLE, type ThrottlePolicy } from './throttle';
