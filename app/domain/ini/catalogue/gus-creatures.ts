import type { GameSettingDef } from '@ark-asa/contracts';
import { GUS_SERVER, group } from './define.ts';

const taming = group({ ...GUS_SERVER, category: 'taming' });
const playerStats = group({ ...GUS_SERVER, category: 'player-stats' });
const dinoStats = group({ ...GUS_SERVER, category: 'dino-stats' });
const breeding = group({ ...GUS_SERVER, category: 'breeding' });

/** Survivor and creature stats, taming and breeding in GameUserSettings.ini [ServerSettings]. */
export const GUS_CREATURES: readonly GameSettingDef[] = [
  taming.float(
    'TamingSpeedMultiplier',
    1,
    'Taming speed',
    'Scales how fast creatures tame; higher values tame faster.',
    { min: 0 },
  ),
  taming.float(
    'MaxTamedDinos',
    5000,
    'Server tame limit',
    'The most tamed creatures the whole server may hold. Stored as a number with decimals, but whole numbers are what make sense.',
    { min: 0 },
  ),
  taming.int(
    'MaxPersonalTamedDinos',
    0,
    'Tribe tame limit',
    'The most tamed creatures one tribe may hold; 0 means no per-tribe limit.',
    { min: 0 },
  ),
  taming.bool(
    'AllowRaidDinoFeeding',
    false,
    'Allow raid creature feeding',
    'Lets players feed Titanosaurs so they can be kept permanently.',
  ),
  taming.bool(
    'AllowFlyerCarryPvE',
    false,
    'Flyers carry in PvE',
    'Lets flying creatures pick up wild creatures on PvE servers.',
  ),
  taming.bool(
    'DisableDinoDecayPvE',
    false,
    'No tame decay in PvE',
    'Stops the claim timer on tamed creatures of absent players on PvE servers.',
  ),
  taming.float(
    'PvEDinoDecayPeriodMultiplier',
    1,
    'Tame decay period (PvE)',
    'Scales how long tamed creatures last before they can be claimed on PvE servers; applies only when tame decay is on.',
    { min: 0 },
  ),
  taming.bool(
    'DisableCryopodEnemyCheck',
    false,
    'Cryopods near enemies',
    'Lets cryopods be used while enemies are nearby.',
  ),
  taming.bool(
    'DisableCryopodFridgeRequirement',
    false,
    'Cryopods without fridge',
    'Lets creatures be released from cryopods away from a powered cryofridge.',
  ),
  taming.bool(
    'AllowCryoFridgeOnSaddle',
    false,
    'Cryofridges on saddles',
    'Allows cryofridges on platform saddles and rafts.',
  ),
  playerStats.float(
    'PlayerCharacterWaterDrainMultiplier',
    1,
    'Player water drain',
    'Scales how fast survivors get thirsty.',
    { min: 0 },
  ),
  playerStats.float(
    'PlayerCharacterFoodDrainMultiplier',
    1,
    'Player food drain',
    'Scales how fast survivors get hungry.',
    { min: 0 },
  ),
  playerStats.float(
    'PlayerCharacterStaminaDrainMultiplier',
    1,
    'Player stamina drain',
    'Scales how fast survivors use stamina.',
    { min: 0 },
  ),
  playerStats.float(
    'PlayerCharacterHealthRecoveryMultiplier',
    1,
    'Player health recovery',
    'Scales how fast survivors regain health.',
    { min: 0 },
  ),
  playerStats.float('PlayerDamageMultiplier', 1, 'Player damage', 'Scales the damage survivors deal.', { min: 0 }),
  playerStats.float(
    'PlayerResistanceMultiplier',
    1,
    'Player resistance',
    'Scales the damage survivors take; lower values make them tougher.',
    { min: 0 },
  ),
  playerStats.float(
    'OxygenSwimSpeedStatMultiplier',
    1,
    'Swim speed from oxygen',
    'Scales how much each level in oxygen adds to swimming speed.',
    { min: 0 },
  ),
  dinoStats.float(
    'DinoCharacterFoodDrainMultiplier',
    1,
    'Creature food drain',
    'Scales how fast creatures get hungry.',
    { min: 0 },
  ),
  dinoStats.float(
    'DinoCharacterStaminaDrainMultiplier',
    1,
    'Creature stamina drain',
    'Scales how fast creatures use stamina.',
    { min: 0 },
  ),
  dinoStats.float(
    'DinoCharacterHealthRecoveryMultiplier',
    1,
    'Creature health recovery',
    'Scales how fast creatures regain health.',
    { min: 0 },
  ),
  dinoStats.float('DinoDamageMultiplier', 1, 'Wild creature damage', 'Scales the damage wild creatures deal.', {
    min: 0,
  }),
  dinoStats.float(
    'DinoResistanceMultiplier',
    1,
    'Wild creature resistance',
    'Scales the damage wild creatures take; lower values make them tougher.',
    { min: 0 },
  ),
  dinoStats.float(
    'TamedDinoDamageMultiplier',
    1,
    'Tame damage',
    'Scales the damage tamed creatures deal. The wiki does not confirm it for ASA.',
    { min: 0 },
  ),
  dinoStats.float(
    'TamedDinoResistanceMultiplier',
    1,
    'Tame resistance',
    'Scales the damage tamed creatures take; lower values make them tougher. The wiki does not confirm it for ASA.',
    { min: 0 },
  ),
  dinoStats.float(
    'RaidDinoCharacterFoodDrainMultiplier',
    1,
    'Raid creature food drain',
    'Scales how fast the food of raid creatures such as the Titanosaur drains.',
    { min: 0 },
  ),
  breeding.bool(
    'DisableImprintDinoBuff',
    false,
    'No imprint rider bonus',
    'Removes the stat bonus the imprinted player gets while riding the creature.',
  ),
  breeding.bool(
    'AllowAnyoneBabyImprintCuddle',
    false,
    'Anyone may imprint',
    'Lets any player care for a baby and raise its imprint, not just the one who claimed it.',
  ),
  breeding.bool('PreventMateBoost', false, 'No mate boost', 'Disables the bonus creatures get from a nearby mate.'),
];
