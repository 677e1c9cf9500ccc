// Runs under plain Node 24 inside an extracted copy of a packaged app (app.asar's contents with
// app.asar.unpacked's files in place), copied next to the bundles in out/main/ so every module
// resolves exactly as it does for them. Plain JavaScript on purpose: it must run without tsx,
// from a temporary folder, against nothing but what the package holds.
//
//   node load-runtime-modules.mjs '["better-sqlite3","express",…]'
//
// For each bare specifier the bundles import it (a) imports the module, which runs its top-level
// requires and so loads its transitive dependencies, and (b) walks the `dependencies` of every
// package reachable from it, so a dependency that is only required later (inside a function, on
// first use) is found missing too. better-sqlite3 also opens an in-memory database: its native
// binding must load. Prints one JSON line: { loaded: string[], problems: string[] }.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = import.meta.dirname;
// The extracted app's root: a module found above it (a node_modules of the temp folder's parents)
// would not be in the package, so it counts as missing.
const root = path.resolve(process.env.ARK_APP_ROOT ?? path.join(here, '..', '..'));
const inside = (file) => !path.relative(root, file).startsWith('..');
const specifiers = JSON.parse(process.argv[2] ?? '[]');
const problems = [];
const loaded = [];

const packageName = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
const firstLine = (err) => String(err?.message ?? err).split('\n')[0];

/** The folder Node's resolution finds for a package required from `fromDir`, or null. */
function findPackageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === root || path.dirname(dir) === dir) return null;
  }
}

function readManifest(dir) {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
}

/** Every package reachable through `dependencies` from the given roots is present. */
function walkDependencies(roots) {
  const seen = new Set();
  const queue = roots.map((name) => ({ name, from: here, by: 'the main bundles' }));
  while (queue.length > 0) {
    const { name, from, by } = queue.shift();
    const dir = findPackageDir(name, from);
    if (!dir) {
      problems.push(`${name} (required by ${by}) is not in the package`);
      continue;
    }
    if (seen.has(dir)) continue;
    seen.add(dir);
    const manifest = readManifest(dir);
    const optional = new Set(Object.keys(manifest.optionalDependencies ?? {}));
    for (const dep of Object.keys(manifest.dependencies ?? {})) {
      // npm skips optional dependencies that do not fit the platform: absent is fine for them.
      if (optional.has(dep) && !findPackageDir(dep, dir)) continue;
      queue.push({ name: dep, from: dir, by: `${manifest.name}@${manifest.version}` });
    }
  }
  return seen.size;
}

async function useSqlite(mod) {
  const Database = mod.default ?? mod;
  const db = new Database(':memory:');
  try {
    const row = db.prepare('select sqlite_version() as version').get();
    if (!row?.version) throw new Error('better-sqlite3 opened a database that answers no sqlite_version()');
  } finally {
    db.close();
  }
}

for (const spec of specifiers) {
  try {
    const resolved = fileURLToPath(import.meta.resolve(spec));
    if (!inside(resolved)) throw new Error(`resolves outside the package, to ${resolved}`);
    const mod = await import(spec);
    if (packageName(spec) === 'better-sqlite3') await useSqlite(mod);
    loaded.push(spec);
  } catch (err) {
    problems.push(`${spec} does not load: ${err?.code ? `${err.code} ` : ''}${firstLine(err)}`);
  }
}
const packages = walkDependencies([...new Set(specifiers.map(packageName))]);
process.stdout.write(`${JSON.stringify({ loaded, packages, problems })}\n`);
// Loaded modules may hold handles open (timers, pino's destinations): the verdict is printed.
process.exit(0);
