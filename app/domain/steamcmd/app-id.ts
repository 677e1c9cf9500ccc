/** The ASA dedicated server's Steam app id (asa-facts.md §1.1). */
export const ASA_APP_ID = '2430930';
