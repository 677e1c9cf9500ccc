import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../app-error.ts';
import { buildAppInfoArgs, buildSteamcmdArgs } from './command.ts';

describe('buildSteamcmdArgs', () => {
  it('builds the canonical Windows command', () => {
    expect(buildSteamcmdArgs({ installDir: 'C:\\ASA Data\\builds\\tmp', validate: true, platform: 'win32' })).toEqual([
      '+force_install_dir',
      'C:\\ASA Data\\builds\\tmp',
      '+login',
      'anonymous',
      '+app_update',
      '2430930',
      'validate',
      '+quit',
    ]);
  });

  it('omits validate when not asked', () => {
    expect(buildSteamcmdArgs({ installDir: 'D:\\x', validate: false, platform: 'windows' })).toEqual([
      '+force_install_dir',
      'D:\\x',
      '+login',
      'anonymous',
      '+app_update',
      '2430930',
      '+quit',
    ]);
  });

  it('forces Windows content on other hosts, before login', () => {
    const args = buildSteamcmdArgs({ installDir: '/srv/asa', validate: false, platform: 'linux' });
    expect(args.slice(0, 2)).toEqual(['+@sSteamCmdForcePlatformType', 'windows']);
    expect(args.indexOf('+@sSteamCmdForcePlatformType')).toBeLessThan(args.indexOf('+login'));
  });

  it('puts the beta branch between the app id and validate', () => {
    expect(
      buildSteamcmdArgs({
        installDir: '/a',
        validate: true,
        beta: 'public_test_realm',
        betaPassword: 'pw',
        platform: 'win32',
      }),
    ).toEqual([
      '+force_install_dir',
      '/a',
      '+login',
      'anonymous',
      '+app_update',
      '2430930',
      '-beta',
      'public_test_realm',
      '-betapassword',
      'pw',
      'validate',
      '+quit',
    ]);
    expect(buildSteamcmdArgs({ installDir: '/a', validate: false, beta: 'public', platform: 'win32' })).not.toContain(
      '-beta',
    );
  });

  it.each([
    { installDir: '', beta: undefined },
    { installDir: '+login', beta: undefined },
    { installDir: 'C:\\a\nb', beta: undefined },
    { installDir: 'C:\\a', beta: 'has space' },
    { installDir: 'C:\\a', beta: '+quit' },
  ])('rejects unsafe input %j', ({ installDir, beta }) => {
    let caught: unknown;
    try {
      buildSteamcmdArgs({ installDir, validate: false, beta, platform: 'win32' });
    } catch (err) {
      caught = err;
    }
    expect(isAppError(caught) && caught.code === 'validation-failed').toBe(true);
  });

  it('always sets the install folder before logging in, and quits last', () => {
    const options = fc.record({
      installDir: fc
        .string({ minLength: 1 })
        .filter((s) => s.trim() !== '' && !s.startsWith('+') && !/[\r\n\0]/.test(s)),
      validate: fc.boolean(),
      beta: fc.option(fc.stringMatching(/^[a-z_]{1,12}$/), { nil: undefined }),
      platform: fc.constantFrom('win32' as const, 'windows' as const, 'linux' as const, 'darwin' as const),
    });
    fc.assert(
      fc.property(options, (o) => {
        const args = buildSteamcmdArgs(o);
        expect(args.indexOf('+force_install_dir')).toBeLessThan(args.indexOf('+login'));
        expect(args[args.indexOf('+force_install_dir') + 1]).toBe(o.installDir);
        expect(args.at(-1)).toBe('+quit');
        expect(args.includes('validate')).toBe(o.validate);
      }),
    );
  });
});

describe('buildAppInfoArgs', () => {
  it('asks for fresh app info', () => {
    expect(buildAppInfoArgs()).toEqual([
      '+login',
      'anonymous',
      '+app_info_update',
      '1',
      '+app_info_print',
      '2430930',
      '+quit',
    ]);
  });
});
