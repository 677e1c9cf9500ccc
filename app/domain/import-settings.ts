import { IniDocument } from './ini/ini-document.ts';

/**
 * Settings an imported server already keeps in its GameUserSettings.ini (docs/import.md). ASA
 * reads these when the command line does not set them, so they come first and the start
 * arguments override them, as in the game.
 */
const GUS_FIELDS: ReadonlyArray<{ section: string; key: string; field: string; kind: 'text' | 'int' }> = [
  { section: 'SessionSettings', key: 'SessionName', field: 'sessionName', kind: 'text' },
  { section: 'SessionSettings', key: 'Port', field: 'gamePort', kind: 'int' },
  { section: 'ServerSettings', key: 'RCONPort', field: 'rconPort', kind: 'int' },
  { section: 'ServerSettings', key: 'ServerAdminPassword', field: 'adminPassword', kind: 'text' },
  { section: 'ServerSettings', key: 'ServerPassword', field: 'serverPassword', kind: 'text' },
  { section: '/Script/Engine.GameSession', key: 'MaxPlayers', field: 'maxPlayers', kind: 'int' },
];

/** Raw values found in the INI (checked later with the start arguments, field by field). */
export function settingsFromGus(text: string): Record<string, unknown> {
  const doc = IniDocument.parse(text);
  const out: Record<string, unknown> = {};
  for (const { section, key, field, kind } of GUS_FIELDS) {
    const value = doc.get(section, key)?.trim();
    if (value === undefined || value === '') continue;
    out[field] = kind === 'int' ? (/^\d{1,6}$/.test(value) ? Number(value) : Number.NaN) : value;
  }
  return out;
}

/** Keys other managers write in their JSON server profiles, by our field (first found wins). */
const PROFILE_KEYS: Record<string, readonly string[]> = {
  map: ['map', 'mapName', 'serverMap', 'ServerMap', 'MapName', 'Map'],
  sessionName: ['sessionName', 'SessionName', 'serverName', 'ServerName'],
  gamePort: ['port', 'Port', 'gamePort', 'GamePort', 'listenPort', 'ListenPort', 'ServerPort', 'serverPort'],
  rconPort: ['rconPort', 'RconPort', 'RCONPort'],
  maxPlayers: ['maxPlayers', 'MaxPlayers', 'maxPlayerCount', 'MaxPlayerCount'],
  adminPassword: ['adminPassword', 'AdminPassword', 'serverAdminPassword', 'ServerAdminPassword'],
  serverPassword: ['serverPassword', 'ServerPassword'],
  clusterId: ['clusterId', 'ClusterId', 'ClusterID'],
};
const MOD_KEYS = ['mods', 'Mods', 'modIds', 'ModIds', 'serverMods', 'ServerMods'];

function modsOf(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return undefined;
}

/**
 * A JSON server profile of another manager (docs/import.md lists the ones known): a flat object
 * with a session name and a map or port under one of the usual key spellings. Null when the JSON
 * is not such a profile. Nested objects and managers' own features (schedules, Discord) are not read.
 */
export function settingsFromProfile(json: unknown): Record<string, unknown> | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const obj = json as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [field, keys] of Object.entries(PROFILE_KEYS)) {
    const key = keys.find((k) => obj[k] !== undefined && obj[k] !== null && obj[k] !== '');
    if (key === undefined) continue;
    const value = obj[key];
    out[field] = typeof value === 'number' || typeof value === 'string' ? value : undefined;
    if (['gamePort', 'rconPort', 'maxPlayers'].includes(field) && typeof value === 'string') out[field] = Number(value);
  }
  const modKey = MOD_KEYS.find((k) => obj[k] !== undefined);
  const mods = modKey ? modsOf(obj[modKey]) : undefined;
  if (mods && mods.length > 0) out.mods = mods;
  if (out.sessionName === undefined || (out.map === undefined && out.gamePort === undefined)) return null;
  return out;
}
