import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';
import { precompress } from './precompress.ts';

// `npm run dev`: hot reload against a running control plane (npm run serve / npm run demo).
const target = process.env.ARK_API ?? 'http://127.0.0.1:3000';

/** The control plane only accepts its own Origin; the dev server forwards requests as if they were same-origin. */
const proxy = (ws: boolean): ProxyOptions => ({
  target,
  ws,
  changeOrigin: true,
  configure: (p) => {
    p.on('proxyReq', (req) => req.removeHeader('origin'));
    p.on('proxyReqWs', (req) => req.removeHeader('origin'));
  },
});

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), precompress()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    port: 5173,
    proxy: { '/api': proxy(false), '/ws': proxy(true) },
    fs: { allow: [path.resolve(import.meta.dirname, '..')] },
  },
});
