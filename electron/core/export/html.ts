/** Escapes text for HTML element content and quoted attribute values: post text and names are untrusted. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A tagged template whose interpolations are escaped unless they are `raw(...)` fragments built the same way. */
export interface Html {
  readonly html: string;
}

/** Marks already-safe markup (built with `html` or `escapeHtml`). */
export const raw = (markup: string): Html => ({ html: markup });

type Part = string | number | Html | ReadonlyArray<Html> | null | undefined;

const render = (part: Part): string => {
  if (part === null || part === undefined) return '';
  if (typeof part === 'string') return escapeHtml(part);
  if (typeof part === 'number') return escapeHtml(String(part));
  if (Array.isArray(part)) return (part as ReadonlyArray<Html>).map((p) => p.html).join('');
  return (part as Html).html;
};

/** Builds markup: every string interpolated is escaped, so untrusted text can only ever be text. */
export function html(strings: TemplateStringsArray, ...parts: ReadonlyArray<Part>): Html {
  let out = strings[0] ?? '';
  parts.forEach((part, i) => {
    out += render(part) + (strings[i + 1] ?? '');
  });
  return { html: out };
}

/** An http(s) URL to link to, or null (javascript:, data: and the like are never linked). */
export function safeHref(url: string | undefined): string | null {
  if (url === undefined) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
