// CurseForge mods at startup (docs/ark-facts.md#logs, #mods): LogCFCore lines, one LoadGameMods
// pair per mod, and the downloaded files under ShooterGame/Binaries/Win64/ShooterGame/Mods/83374/.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const GAME_ID = '83374';

/** A stable fake CurseForge file id per mod (real ids look like 6040989). */
function fileIdOf(modId: string): string {
  const n = [...modId].reduce((acc, ch) => (acc * 31 + ch.charCodeAt(0)) % 1_000_000, 7);
  return String(6_000_000 + n);
}

function modFolder(modId: string): string {
  return `Mod${modId}`;
}

export function cfCoreLines(): string[] {
  return [
    'LogCFCore: CFCore config: { "apiKey": "<redacted>", "gameId": 83374, "userAgent": "cfcore.ue 1.23.0" }',
    'LogCFCore: Detected OS Windows:',
  ];
}

export function loadGameModsLines(modId: string): string[] {
  const name = modFolder(modId);
  const rel = `ShooterGame/Mods/${GAME_ID}/${modId}_${fileIdOf(modId)}/${name}/Content/PrimalGameData_BP_${name}.uasset`;
  return [
    `UShooterEngine::LoadGameMods Loading Mod ${rel} : ${modId}`,
    `UShooterEngine::LoadGameMods Merging mod asset Package /${name}/PrimalGameData_BP_${name} with PrimalGameDataOverride.`,
  ];
}

/** Writes the mod folders and ModsUserData/83374/library.json (cdp1337 reads `installedMods[].details`). */
export async function installMods(win64: string, modIds: readonly string[]): Promise<void> {
  const base = path.join(win64, 'ShooterGame');
  for (const modId of modIds) {
    const content = path.join(base, 'Mods', GAME_ID, `${modId}_${fileIdOf(modId)}`, modFolder(modId), 'Content');
    await mkdir(content, { recursive: true });
    await writeFile(path.join(content, `PrimalGameData_BP_${modFolder(modId)}.uasset`), `sim mod ${modId}\n`);
  }
  const library = {
    installedMods: modIds.map((id) => ({
      details: { iD: Number(id), name: modFolder(id), summary: 'Simulated mod', links: {}, authors: [], logo: {} },
    })),
  };
  const dir = path.join(base, 'ModsUserData', GAME_ID);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'library.json'), `${JSON.stringify(library, null, 2)}\n`);
}
