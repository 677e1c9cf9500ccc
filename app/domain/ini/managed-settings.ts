import type { InstanceSettings } from '@ark-asa/contracts';
import { AppError } from '../app-error.ts';
import type { IniDocument } from './ini-document.ts';

export interface ManagedKey {
  section: string;
  key: string;
}

type ManagedValue = ManagedKey & { value: (s: InstanceSettings) => string };

/*
 * The GameUserSettings.ini keys the manager owns. They repeat what the command line says, so that
 * whoever opens the file (or a tool that reads only the INI) sees the settings the server runs with.
 *
 * - ServerPassword is written empty rather than removed when there is none: `ServerPassword=` is
 *   what a server with no password writes itself (AMP's ASA template ships it that way), so the
 *   file stays stable across restarts, and an old password can never survive in the file.
 * - SessionName goes to [SessionSettings] as the wiki says, not to [/Script/Engine.GameSession]
 *   where one manager writes it (docs/ark-facts.md#config-files, #open-questions).
 * - MaxPlayers: ASA takes the limit from -WinLiveMaxPlayers and ignores the INI value (wiki,
 *   §2.3), so this only keeps [/Script/Engine.GameSession] from contradicting the command line.
 *   Game.ini is left alone.
 * - ActiveMods is not touched: mods go on the command line (-mods=), and a user's own ActiveMods
 *   line is theirs to keep or delete.
 */
const MANAGED: readonly ManagedValue[] = [
  { section: 'ServerSettings', key: 'RCONEnabled', value: () => 'True' },
  { section: 'ServerSettings', key: 'RCONPort', value: (s) => String(s.rconPort) },
  { section: 'ServerSettings', key: 'ServerAdminPassword', value: (s) => s.adminPassword },
  { section: 'ServerSettings', key: 'ServerPassword', value: (s) => s.serverPassword },
  { section: 'SessionSettings', key: 'SessionName', value: (s) => s.sessionName },
  { section: 'SessionSettings', key: 'Port', value: (s) => String(s.gamePort) },
  { section: '/Script/Engine.GameSession', key: 'MaxPlayers', value: (s) => String(s.maxPlayers) },
];

/** Section and key of every GameUserSettings.ini entry that applyManagedSettings overwrites. */
export const MANAGED_GUS_KEYS: readonly ManagedKey[] = MANAGED.map(({ section, key }) => ({ section, key }));

/**
 * Writes the settings the manager owns into GameUserSettings.ini before a start. Each managed key
 * ends up exactly once (a stale duplicate could otherwise be the one the server reads); every
 * other line stays byte-identical. Returns whether the text changed, so the caller can skip the
 * write and leave the file's timestamp alone.
 */
export function applyManagedSettings(gus: IniDocument, settings: InstanceSettings): boolean {
  if (settings.adminPassword === '') {
    // RCON is enabled below, and an RCON port without a password is either open or unusable.
    throw AppError.validation([
      { field: 'adminPassword', message: 'Set an admin password before starting; RCON needs it' },
    ]);
  }
  const before = gus.toString();
  for (const { section, key, value } of MANAGED) gus.setAll(section, key, [value(settings)]);
  return gus.toString() !== before;
}
