// `app_info_print 2430930` (docs/ark-facts.md#latest-build-id). Like the real tool it answers from the appinfo cache
// (`<home>/appcache/appinfo.vdf`) when present, so a stale build id is printed until a manager deletes
// that file (LinuxGSM does exactly that). The cache here is the printed text, not Valve's binary format.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomicSync } from '../shared/json-file.ts';
import { APP_ID, APP_NAME, DEFAULT_INSTALLDIR, DEPOT_ID } from './constants.ts';
import type { SteamcmdSimControl } from './control.ts';
import { manifestGid } from './manifest.ts';
import { downloadTotal } from './server-tree.ts';
import { formatVdf } from './vdf.ts';
import type { VdfNode } from './vdf.ts';

export function appinfoCachePath(home: string): string {
  return path.join(home, 'appcache', 'appinfo.vdf');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** C `ctime` layout: `Thu Nov  2 01:30:12 2023` (day of month padded with a space). */
function ctime(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const time = `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  return `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2)} ${time} ${d.getFullYear()}`;
}

function branches(control: SteamcmdSimControl, latest: string, unix: string): VdfNode {
  const out: VdfNode = { public: { buildid: latest, timeupdated: unix } };
  const betas = { public_test_realm: latest, ...control.betaBuildIds };
  for (const [name, build] of Object.entries(betas)) {
    out[name] = { buildid: build, description: `${name} branch`, timeupdated: unix };
  }
  return out;
}

function appInfoText(control: SteamcmdSimControl, now: Date): string {
  const latest = control.latestBuildId ?? control.buildId;
  const unix = String(Math.floor(now.getTime() / 1000));
  const size = String(downloadTotal(control, latest));
  const changeNumber = 20_000_000 + (Number.parseInt(latest, 10) % 10_000_000 || 0);
  const node: VdfNode = {
    common: { name: APP_NAME, type: 'Tool', oslist: 'windows', gameid: APP_ID },
    config: { installdir: DEFAULT_INSTALLDIR, contenttype: '3' },
    depots: {
      [DEPOT_ID]: {
        config: { oslist: 'windows' },
        manifests: { public: { gid: manifestGid(latest), size, download: size } },
      },
      branches: branches(control, latest, unix),
    },
  };
  const header = `AppID : ${APP_ID}, change number : ${changeNumber}/0, last change : ${ctime(now)}`;
  return `${header}\n${formatVdf(APP_ID, node)}`;
}

/** `No app info for AppID … found, requesting...` and an empty block (LinuxGSM #4713; steam-for-linux #11521). */
export function emptyAppInfo(appId: string): string[] {
  return [`No app info for AppID ${appId} found, requesting...`, `"${appId}"`, '{', '}'];
}

/** Lines printed by app_info_print; writes the cache when it answered from "Steam". */
export function appInfoLines(home: string, control: SteamcmdSimControl, appId: string, loggedIn: boolean): string[] {
  const cache = appinfoCachePath(home);
  if (appId === APP_ID && existsSync(cache)) return splitLines(readFileSync(cache, 'utf8'));
  if (appId !== APP_ID || control.appInfoEmpty || !loggedIn) return emptyAppInfo(appId);
  const text = appInfoText(control, new Date());
  mkdirSync(path.dirname(cache), { recursive: true });
  writeFileAtomicSync(cache, text);
  return splitLines(text);
}

function splitLines(text: string): string[] {
  return text.replace(/\n$/, '').split('\n');
}
