import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelUrlOf, parseAgentCli } from './agent-cli-args.ts';

const base = ['--control-plane', 'http://192.168.1.10:3000', '--token', 'tok', '--data-dir', 'agent-data'];

describe('npm run agent arguments', () => {
  it('turns the control plane address into its agent channel URL, keeping a proxy prefix', () => {
    expect(channelUrlOf('http://192.168.1.10:3000')).toBe('ws://192.168.1.10:3000/agent-channel');
    expect(channelUrlOf('https://ark.example.org/')).toBe('wss://ark.example.org/agent-channel');
    expect(channelUrlOf('https://example.org/manager/')).toBe('wss://example.org/manager/agent-channel');
  });

  it('refuses addresses that are not http(s) or carry credentials', () => {
    expect(() => channelUrlOf('ws://host:3000')).toThrow(/http:\/\/ or https:\/\//);
    expect(() => channelUrlOf('not a url')).toThrow(/must be a URL/);
    expect(() => channelUrlOf('http://user:pw@host:3000')).toThrow(/user, a query/);
  });

  it('parses every option and resolves paths', () => {
    const args = parseAgentCli(
      [...base, '--name', ' Basement ', '--ca', 'ca.pem', '--steamcmd-path', 'sc/steamcmd.sh'],
      {},
    );
    expect(args).toEqual({
      channelUrl: 'ws://192.168.1.10:3000/agent-channel',
      controlPlane: 'http://192.168.1.10:3000',
      token: 'tok',
      dataDir: path.resolve('agent-data'),
      name: 'Basement',
      caFile: path.resolve('ca.pem'),
      steamcmdPath: path.resolve('sc/steamcmd.sh'),
      logLevel: 'info',
    });
  });

  it('takes a token that starts with a dash (one in 64 does) as the value of --token', () => {
    for (const token of ['-Ab3', '--Zq_9']) {
      const argv = ['--control-plane', 'http://h:3000', '--token', token, '--data-dir', 'd'];
      expect(parseAgentCli(argv, {})).toMatchObject({ token });
    }
    expect(() => parseAgentCli(['--control-plane', 'http://h:3000', '--token', '--data-dir', 'd'], {})).toThrow();
  });

  it('takes the token from the environment, and names what is missing', () => {
    const withoutToken = base.filter((a) => a !== '--token' && a !== 'tok');
    expect(parseAgentCli(withoutToken, { ARK_AGENT_TOKEN: 'from-env' })).toMatchObject({ token: 'from-env' });
    expect(() => parseAgentCli(withoutToken, {})).toThrow(/--token \(or ARK_AGENT_TOKEN\) is required/);
    expect(() => parseAgentCli(['--token', 'x', '--data-dir', 'd'], {})).toThrow(/--control-plane is required/);
    expect(() => parseAgentCli([...base, '--bogus'], {})).toThrow(/bogus/);
    expect(parseAgentCli(['-h'], {})).toBe('help');
  });
});
