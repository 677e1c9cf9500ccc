/**
 * Serves another UI build in front of a running control plane: its files from a folder, /api and
 * /ws passed through untouched (headers included, so the plane's Host and Origin checks see the
 * page's own origin). Two builds are then measured against one server and one log stream.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
};

/** The plane's own response headers worth copying: its CSP above all, which decides whether zod may use eval. */
async function securityHeaders(planeUrl: string): Promise<Record<string, string>> {
  const res = await fetch(`${planeUrl}/`);
  await res.arrayBuffer();
  return Object.fromEntries(
    [...res.headers].filter(([name]) => /^(content-security-policy|x-|cross-origin|referrer-policy)/.test(name)),
  );
}

export interface BuildServer {
  url: string;
  close(): Promise<void>;
}

export async function serveBuild(dir: string, planeUrl: string): Promise<BuildServer> {
  const plane = new URL(planeUrl);
  const headers = await securityHeaders(planeUrl);
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/api/')) {
      const up = http.request(
        { host: plane.hostname, port: plane.port, method: req.method, path: url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      up.on('error', () => res.destroy());
      req.pipe(up);
      return;
    }
    const file = path.join(dir, path.normalize(new URL(url, 'http://x').pathname));
    const found = file.startsWith(dir) && fs.statSync(file, { throwIfNoEntry: false })?.isFile() ? file : null;
    const served = found ?? path.join(dir, 'index.html');
    res.writeHead(200, { ...headers, 'content-type': TYPES[path.extname(served)] ?? 'application/octet-stream' });
    res.end(fs.readFileSync(served));
  });
  server.on('upgrade', (req, socket, head) => {
    const up = net.connect(Number(plane.port), plane.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      up.write(`${lines.join('\r\n')}\r\n\r\n`);
      up.write(head);
      socket.pipe(up).pipe(socket);
    });
    const end = () => {
      up.destroy();
      socket.destroy();
    };
    up.on('error', end);
    socket.on('error', end);
    up.on('close', end);
    socket.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
