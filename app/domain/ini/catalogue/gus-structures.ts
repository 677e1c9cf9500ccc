import type { GameSettingDef } from '@ark-asa/contracts';
import { GUS_SERVER, group } from './define.ts';

const structures = group({ ...GUS_SERVER, category: 'structures' });

/** Building rules in GameUserSettings.ini [ServerSettings]. */
export const GUS_STRUCTURES: readonly GameSettingDef[] = [
  structures.float(
    'StructureDamageMultiplier',
    1,
    'Structure damage',
    'Scales the damage structures such as spike walls deal. The wiki does not confirm it for ASA.',
    { min: 0 },
  ),
  structures.float(
    'StructureResistanceMultiplier',
    1,
    'Structure resistance',
    'Scales the damage structures take; lower values make them tougher.',
    { min: 0 },
  ),
  structures.int(
    'TheMaxStructuresInRange',
    10500,
    'Structures in range',
    'The most structures that may stand within one area.',
    { min: 0 },
  ),
  structures.bool(
    'DisableStructureDecayPvE',
    false,
    'No structure decay in PvE',
    'Stops the gradual decay of the structures of absent players on PvE servers.',
  ),
  structures.float(
    'PvEStructureDecayPeriodMultiplier',
    1,
    'Structure decay period (PvE)',
    'Scales how long structures take to decay on PvE servers. The wiki does not confirm it for ASA.',
    { min: 0 },
  ),
  structures.bool(
    'AlwaysAllowStructurePickup',
    false,
    'Always allow pickup',
    'Removes the time limit on picking structures back up.',
  ),
  structures.float(
    'StructurePickupTimeAfterPlacement',
    30,
    'Pickup window',
    'Seconds after placing a structure during which it can be picked up quickly.',
    { min: 0 },
  ),
  structures.float(
    'StructurePickupHoldDuration',
    0.5,
    'Pickup hold time',
    'Seconds the pickup key must be held; 0 picks up instantly.',
    { min: 0 },
  ),
  structures.float(
    'PerPlatformMaxStructuresMultiplier',
    1,
    'Platform structure limit',
    'Scales how many structures a platform saddle or raft can carry.',
    { min: 0 },
  ),
  structures.int(
    'MaxPlatformSaddleStructureLimit',
    75,
    'Platforms on the map',
    'The most platform saddles and rafts with structures on the map. The wiki does not confirm it for ASA.',
    { min: 0 },
  ),
  structures.bool('AllowCaveBuildingPvE', false, 'Cave building in PvE', 'Allows building in caves on PvE servers.'),
  structures.bool('AllowCaveBuildingPvP', true, 'Cave building in PvP', 'Allows building in caves on PvP servers.'),
  structures.bool(
    'ForceAllStructureLocking',
    false,
    'Lock all structures',
    'Places every structure locked by default.',
  ),
  structures.bool(
    'OverrideStructurePlatformPrevention',
    false,
    'Turrets on platforms',
    'Allows turrets to be built and to work on platform saddles.',
  ),
  structures.bool(
    'EnableExtraStructurePreventionVolumes',
    false,
    'Extra no-build zones',
    'Forbids building in certain resource-rich areas.',
  ),
  structures.bool(
    'PvEAllowStructuresAtSupplyDrops',
    false,
    'Build at supply drops (PvE)',
    'Allows building next to supply drop points on PvE servers.',
  ),
  structures.float(
    'StructurePreventResourceRadiusMultiplier',
    1,
    'Resource-free radius',
    'Scales the area around structures in which resources do not grow back.',
    { min: 0 },
  ),
];
