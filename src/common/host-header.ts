import type { IncomingMessage } from 'node:http';

/**
 * A `Host` value (RFC 9112 section 3.2, RFC 3986 section 3.2.2–3.2.3): an IP literal in brackets or a
 * registered name (an IPv4 address is one too), then an optional port; empty is allowed.
 */
const HOST = /^(?:\[[0-9A-Za-z:.]+\]|(?:[-A-Za-z0-9._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)(?::[0-9]*)?$/;

/**
 * What RFC 9112 section 3.2 refuses with 400 in a request's `Host` header: none in an HTTP/1.1
 * request, more than one, or a value that is no host with an optional port. `undefined` when there
 * is nothing to refuse. Read from the raw header lines: Node keeps only the first of two `Host` lines.
 */
export function hostFault({ httpVersion, rawHeaders }: IncomingMessage): string | undefined {
  const hosts: string[] = [];
  for (let name = 0; name < rawHeaders.length; name += 2) if (rawHeaders[name].toLowerCase() === 'host') hosts.push(rawHeaders[name + 1]);
  if (hosts.length === 0) return httpVersion === '1.1' ? 'An HTTP/1.1 request must name its host in a Host header' : undefined;
  if (hosts.length > 1) return `Host must be given once; it was given ${hosts.length} times`;
  return HOST.test(hosts[0]) ? undefined : 'Host must be a host name or IP address with an optional port';
}
