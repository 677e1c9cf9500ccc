import type { GameSettingDef } from '@ark-asa/contracts';
import { GAME_MODE, group } from './define.ts';

const rules = group({ ...GAME_MODE, category: 'rules' });
const pvpPve = group({ ...GAME_MODE, category: 'pvp-pve' });
const dayNight = group({ ...GAME_MODE, category: 'day-night' });

/** Game rules and PvE/PvP in Game.ini [/Script/ShooterGame.ShooterGameMode]. */
export const GAME_RULES: readonly GameSettingDef[] = [
  rules.bool(
    'bAllowUnlimitedRespecs',
    false,
    'Unlimited respecs',
    'Lets survivors use Mindwipe Tonic without the cooldown.',
  ),
  rules.bool(
    'bAllowSpeedLeveling',
    false,
    'Speed levelling',
    'Lets survivors and non-flying creatures level movement speed.',
  ),
  rules.bool('bAllowFlyerSpeedLeveling', false, 'Flyer speed levelling', 'Lets flying creatures level movement speed.'),
  rules.bool('bDisablePhotoMode', false, 'No photo mode', 'Turns photo mode off.'),
  rules.bool('bShowCreativeMode', false, 'Creative mode button', 'Adds a creative mode switch to the pause menu.'),
  rules.bool('bUseSingleplayerSettings', false, 'Single-player balance', 'Balances the game for one player.'),
  rules.bool(
    'bUseCorpseLocator',
    true,
    'Corpse locator',
    'Shows a beam of light where a survivor died. The wiki does not confirm it for ASA.',
  ),
  rules.bool(
    'bAutoUnlockAllEngrams',
    false,
    'Unlock all engrams',
    'Gives every engram to every survivor. The wiki does not confirm it for ASA.',
  ),
  rules.bool(
    'bDisableLootCrates',
    false,
    'No loot crates',
    'Stops supply crates from spawning. The wiki does not confirm it for ASA.',
  ),
  rules.int(
    'MaxNumberOfPlayersInTribe',
    0,
    'Tribe size',
    'The most survivors in one tribe; 0 means no limit and 1 turns tribes off. The wiki does not confirm it for ASA.',
    { min: 0 },
  ),
  rules.int(
    'MaxTribeLogs',
    400,
    'Tribe log entries',
    'How many tribe log entries each tribe keeps. The wiki does not confirm it for ASA.',
    { min: 0 },
  ),
  rules.float(
    'MaxFallSpeedMultiplier',
    1,
    'Fall damage speed',
    'Scales the falling speed at which survivors start taking damage.',
    { min: 0 },
  ),
  pvpPve.bool(
    'bDisableFriendlyFire',
    false,
    'No friendly fire',
    'Stops damage between tribe mates, their tames and structures.',
  ),
  pvpPve.bool(
    'bPvEDisableFriendlyFire',
    false,
    'No friendly fire (PvE)',
    'Stops damage between tribe mates, their tames and structures on PvE servers.',
  ),
  pvpPve.bool(
    'bPvEAllowTribeWar',
    true,
    'Tribe wars in PvE',
    'Lets tribes declare war on each other on PvE servers. The wiki does not confirm it for ASA.',
  ),
  pvpPve.bool(
    'bIncreasePvPRespawnInterval',
    true,
    'Longer PvP respawn',
    'Adds respawn time for survivors killed repeatedly in PvP. The wiki does not confirm it for ASA.',
  ),
  dayNight.float(
    'BaseTemperatureMultiplier',
    1,
    'Base temperature',
    "Scales the map's base temperature; lower values make it colder. The wiki does not confirm it for ASA.",
    { min: 0 },
  ),
];
