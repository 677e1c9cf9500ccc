import { PlayerListBody, type PlayerListName } from '@ark-asa/contracts';
import type { ApiError } from '../../api/http.ts';

/** Labels and help for the three lists, in the order the UI shows them. */
export const PLAYER_LIST_INFO: { list: PlayerListName; title: string; help: string }[] = [
  { list: 'admins', title: 'Admins', help: 'Get admin rights in game without typing the admin password.' },
  {
    list: 'exclusive-join',
    title: 'Exclusive join',
    help: 'The only players who can join while “Exclusive join” is on.',
  },
  {
    list: 'join-no-check',
    title: 'Join without checks',
    help: 'Can join past the join checks, e.g. when the server is full.',
  },
];

interface Line {
  /** 1-based line number in the text box. */
  line: number;
  id: string;
}

/** The ids in the text box: one per line; blank lines do not count. */
export function idLines(text: string): Line[] {
  return text
    .split(/\r?\n/)
    .map((raw, i) => ({ line: i + 1, id: raw.trim() }))
    .filter((l) => l.id !== '');
}

export const idsText = (ids: readonly string[]): string => (ids.length ? `${ids.join('\n')}\n` : '');

/** `ids.3` → "Line 5: …", so a message from the schema or the API points at the line to fix. */
function atLine(lines: Line[], field: string, message: string): string {
  const index = Number(/^ids\.(\d+)$/.exec(field)?.[1]);
  const line = Number.isInteger(index) ? lines[index]?.line : undefined;
  return line === undefined ? message : `Line ${line}: ${message}`;
}

/** The first problem with the text, checked by the same schema the API uses; null when it is fine. */
export function listProblem(text: string): string | null {
  const lines = idLines(text);
  const parsed = PlayerListBody.safeParse({ ids: lines.map((l) => l.id) });
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  return atLine(lines, ['ids', ...issue.path.slice(1)].join('.'), issue.message);
}

/** The API's message for a refused save, on the line it names. */
export function apiProblem(text: string, err: ApiError): string {
  const field = err.fields.find((f) => f.field.startsWith('ids'));
  return field ? atLine(idLines(text), field.field, field.message) : err.message;
}
