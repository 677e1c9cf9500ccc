// ESLint rule enforcing the dependency rules of docs/architecture.md#layers-and-dependency-rules.
// Each file belongs to a layer by its path; each import is checked against that layer's allow list.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Layer of a repository-relative path, or null when the rule does not govern it. */
function layerOf(rel) {
  const p = rel.split(path.sep).join('/');
  const m = /^app\/(contracts|domain|store|events|agents|jobs|services|http|ws)\//.exec(p);
  if (m) return m[1];
  if (p.startsWith('app/')) return 'root';
  for (const top of ['renderer', 'main', 'sim']) if (p.startsWith(`${top}/`)) return top;
  return null;
}

const IO_MODULES = ['fs', 'net', 'dgram', 'child_process', 'http', 'https', 'worker_threads', 'cluster'];

// For each layer: which of our layers it may import (by layer name), and a check on packages.
const RULES = {
  contracts: { ours: ['contracts'], pkg: (name) => name === 'zod' },
  domain: { ours: ['contracts', 'domain'], pkg: (name) => !IO_MODULES.includes(name.replace(/^node:/, '')) },
  store: { ours: ['contracts', 'domain', 'store'] },
  events: { ours: ['contracts', 'domain', 'events'] },
  agents: { ours: ['contracts', 'domain', 'events', 'store', 'agents'] },
  jobs: { ours: ['contracts', 'domain', 'events', 'store', 'agents', 'jobs'] },
  services: { ours: ['contracts', 'domain', 'events', 'store', 'agents', 'jobs', 'services'] },
  http: { ours: ['contracts', 'domain', 'services', 'http', 'ws'] },
  ws: { ours: ['contracts', 'domain', 'events', 'services', 'ws'] },
  root: { ours: null },
  renderer: { ours: ['contracts', 'renderer'], appFiles: [] },
  main: { ours: ['contracts', 'main'], appFiles: ['app/control-plane.ts'] },
  sim: { ours: ['sim'] },
};

// Cross-cutting files every server layer may use (but not contracts and domain, which stay pure).
const SHARED_FILES = ['app/logger.ts'];
const PURE_LAYERS = ['contracts', 'domain', 'renderer', 'main', 'sim'];

function resolveTarget(fromFile, spec) {
  if (spec === '@ark-asa/contracts' || spec.startsWith('@ark-asa/contracts/'))
    return { rel: 'app/contracts/src/index.ts' };
  if (spec.startsWith('.')) return { rel: path.relative(ROOT, path.resolve(path.dirname(fromFile), spec)) };
  const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  return { pkg: name };
}

export const layersRule = {
  meta: {
    type: 'problem',
    schema: [],
    messages: { denied: '{{from}} may not import {{to}} (docs/architecture.md, dependency rules)' },
  },
  create(context) {
    const file = context.filename;
    const fromLayer = layerOf(path.relative(ROOT, file));
    const isTest = /\.test\.tsx?$/.test(file);
    if (!fromLayer) return {};
    const rule = RULES[fromLayer];
    function check(node, spec) {
      if (typeof spec !== 'string') return;
      const target = resolveTarget(file, spec);
      let denied = false;
      let to = spec;
      if (target.pkg) {
        if (target.pkg === 'electron' && fromLayer !== 'main') denied = true;
        else if (rule.pkg && !rule.pkg(target.pkg)) denied = true;
      } else {
        const toLayer = layerOf(target.rel);
        to = toLayer ? `${toLayer} (${target.rel})` : target.rel;
        // Tests may use the shared test helpers, whatever layer they test.
        if (isTest && target.rel.split(path.sep)[0] === 'test') return;
        const relPosix = target.rel.split(path.sep).join('/');
        const shared = SHARED_FILES.some((f) => relPosix === f || relPosix === f.replace(/\.ts$/, ''));
        if (rule.ours && toLayer !== fromLayer && !(shared && !PURE_LAYERS.includes(fromLayer))) {
          const allowedFile = (rule.appFiles ?? []).some((f) =>
            target.rel.split(path.sep).join('/').startsWith(f.replace(/\.ts$/, '')),
          );
          if (!allowedFile && !(toLayer && rule.ours.includes(toLayer))) denied = true;
        }
      }
      if (denied) context.report({ node, messageId: 'denied', data: { from: fromLayer, to } });
    }
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
    };
  },
};
