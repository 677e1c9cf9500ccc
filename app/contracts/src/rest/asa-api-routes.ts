import { AsaApiPluginConfig, AsaApiPluginEnabledBody, AsaApiPluginParams, AsaApiState } from '../dto/asa-api.ts';
import { InstanceIdParams } from '../dto/instance.ts';
import { defineRoute } from './route.ts';

/** AsaApi (ServerAPI) per instance: loader state, plugins and their config.json (docs/asa-api.md). */
export const asaApiRoutes = {
  getAsaApi: defineRoute({
    method: 'get',
    path: '/api/v1/instances/:id/asaapi',
    summary: 'Whether AsaApi is enabled and installed in the instance, its version, and its plugins',
    tag: 'asa-api',
    params: InstanceIdParams,
    responses: { 200: AsaApiState },
  }),
  getAsaApiPluginConfig: defineRoute({
    method: 'get',
    path: '/api/v1/instances/:id/asaapi/plugins/:name/config',
    summary: "A plugin's config.json as text ('' when it has none)",
    tag: 'asa-api',
    params: AsaApiPluginParams,
    responses: { 200: AsaApiPluginConfig },
  }),
  putAsaApiPluginConfig: defineRoute({
    method: 'put',
    path: '/api/v1/instances/:id/asaapi/plugins/:name/config',
    summary: "Replace a plugin's config.json (must be valid JSON; only while the server is stopped: 409 otherwise)",
    tag: 'asa-api',
    params: AsaApiPluginParams,
    body: AsaApiPluginConfig,
    responses: { 200: AsaApiPluginConfig },
  }),
  setAsaApiPluginEnabled: defineRoute({
    method: 'put',
    path: '/api/v1/instances/:id/asaapi/plugins/:name/enabled',
    summary:
      'Enable or disable a plugin: its folder moves between ArkApi/Plugins and ArkApi/Plugins.disabled (only while stopped)',
    tag: 'asa-api',
    params: AsaApiPluginParams,
    body: AsaApiPluginEnabledBody,
    responses: { 200: AsaApiState },
  }),
};
