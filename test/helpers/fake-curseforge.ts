import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A mod of the fixture; the fake answers in CurseForge's own shape (docs.curseforge.com "Mod"). */
export interface FakeMod {
  id: number;
  name: string;
  fileId: number;
  fileName?: string;
  fileDate?: string;
  authors?: string[];
  summary?: string;
  /** Default 83374 (ASA); another game's id makes the mod "unknown" to the manager. */
  gameId?: number;
  /**
   * Other current files of the same release (another platform's upload, one id apart): listed in
   * `latestFiles` and `latestFilesIndexes` beside the main file, as ASA mods have them
   * (docs/ark-facts.md#mods-on-disk).
   */
  siblingFileIds?: number[];
}

export interface CurseForgeRequest {
  method: string;
  path: string;
  apiKey: string | null;
  modIds: number[] | null;
}

export const SAMPLE_MODS: FakeMod[] = [
  {
    id: 928597,
    name: 'Dino Depot',
    fileId: 6040989,
    fileName: 'DinoDepot-1.4.zip',
    authors: ['Ark Modder'],
    summary: 'Store your dinos',
  },
  {
    id: 939228,
    name: 'Awesome Spyglass!',
    fileId: 6040001,
    fileName: 'Spyglass-2.0.zip',
    authors: ['Spy', 'Glass'],
    summary: 'See stats',
  },
];

/**
 * A local CurseForge API: `POST /v1/mods` and `GET /v1/mods/:id` from a fixture. Requests without
 * the right `x-api-key` get 403, as the real API answers them. Records every request.
 */
export class FakeCurseForge {
  readonly requests: CurseForgeRequest[] = [];
  private readonly mods = new Map<number, FakeMod>();
  private readonly statuses: number[] = [];

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    public apiKey: string,
  ) {}

  static async start(apiKey: string, mods: FakeMod[] = SAMPLE_MODS): Promise<FakeCurseForge> {
    let fake: FakeCurseForge | null = null;
    const server = http.createServer((req, res) => void fake?.handle(req, res));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    fake = new FakeCurseForge(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, apiKey);
    for (const mod of mods) fake.setMod(mod);
    return fake;
  }

  setMod(mod: FakeMod): void {
    this.mods.set(mod.id, { ...mod });
  }

  /** An author uploads a new file (with its siblings): it becomes the mod's main file. */
  newFile(modId: number, fileId: number, fileName = `file-${fileId}.zip`, siblingFileIds: number[] = []): void {
    const mod = this.mods.get(modId);
    if (!mod) throw new Error(`fake CurseForge has no mod ${modId}`);
    this.mods.set(modId, { ...mod, fileId, fileName, fileDate: new Date().toISOString(), siblingFileIds });
  }

  /** The next requests are answered with these statuses (e.g. 500), then normally again. */
  failNext(...statuses: number[]): void {
    this.statuses.push(...statuses);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { modIds?: number[] }) : {};
    const apiKey = typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'] : null;
    const path = req.url ?? '';
    this.requests.push({ method: req.method ?? '', path, apiKey, modIds: body.modIds ?? null });
    const send = (status: number, json: unknown) =>
      void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    const scripted = this.statuses.shift();
    if (scripted) return send(scripted, { error: 'scripted' });
    if (apiKey !== this.apiKey) return send(403, { error: 'Forbidden' });
    if (req.method === 'POST' && path === '/v1/mods') {
      const found = (body.modIds ?? []).flatMap((id) => (this.mods.has(id) ? [this.render(this.mods.get(id)!)] : []));
      return send(200, { data: found });
    }
    const single = /^\/v1\/mods\/(\d+)$/.exec(path);
    const mod = single ? this.mods.get(Number(single[1])) : undefined;
    if (req.method === 'GET' && mod) return send(200, { data: this.render(mod) });
    send(404, { error: 'Not Found' });
  }

  private render(m: FakeMod) {
    const slug = m.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const file = {
      id: m.fileId,
      modId: m.id,
      displayName: m.fileName ?? `file-${m.fileId}.zip`,
      fileName: m.fileName ?? `file-${m.fileId}.zip`,
      fileDate: m.fileDate ?? '2025-03-01T12:00:00.000Z',
      isAvailable: true,
      releaseType: 1,
    };
    return {
      id: m.id,
      gameId: m.gameId ?? 83374,
      name: m.name,
      slug,
      summary: m.summary ?? '',
      links: { websiteUrl: `https://www.curseforge.com/ark-survival-ascended/mods/${slug}` },
      authors: (m.authors ?? []).map((name, i) => ({
        id: i + 1,
        name,
        url: `https://www.curseforge.com/members/${name}`,
      })),
      logo: {
        thumbnailUrl: `https://media.forgecdn.net/avatars/thumbnails/${m.id}.png`,
        url: `https://media.forgecdn.net/avatars/${m.id}.png`,
      },
      mainFileId: m.fileId,
      latestFiles: [
        file,
        ...(m.siblingFileIds ?? []).map((id) => ({ ...file, id, displayName: `${file.displayName} (${id})` })),
      ],
      latestFilesIndexes: [m.fileId, ...(m.siblingFileIds ?? [])].map((fileId) => ({
        gameVersion: 'ASA',
        fileId,
        filename: file.fileName,
        releaseType: 1,
        gameVersionTypeId: null,
      })),
    };
  }
}
