import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIniSecrets, unmaskIniSecrets } from './ini-secrets.ts';

const GUS =
  '[ServerSettings]\r\nRCONEnabled=True\r\nServerAdminPassword=S3cret!\r\nServerPassword=\r\nXPMultiplier=2.0\r\n';

describe('INI secrets', () => {
  it('masks password values and nothing else', () => {
    expect(maskIniSecrets(GUS)).toBe(
      '[ServerSettings]\r\nRCONEnabled=True\r\nServerAdminPassword=********\r\nServerPassword=\r\nXPMultiplier=2.0\r\n',
    );
  });

  it('restores masked values from the file on disk, so GET then PUT changes no byte', () => {
    expect(unmaskIniSecrets(maskIniSecrets(GUS), GUS)).toBe(GUS);
  });

  it('keeps a password the user typed', () => {
    const edited = maskIniSecrets(GUS).replace('ServerPassword=', 'ServerPassword=join-me');
    expect(unmaskIniSecrets(edited, GUS)).toContain('ServerPassword=join-me\r\n');
    expect(unmaskIniSecrets(edited, GUS)).toContain('ServerAdminPassword=S3cret!\r\n');
  });

  it('round-trips any file whose passwords contain no line breaks', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.string(), fc.constantFrom('ServerAdminPassword=x y', 'ServerPassword=', 'serverpassword = abc')),
          { maxLength: 12 },
        ),
        fc.constantFrom('\n', '\r\n'),
        (lines, eol) => {
          const text = lines.map((l) => l.replace(/[\r\n]/g, '')).join(eol);
          expect(unmaskIniSecrets(maskIniSecrets(text), text)).toBe(text);
        },
      ),
    );
  });
});
