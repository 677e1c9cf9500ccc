const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-f:.]+$/i;

function isAddress(value: string): boolean {
  return IPV4.test(value) || (value.includes(':') && IPV6.test(value));
}

/**
 * The address to dial a server's RCON on. ARK binds the game and RCON to every interface, except
 * with `?MultiHome=<ip>`, when both bind to that address only: dialling loopback then finds nothing
 * and a graceful stop degrades to a kill without SaveWorld (docs/ark-facts.md, MultiHome).
 * A wildcard MultiHome (0.0.0.0, ::) still listens on loopback.
 */
export function rconDialHost(extraQueryArgs: readonly string[]): string {
  for (const arg of extraQueryArgs) {
    const eq = arg.indexOf('=');
    if (eq < 0 || arg.slice(0, eq).toLowerCase() !== 'multihome') continue;
    const address = arg.slice(eq + 1);
    if (isAddress(address) && address !== '0.0.0.0' && address !== '::') return address;
  }
  return '127.0.0.1';
}
