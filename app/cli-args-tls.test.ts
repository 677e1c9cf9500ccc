import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli, serviceInvocation } from './cli-args.ts';

describe('npm run serve --tls-cert/--tls-key', () => {
  it('go together, resolved to absolute paths, and reach the service configuration', () => {
    const args = parseCli(['--tls-cert', 'cert.pem', '--tls-key', 'key.pem'], {});
    expect(args).toMatchObject({ tlsCert: path.resolve('cert.pem'), tlsKey: path.resolve('key.pem') });
    expect(serviceInvocation(args, '/d', 'systemd').args).toEqual(
      expect.arrayContaining(['--tls-cert', path.resolve('cert.pem'), '--tls-key', path.resolve('key.pem')]),
    );
    expect(() => parseCli(['--tls-cert', 'cert.pem'], {})).toThrow('--tls-cert and --tls-key go together');
    expect(() => parseCli(['--tls-key', 'key.pem'], {})).toThrow('--tls-cert and --tls-key go together');
    expect(parseCli([], {})).toMatchObject({ tlsCert: undefined, tlsKey: undefined });
  });
});
