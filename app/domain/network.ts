/**
 * Loopback names cannot be rebound by public DNS (docs/operations.md#security), so they are the
 * only Host values accepted when the control plane listens on loopback.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '[::1]' || h === '0:0:0:0:0:0:0:1') return true;
  return /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

/** Host name of a Host header value (`localhost:3000`, `[::1]:3000`) without the port. */
export function hostnameOf(hostHeader: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hostHeader);
  if (bracketed) return bracketed[1]!;
  const colons = hostHeader.split(':').length - 1;
  return colons === 1 ? hostHeader.slice(0, hostHeader.lastIndexOf(':')) : hostHeader;
}
