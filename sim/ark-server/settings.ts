// Effective server settings: the command line wins, GameUserSettings.ini fills the gaps (docs/ark-facts.md#command-line, #ark-rcon-quirks).
import { randomInt } from 'node:crypto';
import { isTrue, listValue } from './cmdline.ts';
import type { ParsedCommandLine } from './cmdline.ts';
import { getIni } from './ini.ts';
import type { IniDoc } from './ini.ts';

export interface ServerSettings {
  map: string;
  sessionName: string;
  port: number;
  rconEnabled: boolean;
  rconPort: number;
  adminPassword: string;
  serverPassword: string;
  maxPlayers: number;
  mods: string[];
  passiveMods: string[];
  clusterId: string | null;
  clusterDir: string | null;
  battlEye: boolean;
  serverPlatform: string;
  altSaveDir: string | null;
  /** `?MultiHome=<ip>`: the game and RCON bind to this address only. */
  multiHome: string | null;
}

function intOr(value: string | undefined, fallback: number): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) ? n : fallback;
}

export function resolveSettings(cmd: ParsedCommandLine, gus: IniDoc): ServerSettings {
  const url = (k: string): string | undefined => cmd.url.get(k);
  const flag = (k: string): string | undefined => cmd.flags.get(k);
  const server = (k: string): string | undefined => getIni(gus, 'ServerSettings', k);
  const sessionName = url('sessionname') ?? getIni(gus, 'SessionSettings', 'SessionName');
  return {
    map: cmd.map,
    // No name anywhere: ARK invents `ARK #123456` (docs/ark-facts.md#command-line, mschnitzer #86).
    sessionName: sessionName ?? `ARK #${randomInt(100000, 1000000)}`,
    // Both `?Port=` and `-port=` bind (docs/ark-facts.md#command-line, #open-questions).
    port: intOr(url('port') ?? flag('port') ?? getIni(gus, 'SessionSettings', 'Port'), 7777),
    rconEnabled: isTrue(url('rconenabled') ?? server('RCONEnabled')),
    rconPort: intOr(url('rconport') ?? server('RCONPort'), 27020),
    adminPassword: url('serveradminpassword') ?? server('ServerAdminPassword') ?? '',
    serverPassword: url('serverpassword') ?? server('ServerPassword') ?? '',
    // -WinLiveMaxPlayers replaces MaxPlayers in ASA (docs/ark-facts.md#command-line).
    maxPlayers: intOr(flag('winlivemaxplayers'), 70),
    mods: listValue(flag('mods')),
    passiveMods: listValue(flag('passivemods')),
    clusterId: flag('clusterid') ?? null,
    clusterDir: flag('clusterdiroverride') ?? null,
    battlEye: !cmd.flags.has('nobattleye'),
    serverPlatform: flag('serverplatform') || 'ALL',
    altSaveDir: url('altsavedirectoryname') ?? null,
    multiHome: url('multihome') || null,
  };
}

/** RCON needs RCONEnabled=True, a port and ServerAdminPassword (docs/ark-facts.md#command-line). */
export function rconActive(settings: ServerSettings): boolean {
  return settings.rconEnabled && settings.adminPassword !== '';
}
