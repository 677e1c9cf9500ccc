import type { Router } from 'express';
import { apiRoutes } from '@ark-asa/contracts';
import type { AsaApiService } from '../../services/asa-api-service.ts';
import { mountRoute, type MountOptions } from '../mount-route.ts';

/** AsaApi per instance: state, plugin configs, enable/disable (docs/asa-api.md). */
export function mountAsaApiRoutes(router: Router, s: AsaApiService, opts: MountOptions): void {
  mountRoute(router, apiRoutes.getAsaApi, ({ params }) => s.state(params.id), opts);
  mountRoute(router, apiRoutes.getAsaApiPluginConfig, ({ params }) => s.readConfig(params.id, params.name), opts);
  mountRoute(
    router,
    apiRoutes.putAsaApiPluginConfig,
    ({ params, body }) => s.writeConfig(params.id, params.name, body.config),
    opts,
  );
  mountRoute(
    router,
    apiRoutes.setAsaApiPluginEnabled,
    ({ params, body }) => s.setEnabled(params.id, params.name, body.enabled),
    opts,
  );
}
