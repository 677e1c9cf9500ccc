import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../app-error.ts';
import {
  encodeRconPacket,
  MAX_ACCEPTED_SIZE,
  RconDecoder,
  SERVERDATA_AUTH,
  SERVERDATA_AUTH_RESPONSE,
  SERVERDATA_EXECCOMMAND,
  SERVERDATA_RESPONSE_VALUE,
  type RconPacket,
} from './rcon-codec.ts';

const packetArb: fc.Arbitrary<RconPacket> = fc.record({
  id: fc.integer({ min: -0x80000000, max: 0x7fffffff }),
  type: fc.constantFrom(SERVERDATA_AUTH, SERVERDATA_AUTH_RESPONSE, SERVERDATA_RESPONSE_VALUE),
  body: fc
    .oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ maxLength: 2000 }))
    .map((s) => s.replace(/\0/g, '')),
});

function plain(packets: readonly RconPacket[]): RconPacket[] {
  return packets.map(({ id, type, body }) => ({ id, type, body }));
}

function splitAt(buf: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [0, ...[...new Set(cuts)].filter((c) => c <= buf.length).sort((a, b) => a - b), buf.length];
  return points.slice(1).map((end, i) => buf.subarray(points[i], end));
}

describe('encodeRconPacket', () => {
  it('frames a packet as the Valve wiki describes', () => {
    const frame = encodeRconPacket({ id: 7, type: SERVERDATA_EXECCOMMAND, body: 'ListPlayers' });
    expect(frame.readInt32LE(0)).toBe(4 + 4 + 11 + 2);
    expect(frame.readInt32LE(4)).toBe(7);
    expect(frame.readInt32LE(8)).toBe(2);
    expect(frame.subarray(12).toString('latin1')).toBe('ListPlayers\0\0');
  });

  it('encodes an empty body as the 14-byte minimum packet', () => {
    expect(encodeRconPacket({ id: -1, type: SERVERDATA_AUTH_RESPONSE, body: '' })).toEqual(
      Buffer.from([10, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, 0]),
    );
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(encodeRconPacket({ id: 1, type: 2, body: 'Łódź🦖' }).readInt32LE(0)).toBe(10 + Buffer.byteLength('Łódź🦖'));
  });

  it.each([
    { id: 1.5, type: 2, body: '' },
    { id: 2 ** 31, type: 2, body: '' },
    { id: 1, type: 2, body: 'a\0b' },
    { id: 1, type: 2, body: 'x'.repeat(MAX_ACCEPTED_SIZE) },
  ])('rejects %#', (packet) => {
    expect(() => encodeRconPacket(packet)).toThrow();
  });
});

describe('RconDecoder', () => {
  it('decodes coalesced packets and keeps a partial one', () => {
    const a = encodeRconPacket({ id: 1, type: 0, body: 'World Saved' });
    const b = encodeRconPacket({ id: 2, type: 0, body: 'No Players Connected' });
    const decoder = new RconDecoder();
    expect(plain(decoder.push(Buffer.concat([a, b.subarray(0, 5)])))).toEqual([
      { id: 1, type: 0, body: 'World Saved' },
    ]);
    expect(decoder.pendingBytes).toBe(5);
    expect(plain(decoder.push(b.subarray(5)))).toEqual([{ id: 2, type: 0, body: 'No Players Connected' }]);
    expect(decoder.pendingBytes).toBe(0);
  });

  it('tolerates a single terminating NUL', () => {
    const frame = Buffer.from([11, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x4f, 0x4b, 0]);
    expect(plain(new RconDecoder().push(frame))).toEqual([{ id: 1, type: 0, body: 'OK' }]);
  });

  it.each([9, -1, MAX_ACCEPTED_SIZE + 1, 0x47455420])('rejects size %i at once instead of buffering', (size) => {
    const head = Buffer.alloc(4);
    head.writeInt32LE(size, 0);
    const decoder = new RconDecoder();
    let caught: unknown;
    try {
      decoder.push(head);
    } catch (err) {
      caught = err;
    }
    expect(isAppError(caught) && caught.code === 'rcon-unavailable').toBe(true);
    expect(() => decoder.push(encodeRconPacket({ id: 1, type: 0, body: '' }))).toThrow();
  });

  it('decodes random packet sequences split at random points', () => {
    fc.assert(
      fc.property(
        fc.array(packetArb, { maxLength: 12 }),
        fc.array(fc.nat({ max: 30_000 }), { maxLength: 30 }),
        (packets, cuts) => {
          const stream = Buffer.concat(packets.map(encodeRconPacket));
          const decoder = new RconDecoder();
          const decoded = splitAt(stream, cuts).flatMap((chunk) => decoder.push(chunk));
          expect(plain(decoded)).toEqual(packets);
          expect(decoder.pendingBytes).toBe(0);
        },
      ),
    );
  });

  it('round-trips one packet, non-ASCII bodies included', () => {
    fc.assert(
      fc.property(packetArb, (packet) => {
        const [decoded, ...rest] = new RconDecoder().push(encodeRconPacket(packet));
        expect(rest).toEqual([]);
        expect(decoded && { id: decoded.id, type: decoded.type, body: decoded.body }).toEqual(packet);
        expect(decoded?.bodyBytes.equals(Buffer.from(packet.body, 'utf8'))).toBe(true);
      }),
    );
  });
});
