import { migration001 } from './001-initial.ts';
import { migration002 } from './002-backups.ts';
import { migration003 } from './003-schedules.ts';
import { migration004 } from './004-mods-notifications.ts';
import { migration005 } from './005-mod-current-files.ts';
import { migration006 } from './006-clusters.ts';
import { migration007 } from './007-list-indexes.ts';
import { migration008 } from './008-metric-history.ts';
import { migration009 } from './009-remote-agents.ts';
import { migration010 } from './010-job-times.ts';
import { migration011 } from './011-instance-import.ts';
import { migration012 } from './012-remote-instances.ts';
import { migration013 } from './013-cluster-folders.ts';
import { migration014 } from './014-jobs-agent-index.ts';
import { migration015 } from './015-cluster-host-removals.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Append-only: a released migration is never edited; a change is a new file with the next number. */
export const MIGRATIONS: Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
];
