/** Replaces every occurrence of each secret (length ≥ 4) in `text`: the last guard before a message is shown or logged. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  }
  return out;
}

/** A short JSON excerpt of a rejected item for the log (never the whole payload). */
export function sampleOf(item: unknown, max = 160): string {
  let text: string;
  try {
    text = JSON.stringify(item) ?? String(item);
  } catch {
    text = String(item);
  }
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** A readable one-line summary of a zod error's first issue, e.g. `data.id: expected string`. */
export function zodReason(
  issues: ReadonlyArray<{ readonly path: ReadonlyArray<PropertyKey>; readonly message: string }>,
): string {
  const first = issues[0];
  if (!first) return 'invalid item';
  const path = first.path.map(String).join('.');
  return path ? `${path}: ${first.message}` : first.message;
}
