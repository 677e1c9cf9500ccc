import { InstanceIdParams } from '../dto/instance.ts';
import { FirewallOpenBody, FirewallState, VisibilityReport } from '../dto/network.ts';
import { defineRoute } from './route.ts';

/** Firewall rules and the "is my server visible?" check (docs/visibility.md). */
export const networkRoutes = {
  getFirewall: defineRoute({
    method: 'get',
    path: '/api/v1/instances/:id/firewall',
    summary: "The state of the instance's inbound firewall rules (game port UDP; RCON TCP only when opened)",
    tag: 'network',
    params: InstanceIdParams,
    responses: { 200: FirewallState },
  }),
  openFirewall: defineRoute({
    method: 'post',
    path: '/api/v1/instances/:id/firewall',
    summary:
      'Add inbound allow rules for the game port (and RCON only with openRcon: true). Without administrator rights the answer is status needs-admin with the exact command, unless elevate: true asks for them',
    tag: 'network',
    params: InstanceIdParams,
    body: FirewallOpenBody,
    responses: { 200: FirewallState },
  }),
  closeFirewall: defineRoute({
    method: 'delete',
    path: '/api/v1/instances/:id/firewall',
    summary: "Remove the instance's firewall rules (also done when the instance is deleted)",
    tag: 'network',
    params: InstanceIdParams,
    responses: { 200: FirewallState },
  }),
  checkVisibility: defineRoute({
    method: 'post',
    path: '/api/v1/instances/:id/visibility-check',
    summary:
      'Is the server visible? Process running, listening on the game port, firewall, MultiHome, and its entry in the public server list (serverListUrl), each failure with its fix',
    tag: 'network',
    params: InstanceIdParams,
    responses: { 200: VisibilityReport },
  }),
};
