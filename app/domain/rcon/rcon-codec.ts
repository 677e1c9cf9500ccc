import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../app-error.ts';

/** Packet types of the Source RCON protocol (docs/ark-facts.md#rcon-protocol). */
export const SERVERDATA_AUTH = 3;
export const SERVERDATA_AUTH_RESPONSE = 2;
/** Same number as AUTH_RESPONSE; the direction tells them apart. */
export const SERVERDATA_EXECCOMMAND = 2;
export const SERVERDATA_RESPONSE_VALUE = 0;

/** Smallest `size` field: id + type + two NULs. */
export const MIN_PACKET_SIZE = 10;
/** Valve's limit on one whole packet; longer replies are split across packets. */
export const MAX_PACKET_BYTES = 4096;
/** The body that fills a whole 4096-byte packet (4 size + 4 id + 4 type + body + 2 NULs). */
export const MAX_BODY_BYTES = MAX_PACKET_BYTES - 14;
/**
 * Largest `size` the decoder accepts. Valve's 4096-byte limit is not ARK's: ASA sends a long reply
 * (ListPlayers on a full server, GetGameLog after a busy minute) as ONE packet of 10–30 KB rather
 * than splitting it (docs/ark-facts.md, RCON). 4 MiB is far above any reply and still refuses
 * garbage (an HTTP request sent to the RCON port reads as a size of about 1.2 GB) instead of
 * buffering while waiting for bytes that will never come.
 */
export const MAX_ACCEPTED_SIZE = 4 * 1024 * 1024;

export interface RconPacket {
  id: number;
  type: number;
  body: string;
}

/** A received packet, with its raw body so that a reply split mid-character can be joined first. */
export interface DecodedRconPacket extends RconPacket {
  bodyBytes: Buffer;
}

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;

function checkInt32(field: string, value: number): void {
  if (!Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) {
    throw AppError.validation([{ field, message: 'must be a signed 32-bit integer' }]);
  }
}

/** Frames one packet: int32 LE size, id, type, UTF-8 body, two NULs. */
export function encodeRconPacket(packet: RconPacket): Buffer {
  checkInt32('id', packet.id);
  checkInt32('type', packet.type);
  // The body is a NUL-terminated string on the wire; an embedded NUL would cut it short.
  if (packet.body.includes('\0'))
    throw AppError.validation([{ field: 'body', message: 'must not contain NUL characters' }]);
  const body = Buffer.from(packet.body, 'utf8');
  const size = MIN_PACKET_SIZE + body.length;
  if (size > MAX_ACCEPTED_SIZE) {
    throw AppError.validation([
      {
        field: 'body',
        message: `is ${body.length} bytes; at most ${MAX_ACCEPTED_SIZE - MIN_PACKET_SIZE} fit in a packet`,
      },
    ]);
  }
  const frame = Buffer.alloc(4 + size);
  frame.writeInt32LE(size, 0);
  frame.writeInt32LE(packet.id, 4);
  frame.writeInt32LE(packet.type, 8);
  body.copy(frame, 12);
  return frame;
}

function decodeFrame(buf: Buffer, offset: number, size: number): DecodedRconPacket {
  const start = offset + 12;
  let end = offset + 4 + size;
  // Strip the two terminating NULs; tolerate a server that sends only one.
  for (let i = 0; i < 2 && end > start && buf[end - 1] === 0; i++) end--;
  const bodyBytes = Buffer.from(buf.subarray(start, end));
  return {
    id: buf.readInt32LE(offset + 4),
    type: buf.readInt32LE(offset + 8),
    body: bodyBytes.toString('utf8'),
    bodyBytes,
  };
}

/**
 * Turns a TCP byte stream into packets. TCP coalesces and splits writes freely, so a chunk may hold
 * several packets and a packet may span several chunks. A size outside [10, MAX_ACCEPTED_SIZE]
 * means the stream is corrupt: `push` throws, and keeps throwing, and the connection must be reset.
 */
export class RconDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private failure: AppError | null = null;

  push(chunk: Buffer): DecodedRconPacket[] {
    if (this.failure) throw this.failure;
    const buf = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const packets: DecodedRconPacket[] = [];
    let offset = 0;
    while (buf.length - offset >= 4) {
      const size = buf.readInt32LE(offset);
      if (size < MIN_PACKET_SIZE || size > MAX_ACCEPTED_SIZE) {
        this.failure = new AppError(
          ErrorCode.RCON_UNAVAILABLE,
          `The RCON stream is corrupt (packet size ${size}); reconnect`,
        );
        throw this.failure;
      }
      if (buf.length - offset < 4 + size) break;
      packets.push(decodeFrame(buf, offset, size));
      offset += 4 + size;
    }
    // Copy the unfinished tail so that a large chunk is not kept alive by a few leftover bytes.
    this.pending = Buffer.from(buf.subarray(offset));
    return packets;
  }

  /** Bytes received that do not yet form a whole packet. */
  get pendingBytes(): number {
    return this.pending.length;
  }
}
