import http from 'node:http';
import https from 'node:https';
import { AGENT_CHANNEL_PATH } from '@ark-asa/contracts';
import type { RequestListener } from 'node:http';
import { AgentChannelAcceptor } from './agents/remote/agent-channel-acceptor.ts';
import type { UpgradeListener } from './http/ws-upgrade.ts';
import { RateLimiter } from './http/rate-limit.ts';
import type { Logger } from './logger.ts';
import type { RemoteAgentsService } from './services/remote-agents-service.ts';

/** A certificate and its private key, PEM (`--tls-cert`, `--tls-key`). */
export interface TlsOptions {
  cert: string | Buffer;
  key: string | Buffer;
}

/** The control plane's server: HTTPS (and so WSS) with a certificate, plain HTTP otherwise. */
export function createPlaneServer(app: RequestListener, tls: TlsOptions | undefined): http.Server {
  // https.Server is an http.Server in every way the control plane uses (listen, upgrade, close*).
  return tls ? https.createServer({ cert: tls.cert, key: tls.key }, app) : http.createServer(app);
}

/** Wrong agent tokens per address: 20 guesses, then one every 3 s, as for the access token. */
const AGENT_TOKEN_FAILURES = { capacity: 20, refillPerSec: 1 / 3 };

/** The upgrade listeners of the agent channel (docs/agent-channel.md), by path. */
export function agentChannels(remote: RemoteAgentsService, logger: Logger): Record<string, UpgradeListener> {
  const acceptor = new AgentChannelAcceptor({
    book: remote,
    registry: remote.registry,
    failures: new RateLimiter(AGENT_TOKEN_FAILURES),
    logger,
  });
  return { [AGENT_CHANNEL_PATH]: acceptor.handleUpgrade };
}
