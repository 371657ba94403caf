/**
 * The one gate between stored text and a link: every `<a href>` the client makes from data goes
 * through safeHref. Only an absolute `http:` or `https:` URL with a host becomes a link (the
 * server accepts no other for `format: uri` properties, but older or imported data might hold
 * `javascript:`, `data:` or relative values); anything else stays plain text. Links to data
 * open in a new tab without giving it our window or our address.
 */
export const EXTERNAL_LINK = { target: '_blank', rel: 'noopener noreferrer' } as const;

/** The normalised href of a web URL, or undefined when `value` must not become a link. */
export function safeHref(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters and spaces are refused.
  if (/[\u0000-\u0020\u007f]/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return undefined;
  return url.href;
}
