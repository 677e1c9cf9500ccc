import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { parseProcNetUdp, parseUdpEndpoints, udpEndpointScript, udpPortReport } from './udp-listeners.ts';

const PROC_NET_UDP = [
  '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
  '  112: 00000000:1E61 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 48213 2 0000000000000000 0',
  '  305: 0100007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 20125 2 0000000000000000 0',
  '  600: 0A00A8C0:1E62 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 48999 2 0000000000000000 0',
  '',
].join('\n');
const PROC_NET_UDP6 = [
  '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
  '   45: 00000000000000000000000000000000:1E61 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 51234 2 0000000000000000 0',
  '   46: 0000000000000000FFFF00000100007F:1E63 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 51235 2 0000000000000000 0',
].join('\n');

describe('UDP listeners', () => {
  it('parses /proc/net/udp: little-endian addresses, hex ports, inodes', () => {
    expect(parseProcNetUdp(PROC_NET_UDP)).toEqual([
      { address: '0.0.0.0', port: 7777, inode: '48213', pid: null },
      { address: '127.0.0.1', port: 53, inode: '20125', pid: null },
      { address: '192.168.0.10', port: 7778, inode: '48999', pid: null },
    ]);
  });

  it('parses /proc/net/udp6, wildcard and IPv4-mapped addresses', () => {
    expect(parseProcNetUdp(PROC_NET_UDP6).map((s) => [s.address, s.port])).toEqual([
      ['::', 7777],
      ['::ffff:127.0.0.1', 7779],
    ]);
  });

  it('parses Get-NetUDPEndpoint JSON (one object or an array) and validates the port', () => {
    const one = '{"LocalAddress":"0.0.0.0","LocalPort":7777,"OwningProcess":4242}';
    expect(parseUdpEndpoints(one)).toEqual([{ address: '0.0.0.0', port: 7777, inode: null, pid: 4242 }]);
    expect(parseUdpEndpoints(`[${one},${one}]`)).toHaveLength(2);
    expect(parseUdpEndpoints('')).toEqual([]);
    expect(udpEndpointScript(7777)).toContain('Get-NetUDPEndpoint -LocalPort 7777');
    expect(() => udpEndpointScript(70000)).toThrow(/Not a port/);
  });

  it('answers null on an OS it cannot read', async () => {
    expect(await udpPortReport(7777, [1], { platform: 'darwin' })).toBeNull();
  });

  it.runIf(process.platform === 'linux')(
    'tells a socket of this process from one of another (Linux, for real)',
    async () => {
      const socket = createSocket('udp4');
      await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
      const { port } = socket.address();
      try {
        expect(await udpPortReport(port, [process.pid])).toEqual({ byServer: ['127.0.0.1'], byOther: false });
        expect(await udpPortReport(port, [])).toEqual({ byServer: [], byOther: true });
      } finally {
        socket.close();
      }
    },
  );
});
