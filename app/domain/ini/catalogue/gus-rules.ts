import type { GameSettingDef } from '@ark-asa/contracts';
import { GUS_SERVER, group } from './define.ts';

const pvpPve = group({ ...GUS_SERVER, category: 'pvp-pve' });
const rules = group({ ...GUS_SERVER, category: 'rules' });
const server = group({ ...GUS_SERVER, category: 'server' });
const sessionManaged = group({ file: 'GameUserSettings.ini', section: 'SessionSettings', category: 'managed' });
const managed = group({ ...GUS_SERVER, category: 'managed' });
const gameSessionManaged = group({
  file: 'GameUserSettings.ini',
  section: '/Script/Engine.GameSession',
  category: 'managed',
});
const motd = group({ file: 'GameUserSettings.ini', section: 'MessageOfTheDay', category: 'server' });

/** PvE/PvP, game rules, server housekeeping and the keys the manager owns, in GameUserSettings.ini. */
export const GUS_RULES: readonly GameSettingDef[] = [
  pvpPve.bool('serverPVE', false, 'PvE mode', 'Turns player-versus-player combat off.'),
  pvpPve.bool('ServerHardcore', false, 'Hardcore', 'Survivors restart at level 1 when they die.'),
  pvpPve.bool(
    'PreventOfflinePvP',
    false,
    'Offline raid protection',
    'Protects a tribe, its tames and structures while all its members are offline.',
  ),
  pvpPve.float(
    'PreventOfflinePvPInterval',
    0,
    'Offline protection delay',
    'Seconds after the last member logs off before offline protection starts.',
    { min: 0 },
  ),
  pvpPve.bool(
    'PvPDinoDecay',
    false,
    'Tame decay in PvP',
    'Lets tames decay on PvP servers while offline protection is active.',
  ),
  pvpPve.bool('PreventTribeAlliances', false, 'No alliances', 'Prevents tribes from forming alliances.'),
  pvpPve.bool('EnablePvPGamma', false, 'Gamma in PvP', 'Allows the gamma console command on PvP servers.'),
  pvpPve.bool('DisablePvEGamma', false, 'No gamma in PvE', 'Forbids the gamma console command on PvE servers.'),
  pvpPve.bool('AllowHitMarkers', true, 'Hit markers', 'Shows markers when ranged attacks hit.'),
  pvpPve.bool('ShowFloatingDamageText', false, 'Floating damage numbers', 'Shows damage numbers above targets.'),
  rules.bool(
    'AllowThirdPersonPlayer',
    true,
    'Third-person view',
    'Allows players to switch to the third-person camera.',
  ),
  rules.bool('ShowMapPlayerLocation', true, 'Own position on map', 'Shows each player their own position on the map.'),
  rules.bool('ServerCrosshair', true, 'Crosshair', 'Shows a crosshair.'),
  rules.bool(
    'ServerForceNoHUD',
    false,
    'Hide creature HUD',
    "Hides the HUD of creatures not owned by the player's tribe.",
  ),
  rules.bool(
    'globalVoiceChat',
    false,
    'Global voice chat',
    'Lets everyone on the server hear voice chat, regardless of distance.',
  ),
  rules.bool('ProximityChat', false, 'Proximity text chat', 'Shows text chat only to players nearby.'),
  rules.bool('AdminLogging', false, 'Announce admin commands', 'Posts every admin command in the global chat.'),
  rules.bool('DontAlwaysNotifyPlayerJoined', false, 'Hide join messages', 'Stops the notice when a player joins.'),
  rules.bool('PreventDiseases', false, 'No diseases', 'Turns diseases such as Swamp Fever off.'),
  rules.bool(
    'NonPermanentDiseases',
    false,
    'Diseases heal on death',
    'Permanent diseases go away when the survivor dies.',
  ),
  rules.bool('PreventSpawnAnimations', false, 'No wake-up animation', 'Survivors spawn without the wake-up animation.'),
  rules.float('TribeNameChangeCooldown', 15, 'Tribe rename cooldown', 'Minutes between two renames of a tribe.', {
    min: 0,
  }),
  server.float(
    'AutoSavePeriodMinutes',
    15,
    'Autosave interval',
    'Minutes between automatic world saves; 0 saves constantly.',
    { min: 0 },
  ),
  server.float(
    'KickIdlePlayersPeriod',
    3600,
    'Idle kick after',
    'Seconds without movement or input after which a player is kicked; only with the -EnableIdlePlayerKick flag.',
    { min: 0 },
  ),
  server.float(
    'RCONServerGameLogBuffer',
    600,
    'RCON game log lines',
    'How many game log lines RCON keeps for GetGameLog. Stored as a number with decimals, but whole numbers are what make sense.',
    { min: 0 },
  ),
  sessionManaged.str(
    'SessionName',
    null,
    'Session name',
    'The name in the server browser; without one the server makes up "ARK #" and six random digits. The manager writes it from the instance settings.',
    { managed: true },
  ),
  sessionManaged.int(
    'Port',
    7777,
    'Game port',
    'The UDP game port. The manager writes it from the instance settings.',
    { managed: true },
  ),
  managed.bool(
    'RCONEnabled',
    false,
    'RCON enabled',
    'The manager always enables RCON: it needs it to talk to the server.',
    { managed: true },
  ),
  managed.int(
    'RCONPort',
    27020,
    'RCON port',
    'The TCP port of RCON. The manager writes it from the instance settings.',
    { managed: true },
  ),
  gameSessionManaged.int(
    'MaxPlayers',
    70,
    'Max players',
    'ASA takes the player limit from -WinLiveMaxPlayers; the manager writes the same value here from the instance settings.',
    { managed: true },
  ),
  motd.str('Message', null, 'Message of the day', 'A single line shown to players when they join.'),
  motd.int('Duration', 20, 'Message duration', 'Seconds the message of the day stays on screen.', { min: 0 }),
];
