import { describe, expect, it } from 'vitest';
import { isAppError } from '../app-error.ts';
import { IniDocument } from './ini-document.ts';

const GAME_INI = [
  '[/script/shootergame.shootergamemode]',
  'bUseSingleplayerSettings=False',
  'OverridePlayerLevelEngramPoints=5',
  'OverridePlayerLevelEngramPoints=7',
  'PerLevelStatsMultiplier_Player[0]=1.500000',
  'OverridePlayerLevelEngramPoints=9',
  'ConfigOverrideItemMaxQuantity=(ItemClassString="PrimalItemResource_Stone_C",Quantity=(MaxItemQuantity=999,bIgnoreMultiplier=true))',
  'ConfigOverrideItemMaxQuantity=(ItemClassString="PrimalItemResource_Wood_C",Quantity=(MaxItemQuantity=500,bIgnoreMultiplier=false))',
  '; tuned for the weekend event',
  'MatingIntervalMultiplier=0.5 ; not a comment for UE',
  '',
  '[/Script/ShooterGame.ShooterGameMode]',
  'OverridePlayerLevelEngramPoints=11',
  '',
].join('\r\n');

const GUS_INI =
  '\uFEFF[ServerSettings]\r\n' +
  'RCONEnabled=False\r\n' +
  'ServerAdminPassword=old\r\n' +
  'BanListURL="https://cdn2.arkdedicated.com/asa/BanList.txt"\r\n' +
  'DifficultyOffset=0.200000\r\n' +
  '\r\n' +
  '[SessionSettings]\r\n' +
  'SessionName=ARK #596393\r\n' +
  '\r\n' +
  '[MessageOfTheDay]\r\n' +
  'Message=Welcome\r\n';

function expectValidationError(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    expect(isAppError(err) && err.code).toBe('validation-failed');
    return;
  }
  throw new Error('expected a validation-failed AppError');
}

describe('IniDocument on a realistic Game.ini', () => {
  const game = () => IniDocument.parse(GAME_INI);

  it('prints back exactly what it read', () => {
    expect(game().toString()).toBe(GAME_INI);
  });

  it('treats both spellings of the game mode section as one, in file order', () => {
    const doc = game();
    expect(doc.sections()).toEqual(['/script/shootergame.shootergamemode']);
    expect(doc.getAll('/Script/ShooterGame.ShooterGameMode', 'overrideplayerlevelengrampoints')).toEqual([
      '5',
      '7',
      '9',
      '11',
    ]);
  });

  it('keeps bracketed keys, quotes, parentheses and inline semicolons in values', () => {
    const doc = game();
    const section = '/script/shootergame.shootergamemode';
    expect(doc.get(section, 'PerLevelStatsMultiplier_Player[0]')).toBe('1.500000');
    expect(doc.get(section, 'MatingIntervalMultiplier')).toBe('0.5 ; not a comment for UE');
    expect(doc.getAll(section, 'ConfigOverrideItemMaxQuantity')[0]).toBe(
      '(ItemClassString="PrimalItemResource_Stone_C",Quantity=(MaxItemQuantity=999,bIgnoreMultiplier=true))',
    );
  });

  it('rewrites a repeated key in place and appends the surplus after its last line', () => {
    const doc = game();
    doc.setAll('/script/ShooterGame.ShooterGameMode', 'OverridePlayerLevelEngramPoints', ['1', '2', '3', '4', '5']);
    expect(doc.toString()).toBe(
      GAME_INI.replace('Points=5', 'Points=1')
        .replace('Points=7', 'Points=2')
        .replace('Points=9', 'Points=3')
        .replace('Points=11\r\n', 'Points=4\r\nOverridePlayerLevelEngramPoints=5\r\n'),
    );
  });

  it('removes surplus occurrences when given fewer values', () => {
    const doc = game();
    doc.setAll('/script/shootergame.shootergamemode', 'OverridePlayerLevelEngramPoints', ['42']);
    const text = doc.toString();
    expect(text).toBe(
      GAME_INI.replace('Points=5', 'Points=42')
        .replace('OverridePlayerLevelEngramPoints=7\r\n', '')
        .replace('OverridePlayerLevelEngramPoints=9\r\n', '')
        .replace('OverridePlayerLevelEngramPoints=11\r\n', ''),
    );
    expect(text.endsWith('\r\n\r\n[/Script/ShooterGame.ShooterGameMode]\r\n')).toBe(true);
  });

  it('lists entries of a logical section across its occurrences', () => {
    const keys = game()
      .entries('/script/shootergame.shootergamemode')
      .map((e) => e.key);
    expect(keys).toHaveLength(9);
    expect(keys.at(-1)).toBe('OverridePlayerLevelEngramPoints');
  });
});

describe('IniDocument on a GameUserSettings.ini', () => {
  it('changes a value in place and keeps the BOM and CRLF', () => {
    const doc = IniDocument.parse(GUS_INI);
    doc.set('serversettings', 'rconenabled', 'True');
    expect(doc.toString()).toBe(GUS_INI.replace('RCONEnabled=False', 'RCONEnabled=True'));
  });

  it('adds a missing key after the last key line of its section, before the blank separator', () => {
    const doc = IniDocument.parse(GUS_INI);
    doc.set('ServerSettings', 'RCONPort', '27020');
    expect(doc.toString()).toBe(GUS_INI.replace('0.200000\r\n', '0.200000\r\nRCONPort=27020\r\n'));
  });

  it('creates a missing section at the end, after a blank line', () => {
    const doc = IniDocument.parse(GUS_INI);
    doc.set('/Script/Engine.GameSession', 'MaxPlayers', '70');
    expect(doc.toString()).toBe(`${GUS_INI}\r\n[/Script/Engine.GameSession]\r\nMaxPlayers=70\r\n`);
  });

  it('removes every occurrence of a key', () => {
    const doc = IniDocument.parse(GUS_INI);
    expect(doc.remove('ServerSettings', 'ServerAdminPassword')).toBe(1);
    expect(doc.toString()).toBe(GUS_INI.replace('ServerAdminPassword=old\r\n', ''));
    expect(doc.remove('ServerSettings', 'ServerAdminPassword')).toBe(0);
  });

  it('never quotes or escapes what it writes', () => {
    const doc = IniDocument.parse(GUS_INI);
    doc.set('SessionSettings', 'SessionName', 'Bob\'s "Server" ; ñ = ok');
    expect(doc.toString()).toContain('\r\nSessionName=Bob\'s "Server" ; ñ = ok\r\n');
  });
});

describe('IniDocument line handling', () => {
  it('appends to the last occurrence of a duplicated section', () => {
    const doc = IniDocument.parse('[A]\nx=1\n[B]\ny=1\n[a]\n; c\n');
    doc.set('A', 'z', '2');
    expect(doc.toString()).toBe('[A]\nx=1\n[B]\ny=1\n[a]\nz=2\n; c\n');
  });

  it('keeps a file without a trailing newline that way', () => {
    const doc = IniDocument.parse('[A]\r\nx=1');
    doc.set('A', 'y', '2');
    expect(doc.toString()).toBe('[A]\r\nx=1\r\ny=2');
    doc.set('B', 'z', '3');
    expect(doc.toString()).toBe('[A]\r\nx=1\r\ny=2\r\n\r\n[B]\r\nz=3');
  });

  it('uses the dominant line ending of a mixed file, and CRLF for an empty one', () => {
    const mixed = IniDocument.parse('[A]\nx=1\r\ny=1\n');
    mixed.set('A', 'z', '1');
    expect(mixed.toString()).toBe('[A]\nx=1\r\ny=1\nz=1\n');
    const empty = IniDocument.parse('');
    empty.set('A', 'k', 'v');
    expect(empty.toString()).toBe('[A]\r\nk=v\r\n');
  });

  it('keeps the original spelling of an edited key; the value is the raw text after `=`', () => {
    const doc = IniDocument.parse('[A]\n  MaxPlayers = 10\n');
    expect(doc.get('A', 'MaxPlayers')).toBe(' 10');
    doc.set('a', 'maxplayers', '20');
    expect(doc.toString()).toBe('[A]\n  MaxPlayers =20\n');
    expect(doc.get('A', 'MaxPlayers')).toBe('20');
  });

  it('ignores keys before the first section, as UE does, but prints them back', () => {
    const text = 'orphan=1\n# hash comment\n=novalue\njust text\n[A]\nk=v\n';
    const doc = IniDocument.parse(text);
    expect(doc.sections()).toEqual(['A']);
    expect(doc.entries('A')).toEqual([{ key: 'k', value: 'v' }]);
    expect(doc.toString()).toBe(text);
  });

  it('refuses values, keys and sections that would inject a line', () => {
    const doc = IniDocument.parse('[A]\nk=v\n');
    expectValidationError(() => doc.set('A', 'k', 'x\nServerAdminPassword=y'));
    expectValidationError(() => doc.set('A', 'k', 'x\r'));
    expectValidationError(() => doc.setAll('A', 'k', ['ok', 'bad\n[B]']));
    expectValidationError(() => doc.set('A', 'a=b', 'v'));
    expectValidationError(() => doc.set('A', ';k', 'v'));
    expectValidationError(() => doc.set('A', ' k', 'v'));
    expectValidationError(() => doc.set('A', '[k', 'v]'));
    expectValidationError(() => doc.set('A\n[B]', 'k', 'v'));
    expectValidationError(() => doc.set('', 'k', 'v'));
    expect(doc.toString()).toBe('[A]\nk=v\n');
  });

  it('setAll with no values removes the key and does not create a section', () => {
    const doc = IniDocument.parse('[A]\nk=1\nk=2\n');
    doc.setAll('A', 'k', []);
    doc.setAll('B', 'k', []);
    expect(doc.toString()).toBe('[A]\n');
  });
});
