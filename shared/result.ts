/** A value or a readable error: what crosses every process and network boundary instead of a throw. */
export type Result<T, E = AppError> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** A readable, serialisable error. `code` is stable for programs, `message` is for people. */
export interface AppError {
  readonly code: string;
  readonly message: string;
}

/** Wraps a value as a success. */
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });

/** Wraps an error as a failure. */
export const err = <E = AppError>(error: E): Result<never, E> => ({ ok: false, error });

/** Builds an AppError. */
export const appError = (code: string, message: string): AppError => ({ code, message });

/** The message of a thrown value: an Error's own message, else `fallback`, else the value as text. */
export const errorMessage = (error: unknown, fallback?: string): string =>
  error instanceof Error ? error.message : (fallback ?? String(error));
