/**
 * An instance imported to run in place (docs/import.md): its install_path is the folder the user
 * already had, outside runtime/instances. The flag is what tells the layout to read and write
 * there, and never to delete that folder or relink it to a build.
 */
export const migration011 = {
  version: 11,
  name: 'instance-import',
  sql: `
    ALTER TABLE instances ADD COLUMN in_place INTEGER NOT NULL DEFAULT 0;
  `,
};
