// `npm run serve`, `npm run demo` and `npm run agent`: runs a JavaScript build of the entry, made once and rebuilt
// only when one of the files it was built from changed, instead of compiling TypeScript through a
// loader at every start (3.3 s to a served /api/v1/health before, well under 1 s now).
//
//   node scripts/run-built.mjs <serve|demo|agent> [args of the entry…]
//
// The build is imported into this very process, not spawned: signals, the exit code, stdio and the
// IPC channel of a parent (a Node fork) are the entry's own, as with `tsx app/cli.ts` before.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';

// better-sqlite3 13 crashes on an older Node rather than failing cleanly: say what to do instead.
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);
if (NODE_MAJOR < 24) {
  console.error(
    `The manager needs Node 24 or newer; this is Node ${process.versions.node}. Install Node 24 LTS ` +
      '(or run `source scripts/use-node24.sh` in this shell), then `npm install` again.',
  );
  process.exit(1);
}

const ROOT = path.resolve(import.meta.dirname, '..');
/** dist/run/, or another folder for tests that must not touch the checkout's build. */
const OUT_DIR = process.env.ARK_RUN_BUILT_DIR ?? path.join(ROOT, 'dist', 'run');
const ENTRIES = { serve: 'app/cli.ts', demo: 'scripts/demo.ts', agent: 'app/agent-cli.ts' };

/** The stamp of a build: where the checkout was and every source file that went into it. */
function readStamp(stampFile) {
  try {
    return JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  } catch {
    return null;
  }
}

function isFresh(outFile, stampFile) {
  const stamp = readStamp(stampFile);
  if (!stamp || stamp.root !== ROOT || !fs.existsSync(outFile)) return false;
  const builtAt = fs.statSync(outFile).mtimeMs;
  for (const input of stamp.inputs) {
    const stat = fs.statSync(path.join(ROOT, input), { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs > builtAt) return false;
  }
  return true;
}

/**
 * Code in app/, sim/ and scripts/ finds files next to itself (renderer/dist, the simulators'
 * entries, the repository root) through import.meta.dirname/url. In one bundle those would all be
 * the bundle's own folder, so each module gets its source file's location instead: the build runs
 * exactly as the TypeScript it came from did. import.meta.resolve stays a runtime call.
 */
const sourceLocations = {
  name: 'source-locations',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = fs.readFileSync(args.path, 'utf8');
      const contents = text
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: 'ts' };
    });
  },
};

/** Dependencies stay in node_modules (native better-sqlite3 above all); our contracts are TypeScript source, so they are bundled. */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@ark-asa/contracts') ? undefined : { path: args.path, external: true },
    );
  },
};

async function rebuild(entry, outFile, stampFile) {
  const esbuild = await import('esbuild');
  const started = Date.now();
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [path.join(ROOT, entry)],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'warning',
    plugins: [externalPackages, sourceLocations],
  });
  // Each file is written aside and renamed into place, the bundle last: two starts at once never
  // run a half-written bundle, and the stamp never vouches for a build that is not complete.
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith('node_modules/'));
  const files = [
    ...result.outputFiles.map((f) => ({ path: f.path, contents: f.contents })),
    { path: stampFile, contents: JSON.stringify({ root: ROOT, inputs }) },
  ].sort((a, b) => Number(a.path === outFile) - Number(b.path === outFile));
  for (const f of files) {
    const tmp = `${f.path}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, f.contents);
    fs.renameSync(tmp, f.path);
  }
  // Dated from the start of the build: a source saved while it ran is newer, so the next start rebuilds.
  fs.utimesSync(outFile, started / 1000, started / 1000);
  process.stderr.write(`built ${path.relative(ROOT, outFile)} from ${entry} in ${Date.now() - started} ms\n`);
}

const name = process.argv[2];
const entry = ENTRIES[name];
if (!entry) {
  console.error(`usage: node scripts/run-built.mjs <${Object.keys(ENTRIES).join('|')}> [args…]`);
  process.exit(2);
}
const outFile = path.join(OUT_DIR, `${name}.js`);
const stampFile = path.join(OUT_DIR, `${name}.inputs.json`);
if (!isFresh(outFile, stampFile)) await rebuild(entry, outFile, stampFile);
// V8 grows its young generation up to 2 × 16 MB under allocation bursts (loading modules, a run of
// list reads) and keeps the pages: npm run bench:memory measured the control plane at 133–141 MiB
// after the list reads without this, 105–118 MiB with it (young space stays at its first 1 MB).
// `--max-semi-space-size` is read only when the process starts, but the growth factor is read at
// each collection, so it can be set here, before the entry allocates. The CPU per request of
// npm run bench:rest did not move: a young collection costs what survives, not what was freed.
v8.setFlagsFromString('--semi-space-growth-factor=1');
// The entry reads its own arguments from process.argv.slice(2), as when it was run directly.
process.argv.splice(2, 1);
process.argv[1] = outFile;
await import(pathToFileURL(outFile).href);
