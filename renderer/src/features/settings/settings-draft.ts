import { ManagerSettingsPatch, type ManagerSettings } from '@ark-asa/contracts';

export const NUMBER_FIELDS = [
  'port',
  'heartbeatIntervalSec',
  'jobConcurrency',
  'crashRestartMaxAttempts',
  'crashRestartWindowMinutes',
  'logRetentionLines',
  'steamcmdStallTimeoutSec',
  'wsMaxClients',
  'wsMaxClientsPerAddress',
] as const;
export const TEXT_FIELDS = ['steamcmdPath', 'dataRoot', 'bindHost'] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];
export type TextField = (typeof TEXT_FIELDS)[number];
export type DraftField = NumberField | TextField;

/** What the user changed, as typed (a NumberInput hands over a string while it is empty). */
export type Draft = Partial<Record<DraftField, string | number>>;

/** The access token edit: undefined keeps the stored one, null removes it, a string replaces it. */
export type TokenEdit = string | null | undefined;

const isNumberField = (k: string): k is NumberField => (NUMBER_FIELDS as readonly string[]).includes(k);

function normalise(field: DraftField, value: string | number): string | number | null {
  if (isNumberField(field)) return typeof value === 'number' ? value : Number(value.trim() === '' ? NaN : value);
  const text = String(value).trim();
  return field === 'steamcmdPath' && text === '' ? null : text;
}

export interface PatchResult {
  patch: ManagerSettingsPatch;
  errors: Partial<Record<DraftField | 'accessToken', string>>;
}

/**
 * The PATCH body: only what differs from the stored settings (the masked token is never sent
 * back, so an untouched form saves nothing), checked by the same schema the server uses.
 */
export function buildPatch(settings: ManagerSettings, draft: Draft, token: TokenEdit): PatchResult {
  const body: Record<string, unknown> = {};
  const errors: PatchResult['errors'] = {};
  for (const [key, raw] of Object.entries(draft) as [DraftField, string | number][]) {
    const value = normalise(key, raw);
    if (typeof value === 'number' && Number.isNaN(value)) errors[key] = 'Enter a number';
    else if (value !== settings[key]) body[key] = value;
  }
  if (token !== undefined) body.accessToken = token;
  const exposed = exposureWithoutToken(settings, body);
  if (exposed) errors.accessToken = exposed;
  const parsed = ManagerSettingsPatch.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '') as DraftField | 'accessToken';
      errors[field] ??= issue.message;
    }
  }
  return { patch: parsed.success ? parsed.data : {}, errors };
}

export const isLoopback = (host: string) => /^127\./.test(host) || host === '::1' || host === 'localhost';

/**
 * The server refuses a network bind address without a token; saying so before the request keeps
 * the message next to the token field while the user is still there.
 */
function exposureWithoutToken(settings: ManagerSettings, body: Record<string, unknown>): string | null {
  const host = typeof body.bindHost === 'string' ? body.bindHost : settings.bindHost;
  const token = 'accessToken' in body ? body.accessToken : settings.accessToken;
  if (isLoopback(host) || token) return null;
  return `Listening on ${host} opens the manager to your network: generate or type an access token first`;
}

/** The value a field shows: the user's edit, else the stored setting. */
export function shown(settings: ManagerSettings, draft: Draft, field: DraftField): string | number {
  return draft[field] ?? settings[field] ?? '';
}

const TOKEN_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/**
 * 32 random characters from the browser's CSPRNG. The alphabet leaves out look-alikes (0/O, 1/l/I)
 * because people copy tokens by hand; 57 symbols × 32 give about 186 bits.
 */
export function generateToken(length = 32): string {
  const out: string[] = [];
  const buf = new Uint8Array(1);
  while (out.length < length) {
    crypto.getRandomValues(buf);
    // Rejection sampling: bytes past the last full multiple of the alphabet would bias the result.
    const b = buf[0]!;
    if (b < 256 - (256 % TOKEN_ALPHABET.length)) out.push(TOKEN_ALPHABET[b % TOKEN_ALPHABET.length]!);
  }
  return out.join('');
}

/** The port this page came from is the one in effect; the saved one may wait for the next start. */
export function portDescription(saved: number, here: Pick<Location, 'port' | 'protocol'> = window.location): string {
  const current = Number(here.port || (here.protocol === 'https:' ? 443 : 80));
  const what = 'The port of this web interface and its API (not a game port).';
  if (current === saved) return `${what} In effect: ${current}.`;
  return `${what} In effect: ${current} (this session). Saved: ${saved} (applies at the next start).`;
}
