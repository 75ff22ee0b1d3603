/**
 * The allow-list for links to posts: only absolute http(s) URLs leave the wall. Everything else
 * (javascript:, data:, file:, relative or malformed) is refused and rendered without a link.
 */
export function safeExternalUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw.length > 2000) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username !== '' || url.password !== '') return null;
  return url.href;
}
