/** Closes a tagged union: the compiler proves this is unreachable, and at run time it throws (a bug). */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
