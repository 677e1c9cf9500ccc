/**
 * About a hundred values no settings field should trip over: numbers out of every range, strings
 * that look like numbers, unicode and control characters, path traversal, ARK command-line and
 * shell injection, very long strings, the wrong JSON types and prototype-pollution objects. Each
 * comes with a label so a report can say which one did not hold.
 */
export interface Hostile {
  label: string;
  value: unknown;
}

// JSON.parse makes `__proto__` an own key, as a request body would; an object literal would not.
const pollution = (json: string): unknown => JSON.parse(json) as unknown;

const NUMBERS: Hostile[] = [
  0,
  -1,
  -0,
  1,
  1.5,
  -1.5,
  1e-7,
  59,
  60,
  99,
  100,
  1023,
  1024,
  65535,
  65536,
  100_000,
  100_001,
  2 ** 31,
  -(2 ** 31),
  2 ** 32,
  2 ** 53,
  2 ** 53 + 2,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
].map((n) => ({ label: `number ${n}`, value: n }));

const NUMBERISH: Hostile[] = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e400',
  '0x10',
  '010',
  '1_000',
  '12abc',
  ' 42 ',
  '42',
  '-1',
  '',
  ' ',
  'null',
  'undefined',
  'true',
].map((s) => ({ label: `string ${JSON.stringify(s)}`, value: s }));

const UNICODE: Hostile[] = [
  ['accent', 'Éléphant'],
  ['emoji', '😀'.repeat(40)],
  ['rtl override', 'abc\u202edcba'],
  ['bom', '\ufeffname'],
  ['fullwidth', 'ｆｕｌｌｗｉｄｔｈ'],
  ['lone surrogate', 'a\ud800b'],
  ['zero width', 'a\u200bb'],
  ['cjk', '方舟生存'],
  ['nul', 'a\u0000b'],
  ['newline', 'a\nb'],
  ['crlf', 'a\r\nInjected: 1'],
  ['tab', 'a\tb'],
  ['escape', '\u001b[31mred'],
  ['del', 'a\u007fb'],
  ['path with nul', '/srv/ark\u0000.exe'],
  ['path with newline', '/srv/ark\nother'],
  ['windows path with tab', 'C:\\ark\tdir'],
].map(([label, value]) => ({ label: `unicode ${label}`, value }));

const PATHS: Hostile[] = [
  '../..',
  '../../etc/passwd',
  '..\\..\\Windows\\System32',
  '/srv/../../etc',
  'C:\\..\\..\\Windows\\System32',
  '\\\\evil-host\\share\\steamcmd.exe',
  '/dev/null',
  '/proc/self/environ',
  'CON',
  'NUL',
  'C:\\ark\\CON',
  'C:\\ark\\aux.txt',
  'file:///etc/passwd',
  '~/.ssh',
  '/',
  'C:',
  'relative/dir',
].map((s) => ({ label: `path ${JSON.stringify(s)}`, value: s }));

const INJECTION: Hostile[] = [
  '?ServerAdminPassword=x',
  'Ark?ServerAdminPassword=x',
  'x" -NoBattlEye "',
  '"; rm -rf / #',
  "'; DROP TABLE instances; --",
  '$(reboot)',
  '`id`',
  '| calc.exe',
  '& del /q C:\\*',
  '%PATH%',
  '-ServerAdminPassword=x',
  '-mods=1,2',
  'TheIsland_WP?listen',
  'a=b',
  'RCONEnabled=False',
  '<script>alert(1)</script>',
  '${process.exit()}',
  '{{constructor.constructor("x")()}}',
].map((s) => ({ label: `injection ${JSON.stringify(s)}`, value: s }));

const LONG: Hostile[] = [17, 65, 101, 257, 261, 1025, 10_000, 100_000].map((n) => ({
  label: `long string ${n}`,
  value: 'a'.repeat(n),
}));

const TYPES: Hostile[] = [
  ['null', null],
  ['true', true],
  ['false', false],
  ['empty array', []],
  ['array of string', ['a']],
  ['array of number', [1]],
  ['array of null', [null]],
  ['nested array', [[]]],
  ['empty object', {}],
  ['object', { a: 1 }],
  ['object with toString', { toString: 'x', valueOf: 1 }],
  ['array of 1000', Array.from({ length: 1000 }, (_, i) => String(i))],
  ['array of long args', Array.from({ length: 100 }, (_, i) => `Opt${i}=${'v'.repeat(2000)}`)],
  ['array with duplicates', ['928597', '928597']],
  ['array with injection', ['Ok=1', '?ServerAdminPassword=x']],
].map(([label, value]) => ({ label: `type ${label as string}`, value }));

const PROTO: Hostile[] = [
  ['__proto__ object', pollution('{"__proto__":{"polluted":"yes"}}')],
  ['constructor.prototype', pollution('{"constructor":{"prototype":{"polluted":"yes"}}}')],
  ['prototype key', pollution('{"prototype":{"polluted":"yes"}}')],
  ['array with __proto__', pollution('[{"__proto__":{"polluted":"yes"}}]')],
].map(([label, value]) => ({ label: `pollution ${label as string}`, value }));

export const HOSTILE_VALUES: Hostile[] = [
  ...NUMBERS,
  ...NUMBERISH,
  ...UNICODE,
  ...PATHS,
  ...INJECTION,
  ...LONG,
  ...TYPES,
  ...PROTO,
];

/** Whole bodies whose top-level keys are the attack (settings PATCH and instance bodies). */
export const POLLUTING_BODIES: string[] = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"settings":{"__proto__":{"polluted":"yes"}}}',
  '{"name":"p","settings":{"constructor":{"prototype":{"polluted":"yes"}}}}',
  '{"name":"p","__proto__":{"polluted":"yes"},"settings":{}}',
];

/** Control characters that must never reach a stored value used as a path or on a command line. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL = /[\u0000-\u001f\u007f]/;
