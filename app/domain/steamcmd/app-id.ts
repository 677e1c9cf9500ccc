/** The ASA dedicated server's Steam app id (docs/ark-facts.md#steamcmd-and-the-app-id). */
export const ASA_APP_ID = '2430930';
