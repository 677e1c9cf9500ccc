// Source RCON framing (docs/ark-facts.md#rcon-protocol), written independently of the manager's codec on purpose:
// int32 LE size (bytes after the size field) + int32 LE id + int32 LE type + body + NUL + NUL.
export const SERVERDATA_AUTH = 3;
export const SERVERDATA_AUTH_RESPONSE = 2;
export const SERVERDATA_EXECCOMMAND = 2;
export const SERVERDATA_RESPONSE_VALUE = 0;

/** Largest packet on the wire, size field included (Valve wiki). */
export const MAX_PACKET_BYTES = 4096;
const HEADER_BYTES = 12;
const MIN_SIZE = 10;
/** Largest body that fits one packet: 4096 - 4 (size) - 8 (id, type) - 2 (NULs). */
export const MAX_BODY_BYTES = MAX_PACKET_BYTES - HEADER_BYTES - 2;

export interface RconPacket {
  id: number;
  type: number;
  body: string;
}

export function encodePacket(packet: RconPacket): Buffer {
  const body = Buffer.from(packet.body, 'utf8');
  const buf = Buffer.alloc(HEADER_BYTES + body.length + 2);
  buf.writeInt32LE(8 + body.length + 2, 0);
  buf.writeInt32LE(packet.id, 4);
  buf.writeInt32LE(packet.type, 8);
  body.copy(buf, HEADER_BYTES);
  return buf;
}

export class RconProtocolError extends Error {}

/** Reassembles packets from a TCP stream: handles several packets per read and packets split across reads. */
export class PacketDecoder {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): RconPacket[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const packets: RconPacket[] = [];
    while (this.buffer.length >= 4) {
      const size = this.buffer.readInt32LE(0);
      if (size < MIN_SIZE || size > MAX_PACKET_BYTES - 4) throw new RconProtocolError(`bad packet size ${size}`);
      if (this.buffer.length < 4 + size) break;
      const id = this.buffer.readInt32LE(4);
      const type = this.buffer.readInt32LE(8);
      const bodyBytes = this.buffer.subarray(HEADER_BYTES, 4 + size - 2);
      const nul = bodyBytes.indexOf(0);
      const body = (nul >= 0 ? bodyBytes.subarray(0, nul) : bodyBytes).toString('utf8');
      packets.push({ id, type, body });
      this.buffer = this.buffer.subarray(4 + size);
    }
    return packets;
  }
}

/** Splits a reply into bodies of at most MAX_BODY_BYTES bytes, never inside a UTF-8 sequence. */
export function splitBody(body: string, maxBytes = MAX_BODY_BYTES): string[] {
  const bytes = Buffer.from(body, 'utf8');
  if (bytes.length <= maxBytes) return [body];
  const parts: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + maxBytes, bytes.length);
    // Back off continuation bytes (10xxxxxx) so a multi-byte character stays whole.
    while (end < bytes.length && end > start && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
  }
  return parts;
}
