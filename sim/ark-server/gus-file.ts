// GameUserSettings.ini on disk. The server holds the settings it read at start and writes them back on
// exit, so edits made while it runs are lost (docs/ark-facts.md#config-files). Comments are dropped on rewrite, as the
// real server does not keep them; unknown keys are kept (the simulator cannot know which ARK understands).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomicSync } from '../shared/json-file.ts';
import { formatIniLikeArk, parseIni, setIni } from './ini.ts';
import type { IniDoc } from './ini.ts';
import type { ServerPaths } from './paths.ts';
import type { ServerSettings } from './settings.ts';

export function readGus(paths: ServerPaths): { doc: IniDoc; existed: boolean } {
  if (!existsSync(paths.gameUserSettings)) return { doc: parseIni(''), existed: false };
  return { doc: parseIni(readFileSync(paths.gameUserSettings, 'utf8')), existed: true };
}

function write(paths: ServerPaths, doc: IniDoc): void {
  mkdirSync(path.dirname(paths.gameUserSettings), { recursive: true });
  writeFileAtomicSync(paths.gameUserSettings, formatIniLikeArk(doc));
}

/** First start: the server creates the file with what it runs with (and its invented session name). */
export function createDefaultGus(paths: ServerPaths, doc: IniDoc, settings: ServerSettings): void {
  setIni(doc, 'ServerSettings', 'RCONEnabled', settings.rconEnabled ? 'True' : 'False');
  setIni(doc, 'ServerSettings', 'RCONPort', String(settings.rconPort));
  if (settings.adminPassword !== '') setIni(doc, 'ServerSettings', 'ServerAdminPassword', settings.adminPassword);
  setIni(doc, 'SessionSettings', 'SessionName', settings.sessionName);
  setIni(doc, 'SessionSettings', 'Port', String(settings.port));
  setIni(doc, '/Script/Engine.GameSession', 'MaxPlayers', '70');
  write(paths, doc);
}

/** The rewrite on exit: `SessionName=` under [SessionSettings], floats with 6 decimals, CRLF. */
export function rewriteGus(paths: ServerPaths, doc: IniDoc, settings: ServerSettings): void {
  setIni(doc, 'SessionSettings', 'SessionName', settings.sessionName);
  write(paths, doc);
}
