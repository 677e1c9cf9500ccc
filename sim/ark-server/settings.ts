// Effective server settings: the command line wins, GameUserSettings.ini fills the gaps (asa-facts §4.2).
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
    // No name anywhere: ARK invents `ARK #123456` (asa-facts §2.3, mschnitzer #86).
    sessionName: sessionName ?? `ARK #${randomInt(100000, 1000000)}`,
    // Both `?Port=` and `-port=` bind (asa-facts §2.3, §8.2).
    port: intOr(url('port') ?? flag('port') ?? getIni(gus, 'SessionSettings', 'Port'), 7777),
    rconEnabled: isTrue(url('rconenabled') ?? server('RCONEnabled')),
    rconPort: intOr(url('rconport') ?? server('RCONPort'), 27020),
    adminPassword: url('serveradminpassword') ?? server('ServerAdminPassword') ?? '',
    serverPassword: url('serverpassword') ?? server('ServerPassword') ?? '',
    // -WinLiveMaxPlayers replaces MaxPlayers in ASA (asa-facts §2.3).
    maxPlayers: intOr(flag('winlivemaxplayers'), 70),
    mods: listValue(flag('mods')),
    passiveMods: listValue(flag('passivemods')),
    clusterId: flag('clusterid') ?? null,
    clusterDir: flag('clusterdiroverride') ?? null,
    battlEye: !cmd.flags.has('nobattleye'),
    serverPlatform: flag('serverplatform') || 'ALL',
    altSaveDir: url('altsavedirectoryname') ?? null,
  };
}

/** RCON needs RCONEnabled=True, a port and ServerAdminPassword (asa-facts §2.3). */
export function rconActive(settings: ServerSettings): boolean {
  return settings.rconEnabled && settings.adminPassword !== '';
}
