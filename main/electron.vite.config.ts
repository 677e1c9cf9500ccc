/**
 * electron-vite build of the desktop shell: `main/main.ts` into out/main/main.js, the control plane's
 * entry (app/cli.ts, what `npm run serve` runs) into out/main/control-plane.js, which the shell starts
 * in Electron's utilityProcess, the remote agent (app/agent-child.ts: `npm run agent`'s agent plus
 * the process channel) into out/main/agent.js for agent mode, and the preload into out/preload. The
 * UI is not built here: the control plane serves renderer/dist over HTTP, built by the renderer's
 * own Vite config.
 *
 * Run from the repository root: `electron-vite build --config main/electron.vite.config.ts`.
 * ARK_ELECTRON_OUT_DIR redirects the output (the packaging smoke test builds into a temp dir).
 */
import path from 'node:path';
import { defineConfig } from 'electron-vite';

const root = path.resolve(import.meta.dirname, '..');
const outDir = process.env.ARK_ELECTRON_OUT_DIR ?? path.join(root, 'out');

export default defineConfig({
  main: {
    root,
    build: {
      outDir: path.join(outDir, 'main'),
      // Runtime `dependencies` stay external (require()d from node_modules in the asar), above all
      // better-sqlite3, whose native binding must be the Electron-rebuilt one. Our contracts
      // package is TypeScript source, so it is bundled instead.
      externalizeDeps: { exclude: ['@ark-asa/contracts'] },
      sourcemap: true,
      rolldownOptions: {
        // Three entries, one shared chunk graph: the shell, the control plane it hosts, and the
        // remote agent it runs in agent mode (`--agent`, main/agent-shell.ts).
        input: {
          main: path.join(root, 'main/main.ts'),
          'control-plane': path.join(root, 'app/cli.ts'),
          agent: path.join(root, 'app/agent-child.ts'),
        },
        output: { entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    root,
    build: {
      outDir: path.join(outDir, 'preload'),
      // A sandboxed preload is one CommonJS script that may only require('electron'): no chunks, no ESM.
      rolldownOptions: {
        input: { preload: path.join(root, 'main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
});
