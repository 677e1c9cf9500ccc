import { z } from 'zod';
import { Id } from '../common.ts';

/** The two INI files of an instance that can be read and written as text. */
export const CONFIG_FILES = ['GameUserSettings.ini', 'Game.ini'] as const;
export const ConfigFileName = z.enum(CONFIG_FILES, { error: 'Use GameUserSettings.ini or Game.ini' });
export type ConfigFileName = z.infer<typeof ConfigFileName>;

export const ConfigFileParams = z.object({ id: Id, file: ConfigFileName });

/** The raw text: up to 2 MB, any content (comments, repeated keys and order are kept byte for byte). */
export const ConfigFileText = z.string().max(2 * 1024 * 1024, 'At most 2 MB');
