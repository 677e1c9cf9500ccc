import type { GameSettingDef } from '@ark-asa/contracts';
import { GAME_MODE, group } from './define.ts';

const harvesting = group({ ...GAME_MODE, category: 'harvesting' });
const rates = group({ ...GAME_MODE, category: 'rates' });
const taming = group({ ...GAME_MODE, category: 'taming' });

/** Harvesting, item rates and taming in Game.ini [/Script/ShooterGame.ShooterGameMode]. */
export const GAME_GAMEPLAY: readonly GameSettingDef[] = [
  harvesting.float(
    'PlayerHarvestingDamageMultiplier',
    1,
    'Player harvest damage',
    'Scales the damage survivors deal to harvestables. The wiki does not confirm it for ASA.',
    { min: 0 },
  ),
  harvesting.float(
    'DinoHarvestingDamageMultiplier',
    3.2,
    'Tame harvest damage',
    'Scales the damage tames deal to harvestables. The wiki does not confirm it for ASA.',
    { min: 0 },
  ),
  harvesting.float('CropGrowthSpeedMultiplier', 1, 'Crop growth speed', 'Scales how fast crops grow in plots.', {
    min: 0,
  }),
  harvesting.float('CropDecaySpeedMultiplier', 1, 'Crop decay speed', 'Scales how fast crops in plots decay.', {
    min: 0,
  }),
  harvesting.float(
    'ResourceNoReplenishRadiusPlayers',
    1,
    'No-regrowth radius (players)',
    'Scales the distance from players within which resources do not grow back.',
    { min: 0 },
  ),
  harvesting.float(
    'ResourceNoReplenishRadiusStructures',
    1,
    'No-regrowth radius (structures)',
    'Scales the distance from structures within which resources do not grow back.',
    { min: 0 },
  ),
  rates.float(
    'GlobalSpoilingTimeMultiplier',
    1,
    'Spoiling time',
    'Scales how long perishables last; higher values spoil later.',
    { min: 0 },
  ),
  rates.float(
    'GlobalItemDecompositionTimeMultiplier',
    1,
    'Dropped item lifetime',
    'Scales how long dropped items and bags stay on the ground.',
    { min: 0 },
  ),
  rates.float(
    'GlobalCorpseDecompositionTimeMultiplier',
    1,
    'Corpse lifetime',
    'Scales how long bodies stay before they decompose. The wiki does not confirm it for ASA.',
    { min: 0 },
  ),
  rates.float(
    'SupplyCrateLootQualityMultiplier',
    1,
    'Supply crate quality',
    'Scales the quality of items in supply crates; the wiki gives 1 to 5 as valid. It does not confirm it for ASA.',
    { min: 1, max: 5 },
  ),
  rates.float(
    'FishingLootQualityMultiplier',
    1,
    'Fishing loot quality',
    'Scales the quality of fished items; the wiki gives 1 to 5 as valid. It does not confirm it for ASA.',
    { min: 1, max: 5 },
  ),
  rates.float(
    'CraftingSkillBonusMultiplier',
    1,
    'Crafting skill bonus',
    'Scales the bonus from levelling crafting skill.',
    { min: 0 },
  ),
  rates.float(
    'PoopIntervalMultiplier',
    1,
    'Poop interval',
    'Scales how often survivors can poop; higher values mean less often.',
    { min: 0 },
  ),
  taming.bool(
    'bDisableDinoTaming',
    false,
    'No taming',
    'Prevents players from taming wild creatures. The wiki does not confirm it for ASA.',
  ),
  taming.bool(
    'bDisableDinoRiding',
    false,
    'No riding',
    'Prevents players from riding tames. The wiki does not confirm it for ASA.',
  ),
  taming.bool(
    'bAllowUnclaimDinos',
    true,
    'Allow unclaiming',
    'Lets players unclaim their tames. The wiki does not confirm it for ASA.',
  ),
  taming.float(
    'PassiveTameIntervalMultiplier',
    1,
    'Passive tame interval',
    'Scales how often passively tamed creatures ask for food. The wiki does not confirm it for ASA.',
    { min: 0 },
  ),
  taming.float(
    'WildDinoCharacterFoodDrainMultiplier',
    1,
    'Wild creature food drain',
    'Scales how fast wild creatures get hungry, which matters while taming.',
    { min: 0 },
  ),
  taming.float(
    'TamedDinoCharacterFoodDrainMultiplier',
    1,
    'Tame food drain',
    'Scales how fast tamed creatures get hungry. The wiki does not confirm it for ASA.',
    { min: 0 },
  ),
  taming.float(
    'WildDinoTorporDrainMultiplier',
    1,
    'Wild creature torpor drain',
    'Scales how fast knocked-out wild creatures wake up. The wiki does not confirm it for ASA.',
    { min: 0 },
  ),
  taming.float(
    'TamedDinoTorporDrainMultiplier',
    1,
    'Tame torpor drain',
    'Scales how fast knocked-out tames wake up. The wiki does not confirm it for ASA.',
    { min: 0 },
  ),
  taming.int(
    'DestroyTamesOverLevelClamp',
    0,
    'Tame level cap',
    'Tames above this level are deleted when the server starts; 0 keeps all.',
    { min: 0 },
  ),
];
