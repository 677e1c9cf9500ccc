import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffPlayers, parseListPlayers, parsePresenceLine, presenceLine, readPlayerCount } from './players.ts';

const A = '0002214a4a6742d9a347bd449b2dc143';
const B = '00027f0a1b2c3d4e5f60718293a4b5c6';

describe('parseListPlayers', () => {
  it('reads an empty server as no players', () => {
    expect(parseListPlayers('No Players Connected')).toEqual([]);
    expect(parseListPlayers('No Players Connected \n ')).toEqual([]);
    expect(parseListPlayers('')).toEqual([]);
  });

  it('reads one line per player, ignoring blank lines and the trailing " \\n"', () => {
    expect(parseListPlayers(`\n0. PlayerName, ${A}\r\n1. Other One, ${B} \n \n`)).toEqual([
      { name: 'PlayerName', platformId: A },
      { name: 'Other One', platformId: B },
    ]);
  });

  it('takes the id from the last comma, so names may hold commas, spaces and brackets', () => {
    expect(parseListPlayers(`0. Smith, John [PvE], ${A}\n12. ,, ${B}`)).toEqual([
      { name: 'Smith, John [PvE]', platformId: A },
      { name: ',', platformId: B },
    ]);
  });

  it('ignores replies that are not a player list', () => {
    expect(parseListPlayers('Server received, But no response!! \n ')).toEqual([]);
  });

  it('finds every generated player again', () => {
    const name = fc.string({ minLength: 1, maxLength: 20 }).filter((n) => n.trim() === n && !/[\r\n]/.test(n));
    const id = fc.stringMatching(/^[0-9a-f]{32}$/);
    fc.assert(
      fc.property(fc.array(fc.record({ name, platformId: id }), { maxLength: 10 }), (players) => {
        const reply = players.map((p, i) => `${i}. ${p.name}, ${p.platformId}`).join('\n') + ' \n ';
        expect(parseListPlayers(reply)).toEqual(players);
      }),
    );
  });
});

describe('readPlayerCount', () => {
  it('knows an empty server and a full one', () => {
    expect(readPlayerCount('No Players Connected \n')).toEqual({ known: true, players: [] });
    expect(readPlayerCount('\n0. Rex, 0002214a4a6742d9a347bd449b2dc143 \n')).toMatchObject({
      known: true,
      players: [{ name: 'Rex' }],
    });
  });

  it.each(['Server received, But no response!! \n', '', ' \n', 'garbage'])('does not know from %j', (reply) => {
    expect(readPlayerCount(reply)).toMatchObject({ known: false });
  });
});

describe('player presence from ListPlayers', () => {
  const rex = { name: 'Rex, the (Hunter)', platformId: 'a1' };
  const ann = { name: 'Ann', platformId: 'b2' };

  it('finds who joined and who left', () => {
    expect(diffPlayers([rex], [ann])).toEqual({ joined: [ann], left: [rex] });
    expect(diffPlayers([rex, ann], [ann, rex])).toEqual({ joined: [], left: [] });
  });

  it('writes a line that reads back, odd names included', () => {
    expect(parsePresenceLine(presenceLine('joined', rex))).toEqual({ kind: 'joined', name: rex.name });
    expect(parsePresenceLine(presenceLine('left', ann))).toEqual({ kind: 'left', name: 'Ann' });
    expect(parsePresenceLine('Player joined: Ann')).toBeNull();
  });
});
