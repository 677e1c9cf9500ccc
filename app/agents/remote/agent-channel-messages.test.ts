import {
  AGENT_CHANNEL_VERSION,
  AgentMessage,
  ChannelRefused,
  ControlPlaneMessage,
  type AgentHello,
} from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';

const id = '4b0a7d2e-8c1f-4c59-9d4e-2f1f6f0c9a11';
const now = '2026-01-15T10:30:00.000Z';
const metrics = {
  cpuPercent: 12.5,
  cpuCount: 8,
  memoryTotalBytes: 32e9,
  memoryUsedBytes: 12e9,
  diskFreeBytes: 4e11,
  diskTotalBytes: 1e12,
  uptimeSec: 3600,
};
const hello: AgentHello = {
  v: 1,
  type: 'hello',
  name: 'Basement',
  hostname: 'basement-pc',
  platform: 'win32',
  version: '0.1.0',
  startedAt: now,
  defaults: { dataRoot: 'D:\\ARK' },
  instances: [{ instanceId: id, pid: 4242, status: 'RUNNING', startedAt: now }],
};

describe('agent channel messages (contracts)', () => {
  it('accept every agent message of version 1', () => {
    const messages: unknown[] = [
      hello,
      {
        v: 1,
        type: 'heartbeat',
        metrics,
        instances: [{ instanceId: id, pid: 4242, cpuPercent: 30, memoryBytes: 1e10, playersOnline: 3 }],
        timestamp: now,
      },
      { v: 1, type: 'response', id: 'r1', ok: true, result: { pong: true } },
      { v: 1, type: 'response', id: 'r2', ok: false, error: { code: 'unsupported-method', message: 'no' } },
      { v: 1, type: 'progress', id: 'r3', percent: 45, message: 'Downloading' },
      {
        v: 1,
        type: 'event',
        kind: 'instance-status',
        instanceId: id,
        status: 'CRASHED',
        pid: null,
        exitCode: 1,
        timestamp: now,
      },
      {
        v: 1,
        type: 'event',
        kind: 'instance-log',
        instanceId: id,
        level: 'INFO',
        source: 'server',
        message: 'Server started',
        timestamp: now,
      },
    ];
    for (const m of messages) expect(AgentMessage.safeParse(m).success, JSON.stringify(m)).toBe(true);
  });

  it('refuse another version, unknown types, a response both ok and failed, and bad instance states', () => {
    const bad: unknown[] = [
      { ...hello, v: 2 },
      { v: 1, type: 'shell', command: 'rm -rf /' },
      { v: 1, type: 'response', id: 'r1', ok: false, result: 1 },
      { ...hello, instances: [{ instanceId: id, pid: 0, status: 'RUNNING' }] },
      { ...hello, instances: [{ instanceId: 'not-a-uuid', pid: 1, status: 'RUNNING' }] },
      { v: 1, type: 'heartbeat', metrics: { ...metrics, cpuPercent: 250 }, instances: [], timestamp: now },
    ];
    for (const m of bad) expect(AgentMessage.safeParse(m).success, JSON.stringify(m)).toBe(false);
  });

  it('accept the control plane messages, and `refused` of any version so an old agent can read why', () => {
    const settings = { steamcmdPath: null, dataRoot: '/srv/ark' };
    const messages: unknown[] = [
      { v: 1, type: 'welcome', agentId: id, name: 'Basement', heartbeatIntervalSec: 10, settings, serverTime: now },
      { v: 1, type: 'configure', heartbeatIntervalSec: 5, settings },
      { v: 1, type: 'request', id: 'r1', method: 'ping', params: {} },
      { v: 1, type: 'cancel', id: 'r1' },
      { v: AGENT_CHANNEL_VERSION, type: 'refused', code: 'revoked', message: 'revoked' },
    ];
    for (const m of messages) expect(ControlPlaneMessage.safeParse(m).success, JSON.stringify(m)).toBe(true);
    expect(ChannelRefused.safeParse({ v: 7, type: 'refused', code: 'unsupported-version', message: 'x' }).success).toBe(
      true,
    );
    expect(ControlPlaneMessage.safeParse({ v: 1, type: 'welcome', agentId: id }).success).toBe(false);
    expect(ControlPlaneMessage.safeParse({ v: 1, type: 'request', id: '', method: 'ping' }).success).toBe(false);
  });
});
