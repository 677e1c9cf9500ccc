import { apiRoutes, ErrorEnvelope, type RouteDef } from '@ark-asa/contracts';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

interface Components {
  schemas: Record<string, JsonSchema>;
}

/**
 * Converts one zod schema to JSON Schema (2020-12, which OpenAPI 3.1 uses) and hoists its named
 * sub-schemas (`.meta({ id })`) into components. Request bodies are converted as inputs (defaults
 * make fields optional); when a named schema differs between input and output, the input variant
 * is stored as `<Name>Input`.
 */
function toSchema(schema: z.ZodType, io: 'input' | 'output', components: Components): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as JsonSchema;
  const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
  const rename = new Map<string, string>();
  for (const [name, def] of Object.entries(defs)) {
    const existing = components.schemas[name];
    const target =
      existing && JSON.stringify(existing) !== JSON.stringify(def) && io === 'input' ? `${name}Input` : name;
    rename.set(name, target);
  }
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object') {
      const out: JsonSchema = {};
      for (const [k, v] of Object.entries(value)) {
        if (k === '$schema' || k === '$defs' || k === '$id') continue;
        out[k] =
          k === '$ref' && typeof v === 'string'
            ? `#/components/schemas/${rename.get(v.replace('#/$defs/', '')) ?? v}`
            : rewrite(v);
      }
      return out;
    }
    return value;
  };
  for (const [name, def] of Object.entries(defs)) components.schemas[rename.get(name)!] ??= rewrite(def) as JsonSchema;
  return rewrite(json) as JsonSchema;
}

function parameters(route: RouteDef, components: Components) {
  const params: JsonSchema[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const json = toSchema(schema, 'input', components);
    const props = (json.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json.required ?? []) as string[]);
    for (const [name, prop] of Object.entries(props)) {
      params.push({ name, in: where, required: where === 'path' || required.has(name), schema: prop });
    }
  }
  return params;
}

/** A raw zip read as a stream by its route (no JSON around it). */
const ZIP_BODY = {
  required: true,
  content: Object.fromEntries(
    ['application/zip', 'application/octet-stream'].map((m) => [m, { schema: { type: 'string', format: 'binary' } }]),
  ),
};

function operation(name: string, route: RouteDef, components: Components) {
  const mime = route.contentType === 'text' ? 'text/plain' : 'application/json';
  const responses: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries(route.responses)) {
    responses[status] = schema
      ? { description: 'Success', content: { [mime]: { schema: toSchema(schema, 'output', components) } } }
      : { description: 'Success, no body' };
  }
  responses.default = {
    description: 'Error (400 validation, 401, 403, 404, 409 state conflict, 413, 429, 500)',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
  };
  return {
    operationId: name,
    summary: route.summary,
    tags: [route.tag],
    parameters: parameters(route, components),
    ...(route.contentType === 'zip' && { requestBody: ZIP_BODY }),
    ...(route.body && {
      requestBody: {
        // A JSON route reads a missing body as {} (mountRoute): a body that accepts {} is optional.
        required: route.contentType === 'text' || !route.body.safeParse({}).success,
        content: { [mime]: { schema: toSchema(route.body, 'input', components) } },
      },
    }),
    responses,
  };
}

/** The OpenAPI 3.1 document of API v1, generated from the route table of the contracts. */
export function buildOpenApiDocument(version: string, routes: Record<string, RouteDef> = apiRoutes) {
  const components: Components = { schemas: {} };
  toSchema(ErrorEnvelope, 'output', components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, route] of Object.entries(routes)) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[route.method] = operation(name, route, components);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'ARK ASA Server Manager API',
      version,
      description:
        'REST API v1 of the control plane. Long operations answer 202 with a job; their progress and outcome arrive on the /ws event stream (protocol V1).',
    },
    servers: [{ url: '/' }],
    components: { ...components, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{}, { bearer: [] }],
    paths,
  };
}
