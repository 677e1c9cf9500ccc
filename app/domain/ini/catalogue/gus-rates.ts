import type { GameSettingDef } from '@ark-asa/contracts';
import { GUS_SERVER, group } from './define.ts';

const xp = group({ ...GUS_SERVER, category: 'xp' });
const harvesting = group({ ...GUS_SERVER, category: 'harvesting' });
const rates = group({ ...GUS_SERVER, category: 'rates' });
const difficulty = group({ ...GUS_SERVER, category: 'difficulty' });
const dayNight = group({ ...GUS_SERVER, category: 'day-night' });

/** Rates, difficulty, harvesting and the day/night cycle in GameUserSettings.ini [ServerSettings]. */
export const GUS_RATES: readonly GameSettingDef[] = [
  xp.float(
    'XPMultiplier',
    1,
    'XP multiplier',
    'Scales the experience players, tribes and tames earn from every source.',
    { min: 0 },
  ),
  harvesting.float(
    'HarvestAmountMultiplier',
    1,
    'Harvest amount',
    'Scales the resources gathered from trees, rocks, bodies and other harvestables.',
    { min: 0 },
  ),
  harvesting.float(
    'HarvestHealthMultiplier',
    1,
    'Harvestable health',
    'Scales how many hits a tree, rock or other harvestable takes before it is used up; higher values give more resources per node.',
    { min: 0 },
  ),
  harvesting.float(
    'ResourcesRespawnPeriodMultiplier',
    1,
    'Resource respawn period',
    'Scales the time before harvested resource nodes grow back; lower values respawn them sooner.',
    { min: 0 },
  ),
  harvesting.bool(
    'ClampResourceHarvestDamage',
    false,
    'Clamp tame harvest damage',
    "Limits the damage a tame deals to a resource node to that node's remaining health.",
  ),
  harvesting.bool(
    'UseOptimizedHarvestingHealth',
    false,
    'Optimized harvesting',
    'Uses a cheaper harvesting calculation, meant for servers with a very high harvest amount. The wiki does not confirm it for ASA.',
  ),
  rates.float(
    'ItemStackSizeMultiplier',
    1,
    'Item stack size',
    'Scales the default stack size of every item (items that do not stack are unaffected).',
    { min: 0 },
  ),
  rates.float(
    'DinoCountMultiplier',
    1,
    'Wild creature count',
    'Scales how many wild creatures spawn. The wiki does not confirm it for ASA.',
    { min: 0 },
  ),
  difficulty.float(
    'DifficultyOffset',
    1,
    'Difficulty offset',
    "Sets the difficulty within the map's range: together with OverrideOfficialDifficulty it decides the levels of wild creatures and of loot.",
    { min: 0 },
  ),
  difficulty.float(
    'OverrideOfficialDifficulty',
    0,
    'Override official difficulty',
    "Replaces the map's maximum difficulty; 5.0 lets wild creatures spawn up to level 150 as on official servers, 0 keeps the map's own value.",
    { min: 0 },
  ),
  dayNight.float(
    'DayCycleSpeedScale',
    1,
    'Day cycle speed',
    'Scales how fast time passes overall; lower values make days and nights longer.',
    { min: 0 },
  ),
  dayNight.float(
    'DayTimeSpeedScale',
    1,
    'Daytime speed',
    'Scales how fast daytime passes, on top of the day cycle speed.',
    { min: 0 },
  ),
  dayNight.float(
    'NightTimeSpeedScale',
    1,
    'Night speed',
    'Scales how fast night passes, on top of the day cycle speed.',
    { min: 0 },
  ),
  dayNight.bool('DisableWeatherFog', false, 'No fog', 'Turns fog off.'),
];
