/**
 * The connected UI of the log ingestion bench, in its own process so that reading /ws costs the
 * manager's process nothing: it counts `instance:log` events and tells the parent (IPC) when the
 * last line it waits for has arrived. Messages from the parent: `{ url }` to connect, then
 * `{ expect: seq }`; replies `{ connected }`, then `{ reached: seq, events }`. The parent kills it.
 */
import WebSocket from 'ws';

interface LogEvent {
  event: string;
  data: { seq?: number };
}

let target = Number.POSITIVE_INFINITY;
let lastSeq = 0;
let events = 0;

function check(): void {
  if (lastSeq < target) return;
  process.send?.({ reached: lastSeq, events });
  target = Number.POSITIVE_INFINITY;
}

process.on('message', (msg: { url?: string; expect?: number }) => {
  if (msg.url) {
    // One connection per run: each run starts a manager of its own.
    lastSeq = 0;
    const ws = new WebSocket(msg.url);
    ws.on('open', () => process.send?.({ connected: true }));
    ws.on('message', (raw: Buffer) => {
      const parsed = JSON.parse(raw.toString('utf8')) as LogEvent;
      if (parsed.event !== 'instance:log') return;
      events += 1;
      lastSeq = parsed.data.seq ?? lastSeq;
      check();
    });
    ws.on('error', () => undefined);
  }
  if (msg.expect !== undefined) {
    target = msg.expect;
    events = 0;
    check();
  }
});
