// Identifiers of the ASA dedicated server on Steam (docs/ark-facts.md#steamcmd-and-the-app-id).
export const APP_ID = '2430930';
export const DEPOT_ID = '2430931';
export const APP_NAME = 'ARK: Survival Ascended Dedicated Server';
/** Default folder name under steamapps/common when no force_install_dir is given (§1.1). */
export const DEFAULT_INSTALLDIR = 'ARK Survival Ascended Dedicated Server';
/** Version printed in the console header (§1.3(b)). */
export const CLIENT_VERSION = '1698262904';
