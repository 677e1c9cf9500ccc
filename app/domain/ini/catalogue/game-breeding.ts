import type { GameSettingDef } from '@ark-asa/contracts';
import { GAME_MODE, group } from './define.ts';

const breeding = group({ ...GAME_MODE, category: 'breeding' });
const xp = group({ ...GAME_MODE, category: 'xp' });

/** Breeding, imprinting and XP sources in Game.ini [/Script/ShooterGame.ShooterGameMode]. */
export const GAME_BREEDING: readonly GameSettingDef[] = [
  breeding.float(
    'MatingIntervalMultiplier',
    1,
    'Mating interval',
    'Scales the wait between two matings; lower values let creatures mate again sooner.',
    { min: 0 },
  ),
  breeding.float('MatingSpeedMultiplier', 1, 'Mating speed', 'Scales how fast creatures complete mating.', { min: 0 }),
  breeding.float(
    'EggHatchSpeedMultiplier',
    1,
    'Egg hatch speed',
    'Scales how fast fertilised eggs hatch; higher values hatch sooner.',
    { min: 0 },
  ),
  breeding.float(
    'LayEggIntervalMultiplier',
    1,
    'Egg laying interval',
    'Scales the time between unfertilised eggs; higher values mean fewer eggs.',
    { min: 0 },
  ),
  breeding.float(
    'BabyMatureSpeedMultiplier',
    1,
    'Baby maturation speed',
    'Scales how fast babies grow up; higher values grow them sooner.',
    { min: 0 },
  ),
  breeding.float('BabyFoodConsumptionSpeedMultiplier', 1, 'Baby food consumption', 'Scales how fast babies eat.', {
    min: 0,
  }),
  breeding.float(
    'BabyCuddleIntervalMultiplier',
    1,
    'Imprint interval',
    'Scales the time between two imprint care requests; lower values ask more often.',
    { min: 0 },
  ),
  breeding.float(
    'BabyCuddleGracePeriodMultiplier',
    1,
    'Imprint grace period',
    'Scales how long a missed care request waits before imprint quality starts to fall.',
    { min: 0 },
  ),
  breeding.float(
    'BabyCuddleLoseImprintQualitySpeedMultiplier',
    1,
    'Imprint loss speed',
    'Scales how fast imprint quality falls once the grace period is over.',
    { min: 0 },
  ),
  breeding.float(
    'BabyImprintAmountMultiplier',
    1,
    'Imprint per care',
    'Scales how much imprint each completed care request gives.',
    { min: 0 },
  ),
  breeding.float(
    'BabyImprintingStatScaleMultiplier',
    1,
    'Imprint stat bonus',
    'Scales the stat bonus imprinting gives; 0 turns it off.',
    { min: 0 },
  ),
  breeding.bool(
    'bDisableDinoBreeding',
    false,
    'No breeding',
    'Prevents tamed creatures from breeding. The wiki does not confirm it for ASA.',
  ),
  xp.float('KillXPMultiplier', 1, 'Kill XP', 'Scales the experience earned for kills.', { min: 0 }),
  xp.float('HarvestXPMultiplier', 1, 'Harvest XP', 'Scales the experience earned for harvesting.', { min: 0 }),
  xp.float('CraftXPMultiplier', 1, 'Craft XP', 'Scales the experience earned for crafting.', { min: 0 }),
  xp.float('GenericXPMultiplier', 1, 'Generic XP', 'Scales the experience earned over time.', { min: 0 }),
  xp.float('SpecialXPMultiplier', 1, 'Special XP', 'Scales the experience earned from special events.', { min: 0 }),
];
