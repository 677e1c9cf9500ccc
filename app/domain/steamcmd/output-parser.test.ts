import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SteamcmdOutputParser, type SteamcmdEvent } from './output-parser.ts';

const INSTALL_TRANSCRIPT = [
  "Redirecting stderr to 'C:\\steamcmd\\logs\\stderr.txt'",
  '[  0%] Checking for available updates...',
  '[----] Verifying installation...',
  'Steam Console Client (c) Valve Corporation - version 1698262904',
  "-- type 'quit' to exit --",
  'Loading Steam API...OK',
  '',
  'Connecting anonymously to Steam Public...OK',
  'Waiting for client config...OK',
  'Waiting for user info...OK',
  ' Update state (0x3) reconfiguring, progress: 0.00 (0 / 0)',
  ' Update state (0x11) preallocating, progress: 0.00 (0 / 9371487164)',
  ' Update state (0x61) downloading, progress: 0.00 (0 / 9371487164)',
  ' Update state (0x61) downloading, progress: 0.60 (56039216 / 9371487164)',
  ' Update state (0x61) downloading, progress: 0.60 (56039216 / 9371487164)',
  ' Update state (0x61) downloading, progress: 45,12 (4228415312 / 9371487164)',
  ' Update state (0x81) verifying update, progress: 0.73 (253307895 / 34705746562)',
  ' Update state (0x101) committing, progress: 100.00 (34699459197 / 34699459197)',
  "Success! App '2430930' fully installed.",
  '',
  'Unloading Steam API...OK',
].join('\r\n');

const SELF_UPDATE_TRANSCRIPT = [
  "Redirecting stderr to '<steam>\\logs\\stderr.txt'",
  '[  0%] Checking for available update...',
  '[  0%] Downloading update (0 of 11,372 KB)...',
  '[ 97%] Downloading update (11,372 of 11,372 KB)...',
  '[100%] Download Complete.',
  '[----] Applying update...',
  '[----] Extracting package...',
  '[----] Installing update...',
  '[----] Cleaning up...',
  '[----] Update complete, launching...',
].join('\n');

function parseAll(chunks: readonly string[]): SteamcmdEvent[] {
  const parser = new SteamcmdOutputParser();
  return [...chunks.flatMap((c) => parser.feed(c)), ...parser.end()];
}

function kinds(events: readonly SteamcmdEvent[]): string[] {
  return events.map((e) => e.kind);
}

describe('SteamcmdOutputParser', () => {
  it('parses a full install transcript', () => {
    const events = parseAll([INSTALL_TRANSCRIPT]);
    const progress = events.filter((e) => e.kind === 'progress');
    expect(progress.map((p) => [p.stateCode, p.stateLabel, p.percent])).toEqual([
      ['0x3', 'reconfiguring', 0],
      ['0x11', 'preallocating', 0],
      ['0x61', 'downloading', 0],
      ['0x61', 'downloading', 0.6],
      ['0x61', 'downloading', 45.12],
      ['0x81', 'verifying update', 0.73],
      ['0x101', 'committing', 100],
    ]);
    expect(progress[4]).toMatchObject({ bytesDone: 4228415312, bytesTotal: 9371487164 });
    expect(events.at(-2)).toEqual({ kind: 'success', appId: '2430930', outcome: 'installed' });
    expect(events.at(-1)).toEqual({ kind: 'line', text: 'Unloading Steam API...OK' });
    expect(events[0]).toEqual({ kind: 'line', text: "Redirecting stderr to 'C:\\steamcmd\\logs\\stderr.txt'" });
  });

  it('reports already up to date', () => {
    expect(parseAll(["Success! App '2430930' already up to date.\n"])).toEqual([
      { kind: 'success', appId: '2430930', outcome: 'up-to-date' },
    ]);
  });

  it('accepts \\n, \\r\\n and bare \\r line ends and skips blank lines', () => {
    const events = parseAll(['a\rb\r\n\r\nc\nd']);
    expect(events).toEqual(['a', 'b', 'c', 'd'].map((text) => ({ kind: 'line', text })));
  });

  it('keeps a partial line until its end arrives', () => {
    const parser = new SteamcmdOutputParser();
    expect(parser.feed(' Update state (0x61) downloading, progress: 12')).toEqual([]);
    expect(parser.feed(',49 (1275158569 / 10211222143)\r')).toEqual([
      {
        kind: 'progress',
        stateCode: '0x61',
        stateLabel: 'downloading',
        percent: 12.49,
        bytesDone: 1275158569,
        bytesTotal: 10211222143,
      },
    ]);
    expect(parser.feed('\n')).toEqual([]);
    expect(parser.feed("Success! App '2430930' fully")).toEqual([]);
    expect(parser.end()).toEqual([{ kind: 'line', text: "Success! App '2430930' fully" }]);
    expect(parser.end()).toEqual([]);
  });

  it('does not repeat progress for a stalled download but reports a new state at the same percent', () => {
    const stalled = ' Update state (0x61) downloading, progress: 39.67 (292827978 / 738158916)\n'.repeat(30);
    const next = ' Update state (0x81) verifying update, progress: 39.67 (292827978 / 738158916)\n';
    expect(kinds(parseAll([stalled, next]))).toEqual(['progress', 'progress']);
  });

  it('accepts older labels and upper-case hex codes', () => {
    const [event] = parseAll([
      ' Update state (0x5) validating, progress: 94.34 (1 / 2)\n Update state (0x6A1) weird, progress: 1.00 (1 / 2)',
    ]);
    expect(event).toMatchObject({ kind: 'progress', stateCode: '0x5', stateLabel: 'validating', percent: 94.34 });
    expect(parseAll([' Update state (0x6A1) weird, progress: 1.00 (1 / 2)'])[0]).toMatchObject({ stateCode: '0x6A1' });
  });

  it('recognises the self-update transcript', () => {
    const events = parseAll([SELF_UPDATE_TRANSCRIPT]);
    expect(kinds(events)).toEqual(['line', ...Array<string>(9).fill('self-update')]);
    const stages = events.flatMap((e) => (e.kind === 'self-update' ? [e.stage] : []));
    expect(stages).toEqual([
      'checking',
      'downloading',
      'downloading',
      'downloading',
      'applying',
      'applying',
      'applying',
      'applying',
      'complete',
    ]);
    expect(events[2]).toMatchObject({ percent: 0 });
    expect(events[3]).toMatchObject({ percent: 97 });
    expect(events.at(-1)).toEqual({
      kind: 'self-update',
      stage: 'complete',
      percent: null,
      text: '[----] Update complete, launching...',
    });
  });
});

describe('SteamCMD error lines', () => {
  const cases: ReadonlyArray<readonly [string, string, boolean]> = [
    ["Error! App '2430930' state is 0x202 after update job.", 'disk-space', false],
    ["Error! App '2430930' state is 0x212 after update job.", 'disk-space', false],
    ["Error! App '2430930' state is 0x402 after update job.", 'network', true],
    ["Error! App '2430930' state is 0x602 after update job.", 'network', true],
    ["Error! App '2430930' state is 0x606 after update job.", 'disk-write', false],
    ["Error! App '2430930' state is 0x626 after update job.", 'missing-update-files', true],
    ["Error! App '2430930' state is 0x6A6 after update job.", 'corrupt-update-files', true],
    ["Error! App '2430930' state is 0x6 after update job.", 'update-failed', true],
    ["Error! App '2430930' state is 0xE after update job.", 'transient', true],
    ["Error! App '2430930' state is 0x1234 after update job.", 'update-state', true],
    ["ERROR! Failed to install app '2430930' (No subscription)", 'no-subscription', false],
    ["ERROR! Failed to install app '2430930' (Missing configuration)", 'missing-configuration', true],
    ["ERROR! Failed to install app '2430930' (Invalid platform)", 'invalid-platform', false],
    ["ERROR! Failed to install app '2430930' (Something new)", 'install-failed', false],
    ['ERROR! Timed out waiting for AppInfo update.', 'appinfo-timeout', true],
    ['Login Failure: Two-factor code mismatch (88)', 'login-failure', false],
    ['Login Failure: Rate Limit Exceeded (84)', 'login-failure', true],
    ['Please use force_install_dir before logon!', 'install-dir-order', false],
    ['Password check for AppId 2430930 failed', 'beta-password', false],
    ['ERROR! Something unheard of', 'error', false],
  ];

  it.each(cases)('%s → %s', (line, reason, retryable) => {
    const [event] = parseAll([`${line}\n`]);
    expect(event).toMatchObject({ kind: 'error', reason, retryable, line });
    expect(event?.kind === 'error' && event.explanation.length > 20).toBe(true);
  });

  it('explains 0x202 as missing disk space with what to do', () => {
    const [event] = parseAll(["Error! App '2430930' state is 0x202 after update job.\n"]);
    expect(event).toMatchObject({
      explanation:
        'Not enough disk space for the server files (about 13 GB needed): free space on the drive of the data root and try again',
    });
  });

  it('does not mistake 0x602 for 0x6', () => {
    const [event] = parseAll(["Error! App '2430930' state is 0x602 after update job."]);
    expect(event).toMatchObject({ reason: 'network' });
  });
});

describe('chunking', () => {
  const POOL = [
    ...INSTALL_TRANSCRIPT.split('\r\n'),
    ...SELF_UPDATE_TRANSCRIPT.split('\n'),
    ' Update state (0x5) verifying install, progress: 12,49 (1275158569 / 10211222143)',
    ' Update state (0x401) stopping, progress: 3.00 (1 / 2)',
    "Error! App '2430930' state is 0x602 after update job.",
    "ERROR! Failed to install app '2430930' (Missing configuration)",
    'Please use force_install_dir before logon!',
    "Success! App '2430930' already up to date.",
    'Unicode ✓ Łódź 🦖',
  ];
  const transcript = fc
    .array(fc.tuple(fc.constantFrom(...POOL), fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 60 })
    .map((lines) => lines.map(([line, end]) => line + end).join(''))
    .chain((text) => fc.tuple(fc.constant(text), fc.uniqueArray(fc.nat({ max: text.length }), { maxLength: 40 })));

  it('yields the same events for any split of the transcript into chunks', () => {
    fc.assert(
      fc.property(transcript, ([text, cuts]) => {
        const points = [0, ...[...cuts].sort((a, b) => a - b), text.length];
        const chunks = points.slice(1).map((end, i) => text.slice(points[i], end));
        expect(parseAll(chunks)).toEqual(parseAll([text]));
      }),
    );
  });

  it('handles the real transcripts one character at a time', () => {
    for (const text of [INSTALL_TRANSCRIPT, SELF_UPDATE_TRANSCRIPT]) {
      expect(parseAll([...text])).toEqual(parseAll([text]));
    }
  });
});
