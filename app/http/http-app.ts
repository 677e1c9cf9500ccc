import express, { type Express } from 'express';
import helmet from 'helmet';
import swaggerUi from 'swagger-ui-express';
import type { Logger } from '../logger.ts';
import type { Services } from '../services/index.ts';
import { agentForwarding } from './agent-forwarding.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { fixedHeaders } from './fixed-headers.ts';
import type { MountOptions } from './mount-route.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { mountAgentRoutes } from './routes/agent-routes.ts';
import { mountBackupRoutes } from './routes/backup-routes.ts';
import { mountBuildRoutes } from './routes/build-routes.ts';
import { mountClusterRoutes } from './routes/cluster-routes.ts';
import { mountGameSettingsRoutes } from './routes/game-settings-routes.ts';
import { mountImportRoutes } from './routes/import-routes.ts';
import { mountInstanceFilesRoutes } from './routes/instance-files-routes.ts';
import { mountInstanceRoutes } from './routes/instance-routes.ts';
import { mountLifecycleRoutes } from './routes/lifecycle-routes.ts';
import { mountJobRoutes } from './routes/job-routes.ts';
import { mountMetricRoutes } from './routes/metric-routes.ts';
import { mountModRoutes } from './routes/mod-routes.ts';
import { mountNetworkRoutes } from './routes/network-routes.ts';
import { mountAsaApiRoutes } from './routes/asa-api-routes.ts';
import { mountPrereqRoutes } from './routes/prereq-routes.ts';
import { mountNotificationRoutes } from './routes/notification-routes.ts';
import { mountScheduleRoutes } from './routes/schedule-routes.ts';
import { mountSystemRoutes } from './routes/system-routes.ts';
import { segmentRouter } from './segment-router.ts';
import { series } from './series.ts';
import { mountStaticUi } from './static-ui.ts';
import type { SecurityGuard } from './security.ts';

export interface HttpAppOptions {
  services: Services;
  guard: SecurityGuard;
  logger: Logger;
  /** The built UI (renderer/dist); served with an SPA fallback when present. */
  staticDir?: string | null;
  mount?: MountOptions;
  /** Extra route groups (mounted under the same /api validation, auth and error handling). */
  extraRoutes?: ((router: express.Router) => void)[];
}

const JSON_LIMIT = '256kb';
/** Config files are text and can be large (Game.ini with hundreds of engram overrides). */
const TEXT_LIMIT = '2mb';
/** The OpenAPI document and its docs page (and their assets), as express would match their mounts. */
const DOCS_PATH = /^\/api\/v1\/(openapi\.json\/?$|docs(\/|$))/i;
/** Where `app.use('/api', …)` would match. */
const API_PATH = /^\/api(\/|$)/i;
/**
 * Helmet's headers for the UI's pages and files, and the docs page. Served over plain http on a LAN:
 * no HSTS, and no upgrade of sub-resources to https.
 */
const pageHeaders = fixedHeaders(
  helmet({
    strictTransportSecurity: false,
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, connectSrc: ["'self'", 'ws:', 'wss:'] } },
  }),
);
/**
 * The API's answers are data, never a page: they get the headers OWASP's REST Security Cheat Sheet
 * asks of an API (nothing may run, frame or sniff them; no Referer), without the six that only mean
 * something for a document (opener, agent cluster, DNS prefetch, IE's download and XSS filters,
 * Flash's policies). Six headers fewer on every call, and a CSP of 40 characters instead of 300.
 */
const apiHeaders = fixedHeaders(
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    strictTransportSecurity: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: { action: 'deny' },
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  }),
);

export function createHttpApp(opts: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // No ETag on API answers: hashing every list body (sha1 of 15–50 KB) cost more per request than
  // routing, and no client revalidates with If-None-Match. The UI's static files keep theirs
  // (express.static sets its own ETag and Last-Modified).
  app.set('etag', false);
  // The OpenAPI document is built on its first request, not at start: converting every route's zod
  // schemas at start cost ~15 MiB of idle RSS (npm run bench:memory), for a page few installs ever
  // open. The docs page fetches openapi.json rather than swagger-ui-express holding a copy inlined.
  let openApiJson: string | undefined;
  const docs = express.Router();
  docs.get('/api/v1/openapi.json', (_req, res) => {
    openApiJson ??= JSON.stringify(buildOpenApiDocument(opts.services.version));
    res.type('application/json').send(openApiJson);
  });
  docs.use(
    '/api/v1/docs',
    swaggerUi.serve,
    swaggerUi.setup(undefined, { swaggerUrl: '/api/v1/openapi.json', customSiteTitle: 'ARK ASA Server Manager API' }),
  );

  const api = segmentRouter();
  const mount = opts.mount ?? {};
  mountSystemRoutes(api, opts.services, mount);
  mountAgentRoutes(api, opts.services, mount);
  // Before the instance routes: /instances/import is not an instance id.
  mountImportRoutes(api, opts.services, mount);
  mountInstanceRoutes(api, opts.services, mount);
  mountLifecycleRoutes(api, opts.services, mount);
  mountInstanceFilesRoutes(api, opts.services, mount);
  mountGameSettingsRoutes(api, opts.services.gameSettings, mount);
  mountBackupRoutes(api, opts.services.backups, mount);
  mountBuildRoutes(api, opts.services.builds, mount);
  mountJobRoutes(api, opts.services, mount);
  mountScheduleRoutes(api, opts.services.schedules, mount);
  mountModRoutes(api, opts.services.mods, mount);
  mountNotificationRoutes(api, opts.services.notifications, mount);
  mountClusterRoutes(api, opts.services.clusters, mount);
  mountMetricRoutes(api, opts.services.metricHistory, mount);
  mountNetworkRoutes(api, opts.services.network, mount);
  mountAsaApiRoutes(api, opts.services.asaApi, mount);
  mountPrereqRoutes(api, opts.services.prereqs, mount);
  for (const extra of opts.extraRoutes ?? []) extra(api);
  const apiCall = series(
    apiHeaders,
    opts.guard.checkToken,
    // After the token, before the body parsers: a call for a remote host reads its own body.
    agentForwarding(opts.services, { jsonLimit: JSON_LIMIT, textLimit: TEXT_LIMIT, logger: opts.logger }),
    express.json({ limit: JSON_LIMIT }),
    express.text({ limit: TEXT_LIMIT, type: 'text/plain' }),
    api,
  );
  // What the docs do not answer (a POST to openapi.json) goes on as any other call under /api: it
  // needs the token there, and a wrong one counts against the sender.
  const docsCall = series(pageHeaders, docs, apiCall);
  // One layer of express's router for all that every call passes through (series.ts says why). The
  // docs are public (documentation, no state); every other call under /api needs the token when the
  // manager is exposed.
  app.use(
    series(opts.guard.checkRequest, (req, res, next) => {
      const path = req.path;
      (DOCS_PATH.test(path) ? docsCall : API_PATH.test(path) ? apiCall : pageHeaders)(req, res, next);
    }),
  );
  app.use('/api', notFoundHandler);

  mountStaticUi(app, opts.staticDir);
  app.use(notFoundHandler);
  app.use(errorHandler(opts.logger));
  return app;
}
