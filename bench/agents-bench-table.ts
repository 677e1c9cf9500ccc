/** The printed form of the agents bench's figures. */
import type { CaseSummary, Ratios } from './agents-bench-report.ts';

const COLUMNS = [
  'agents',
  'servers',
  'ev/s/server',
  'events/s',
  'delivered/sent',
  'cut',
  'CPU s/s',
  'idle s/s',
  'conn s/s',
  'runq s/s',
  'CPU µs/ev',
  'net µs/ev',
  'p50 ms',
  'p99 ms',
  'max ms',
  'hb/s',
  'bench s/s',
  'bench lag',
  'probe max',
];

const num = (v: number | null, digits: number): string =>
  v === null || !Number.isFinite(v) ? 'n/a' : v.toFixed(digits);
const times = (v: number | null): string => (v === null || !Number.isFinite(v) ? 'n/a' : `${v.toFixed(2)}×`);

function row(cells: string[]): string {
  return cells.map((c, i) => c.padStart(Math.max(COLUMNS[i]!.length, i === 4 ? 15 : i === 5 ? 3 : 7))).join('  ');
}

export function formatTable(cases: CaseSummary[], rs: Ratios[]): string {
  const lines = [row(COLUMNS)];
  for (const c of cases) {
    lines.push(
      row([
        String(c.agents),
        String(c.servers),
        String(c.rate),
        num(c.eventsPerSec, 0),
        `${c.delivered}/${c.sent}`,
        String(c.cut),
        num(c.cpuPerSec, 3),
        num(c.idleCpuPerSec, 3),
        num(c.connectedCpuPerSec, 3),
        num(c.runqWaitPerSec, 3),
        num(c.cpuUsPerEvent, 0),
        num(c.netCpuUsPerEvent, 0),
        num(c.p50Ms, 2),
        num(c.p99Ms, 2),
        num(c.maxMs, 1),
        num(c.heartbeatsPerSec, 1),
        num(c.benchCpuPerSec, 3),
        num(c.benchLagMaxMs, 0),
        c.probeMaxMs === Number.POSITIVE_INFINITY ? 'no answer' : num(c.probeMaxMs, 0),
      ]),
    );
  }
  lines.push('');
  for (const r of rs) {
    lines.push(
      `${r.title}: CPU per event ${times(r.cpuPerEvent)}, net CPU per event ${times(r.netCpuPerEvent)}, ` +
        `CPU s/s ${times(r.cpuPerSec)}, p50 latency ${times(r.p50)}, p99 latency ${times(r.p99)}`,
    );
  }
  return lines.join('\n');
}

export const LEGEND = `CPU s/s: control plane CPU seconds (user + system, /proc) per wall second over the window;
idle s/s: the same plane before any agent connected; conn s/s: with the agents connected, heartbeating, no events;
runq s/s: seconds per second its main thread waited for a CPU taken by other work (/proc schedstat);
CPU µs/ev: CPU per event sent; net µs/ev: CPU above conn s/s per event (what the events themselves cost);
cut: agents whose channel the control plane closed during the case (all rounds); p50/p99/max: agent send -> /ws receive; hb/s: the simulated agents' agent:heartbeat events on /ws; bench s/s: this process's CPU (agents + reader);
bench lag: its longest event-loop delay (ms); probe max: slowest GET /api/v1/health (4/s) to the control plane (ms).`;
