import type { GameSettingDef } from '@ark-asa/contracts';
import { GAME_MODE, group } from './define.ts';

const structures = group({ ...GAME_MODE, category: 'structures' });

/** Building rules in Game.ini [/Script/ShooterGame.ShooterGameMode]. */
export const GAME_STRUCTURES: readonly GameSettingDef[] = [
  structures.bool(
    'bDisableStructurePlacementCollision',
    false,
    'Ignore placement collision',
    'Lets structures be placed clipping into terrain and other objects.',
  ),
  structures.bool(
    'bIgnoreStructuresPreventionVolumes',
    false,
    'Build in no-build zones',
    'Allows building where it is normally forbidden, such as near obelisks.',
  ),
  structures.bool(
    'bAllowPlatformSaddleMultiFloors',
    false,
    'Multi-floor platforms',
    'Allows more than one floor on platform saddles. The wiki does not confirm it for ASA.',
  ),
  structures.bool(
    'bLimitTurretsInRange',
    true,
    'Limit turrets',
    'Limits how many turrets may stand within an area. The wiki does not confirm it for ASA.',
  ),
  structures.int(
    'LimitTurretsNum',
    100,
    'Turret limit',
    'The most turrets within the turret limit range. The wiki does not confirm it for ASA.',
    { min: 0 },
  ),
  structures.float(
    'LimitTurretsRange',
    10000,
    'Turret limit range',
    'The radius, in Unreal units, of the turret limit. The wiki does not confirm it for ASA.',
    { min: 0 },
  ),
  structures.int(
    'StructureDamageRepairCooldown',
    180,
    'Repair cooldown',
    'Seconds after damage before a structure can be repaired. The wiki does not confirm it for ASA.',
    { min: 0 },
  ),
  structures.float(
    'PvPZoneStructureDamageMultiplier',
    6,
    'Cave structure damage',
    'Scales the damage structures take in caves on PvP servers. The wiki does not confirm it for ASA.',
    { min: 0 },
  ),
  structures.int(
    'FastDecayInterval',
    43200,
    'Fast decay period',
    'Seconds before lone pillars, foundations and similar fast-decaying structures decay. The wiki does not confirm it for ASA.',
    { min: 0 },
  ),
  structures.int('LimitGeneratorsNum', 3, 'Generator limit', 'The most generators within the generator limit range.', {
    min: 0,
  }),
  structures.int(
    'LimitGeneratorsRange',
    15000,
    'Generator limit range',
    'The radius, in Unreal units, of the generator limit.',
    { min: 0 },
  ),
  structures.bool(
    'bDisableWirelessCrafting',
    false,
    'No wireless crafting',
    'Stops crafting from the contents of nearby Tek Dedicated Storage.',
  ),
  structures.int(
    'WirelessCraftingRangeOverride',
    3000,
    'Wireless crafting range',
    'The range, in Unreal units, of wireless crafting from Tek Dedicated Storage.',
    { min: 0 },
  ),
  structures.float('TribeTowerBonusMultiplier', 2, 'Tribe tower bonus', 'Scales the bonus of the tribe tower.', {
    min: 0,
  }),
];
