/**
 * CSRF defence for writes: the browser's `Origin` header must name this server's own origin.
 * `protocol` is the scheme the request came in on (`http` or `https`, with or without `:`) and
 * `host` the Host header (`name[:port]`). Default ports are equivalent to none
 * (`https://a.vn:443` = `https://a.vn`); host names compare case-insensitively.
 * A missing header, `null`, anything with a path, query, fragment or credentials, or an
 * unparsable value is not same-origin.
 */
export function isSameOrigin(
  originHeader: string | string[] | undefined,
  server: { protocol: string; host: string },
): boolean {
  if (typeof originHeader !== 'string' || originHeader === '' || originHeader === 'null') return false;
  const scheme = server.protocol.replace(/:$/, '').toLowerCase();
  if ((scheme !== 'http' && scheme !== 'https') || !server.host) return false;
  const claimed = parseOrigin(originHeader);
  const own = parseOrigin(`${scheme}://${server.host}`);
  return claimed !== undefined && own !== undefined && claimed === own;
}

/** The serialised origin of a bare `scheme://host[:port]`, or undefined when it is more or less. */
function parseOrigin(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  // new URL() adds the path '/' itself, so test the text: an origin has no path, not even '/'.
  if (!/^https?:\/\/[^/?#]+$/i.test(text)) return undefined;
  return url.origin;
}
