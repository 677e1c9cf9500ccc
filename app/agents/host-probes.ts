import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface DiskSpace {
  freeBytes: number;
  totalBytes: number;
}

/** Free space of the volume holding `dir` (statfs is built into Node and needs no PowerShell on Windows). */
export async function diskSpace(dir: string): Promise<DiskSpace> {
  const s = await fs.promises.statfs(dir);
  return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
}

/** Creates `dir` if needed and proves it is writable by writing, reading back and removing a file. */
export async function checkWritable(dir: string): Promise<void> {
  await fs.promises.mkdir(dir, { recursive: true });
  const probe = path.join(dir, `.write-probe-${process.pid}-${Date.now()}`);
  await fs.promises.writeFile(probe, 'ok');
  const back = await fs.promises.readFile(probe, 'utf8');
  await fs.promises.rm(probe, { force: true });
  if (back !== 'ok') throw new Error(`Read back something else than was written in ${dir}`);
}

/** True when a TCP listener could bind `port` on all interfaces (as ARK's RCON does). */
export function tcpPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** True when a UDP socket could bind `port` (the game port is UDP). */
export function udpPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket({ type: 'udp4', reuseAddr: false });
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind({ port, address: '0.0.0.0', exclusive: true }, () => socket.close(() => resolve(true)));
  });
}

/** Whether `file` exists and can be executed by us. */
export async function isExecutable(file: string): Promise<boolean> {
  try {
    await fs.promises.access(file, process.platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
    return (await fs.promises.stat(file)).isFile();
  } catch {
    return false;
  }
}
