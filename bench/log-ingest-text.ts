/**
 * ShooterGame.log text as an ASA server writes it (docs/ark-facts.md#logs): a UTF-8 BOM, the
 * `Log file open` line, then `[YYYY.MM.DD-HH.MM.SS:mmm][fff]` prefixed lines ending in CRLF, with the
 * usual mix of a busy server: joins and leaves, chat, saves, warnings, spawns and structure logs.
 */

const p2 = (n: number) => String(n).padStart(2, '0');

function prefix(t: Date, frame: number): string {
  const date = `${t.getUTCFullYear()}.${p2(t.getUTCMonth() + 1)}.${p2(t.getUTCDate())}`;
  const time = `${p2(t.getUTCHours())}.${p2(t.getUTCMinutes())}.${p2(t.getUTCSeconds())}`;
  return `[${date}-${time}:${String(t.getUTCMilliseconds()).padStart(3, '0')}][${String(frame % 1000).padStart(3)}]`;
}

function gameStamp(t: Date): string {
  const date = `${t.getUTCFullYear()}.${p2(t.getUTCMonth() + 1)}.${p2(t.getUTCDate())}`;
  return `${date}_${p2(t.getUTCHours())}.${p2(t.getUTCMinutes())}.${p2(t.getUTCSeconds())}`;
}

const TEMPLATES: ((i: number, t: Date) => string)[] = [
  (i) => `LogNet: Join request: /Game/Maps/TheIsland_WP?Name=Survivor${i % 70}?SplitscreenCount=1`,
  (i) => `LogNet: Join succeeded: Survivor${i % 70}`,
  (i, t) =>
    `${gameStamp(t)}: Survivor${i % 70} [UniqueNetId:0002${(i * 2654435761).toString(16).padStart(28, '0')} Platform:None] joined this ARK!`,
  (i, t) =>
    `${gameStamp(t)}: Survivor${i % 70} (Rex Tamer ${i % 9}): anyone near the swamp cave? need a hand with ${i}`,
  (i) =>
    `LogPrimalStructure: Structure destroyed: StorageBox_Small_C_${i} at X=${(i % 3000) - 1500}.5 Y=${i % 7000}.25 Z=1204.0`,
  (i) => `LogNPCSpawner: Spawning Dodo_Character_BP_C_${i} at (X=-${i % 9000}.0,Y=${i % 4000}.0,Z=512.0) zone 3`,
  () => `LogOnlineSession: Warning: OSS: Session update failed for session GameSession (EOS: EOS_TooManyRequests)`,
  () =>
    `LogSavePackage: Moved '../../../ShooterGame/Saved/SavedArks/TheIsland_WP/TheIsland_WP_NewSave.tmp' to '../../../ShooterGame/Saved/SavedArks/TheIsland_WP/TheIsland_WP.ark'`,
  (i) => `World Save Complete. Took: ${(1 + (i % 300) / 100).toFixed(2)}`,
  (i) =>
    `LogStreaming: Warning: Failed to read file '../../../ShooterGame/Content/Mods/928${i % 100}/Meshes.uasset' error.`,
];

/** The templates whose lines carry a marker the supervisor acts on: a join, a world save. */
const MARKED = [2, 8];
const UNMARKED = TEMPLATES.map((_, i) => i).filter((i) => !MARKED.includes(i));

/**
 * `count` lines (at least 2), CRLF-terminated, as one buffer ready to write: `Log file open` first and
 * the engine's shutdown line last, as a server writes them, so the bench can time from one marker to
 * the other. Every `markerEvery`-th line carries a marker (joins and world saves in turn); the others
 * cycle through the unmarked templates. A server floods its log with warnings and spawns, not with
 * joins: at 2,000 lines/s, one marker per 1,000 lines is still two joins or saves a second.
 */
export function shooterGameLog(
  count: number,
  markerEvery = 1000,
  start = new Date('2025-11-05T16:00:00.000Z'),
): Buffer {
  const parts: string[] = ['\uFEFF', `${prefix(start, 0)}Log file open, 11/05/25 17:00:00\r\n`];
  for (let i = 1; i < count - 1; i++) {
    const t = new Date(start.getTime() + i);
    const template = i % markerEvery === 0 ? MARKED[(i / markerEvery) % 2]! : UNMARKED[i % UNMARKED.length]!;
    parts.push(`${prefix(t, i)}${TEMPLATES[template]!(i, t)}\r\n`);
  }
  const end = new Date(start.getTime() + count - 1);
  parts.push(`${prefix(end, count - 1)}LogExit: Game engine shut down\r\n`);
  return Buffer.from(parts.join(''), 'utf8');
}
