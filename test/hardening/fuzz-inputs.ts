import http from 'node:http';
import zlib from 'node:zlib';

/** One operation of the OpenAPI document. */
export interface Operation {
  method: string;
  path: string;
  bodyMime: string | null;
  bodyProps: Record<string, { type?: string | string[] }>;
}

export interface RawResponse {
  status: number;
  type: string;
  text: string;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

type Json = Record<string, unknown>;

/** Every operation, with the properties of its JSON body when the schema names them. */
export function operations(doc: Json): Operation[] {
  const schemas = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;
  const resolve = (s: Json | undefined): Json | undefined => {
    const ref = s?.$ref;
    return typeof ref === 'string' ? schemas[ref.split('/').pop()!] : s;
  };
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = (op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
      const bodyMime = content ? Object.keys(content)[0]! : null;
      const schema = resolve(bodyMime ? (content![bodyMime]!.schema as Json) : undefined);
      out.push({
        method: method.toUpperCase(),
        path,
        bodyMime,
        bodyProps: (schema?.properties ?? {}) as Operation['bodyProps'],
      });
    }
  }
  return out;
}

/** Path parameters no route may answer with a 500: bad escapes, overlong UTF-8, traversal, huge. */
export const BAD_PARAMS = [
  '%zz',
  '%',
  '%C0%AE',
  '%c0%ae%c0%ae%2f',
  '..%2f..%2f..%2fetc%2fpasswd',
  '%00',
  '%ff%fe',
  'a'.repeat(4096),
  'not-a-uuid',
  '00000000-0000-4000-8000-000000000000',
  '%22%3E%3Cscript%3E',
];

export function withParams(path: string, value: string): string {
  return path.replace(/\{[^}]+\}/g, value);
}

function wrongValue(type: string | string[] | undefined): unknown {
  const t = Array.isArray(type) ? type[0] : type;
  if (t === 'string') return 12345;
  if (t === 'integer' || t === 'number') return 'not a number';
  if (t === 'boolean') return 'yes';
  if (t === 'array') return { not: 'an array' };
  if (t === 'object') return ['not', 'an', 'object'];
  return { unexpected: [null] };
}

/** Bodies of wrong shape and encoding for one operation (JSON or text). */
export function badBodies(op: Operation): RawRequest[] {
  const json = { 'content-type': 'application/json' };
  const wrongTypes = Object.fromEntries(Object.entries(op.bodyProps).map(([k, v]) => [k, wrongValue(v.type)]));
  const huge = Object.fromEntries(Object.keys(op.bodyProps).map((k) => [k, 'x'.repeat(100_000)]));
  let deep: unknown = 1;
  for (let i = 0; i < 2000; i += 1) deep = { a: deep };
  const bodies: RawRequest[] = [
    { method: op.method, path: op.path, headers: json, body: '{"name":' },
    { method: op.method, path: op.path, headers: json, body: 'null' },
    { method: op.method, path: op.path, headers: json, body: '[1,2,3]' },
    { method: op.method, path: op.path, headers: json, body: '"a string"' },
    { method: op.method, path: op.path, headers: json, body: JSON.stringify(wrongTypes) },
    { method: op.method, path: op.path, headers: json, body: JSON.stringify(huge) },
    { method: op.method, path: op.path, headers: json, body: JSON.stringify(deep) },
    {
      method: op.method,
      path: op.path,
      headers: json,
      body: Buffer.from([0x7b, 0x22, 0xc0, 0xae, 0xff, 0x22, 0x3a, 0x31, 0x7d]),
    },
    { method: op.method, path: op.path, headers: { ...json, 'content-encoding': 'gzip' }, body: 'this is not gzip' },
    {
      method: op.method,
      path: op.path,
      headers: { ...json, 'content-encoding': 'gzip' },
      body: zlib.gzipSync('{"truncated":').subarray(0, 12),
    },
    { method: op.method, path: op.path, headers: { ...json, 'content-encoding': 'x-unknown' }, body: '{}' },
    { method: op.method, path: op.path, headers: { 'content-type': 'application/json; charset=latin9' }, body: '{}' },
    {
      method: op.method,
      path: op.path,
      headers: { 'content-type': 'text/plain' },
      body: Buffer.from([0xff, 0xfe, 0x00, 0xc0]),
    },
    { method: op.method, path: op.path, headers: { 'content-type': 'text/plain' }, body: 'y'.repeat(2_200_000) },
  ];
  return bodies;
}

export const BAD_QUERIES = [
  '?limit=-1',
  '?limit=1e400&cursor=%zz',
  '?cursor=' + 'A'.repeat(3000),
  '?type[]=x&type[]=y&status[a]=b',
  '?%zz=%zz',
];

/** A request sent exactly as given (fetch would normalise the URL and headers). */
export function send(base: URL, agent: http.Agent, req: RawRequest, token: string | null): Promise<RawResponse> {
  const headers: Record<string, string> = { ...req.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const r = http.request(
      { host: base.hostname, port: base.port, method: req.method, path: req.path, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: res.headers['content-type'] ?? '',
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    // The server may answer (413) and close before the whole body is sent.
    r.on('error', (err: NodeJS.ErrnoException) =>
      err.code === 'ECONNRESET' || err.code === 'EPIPE' ? resolve({ status: 0, type: '', text: '' }) : reject(err),
    );
    r.end(req.body);
  });
}

/** Runs `tasks` with at most `width` in flight. */
export async function pool<T>(tasks: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}
