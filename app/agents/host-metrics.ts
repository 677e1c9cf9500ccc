import os from 'node:os';
import type { HostMetrics } from '@ark-asa/contracts';
import { diskSpace } from './host-probes.ts';

interface CpuSample {
  idle: number;
  total: number;
}

function sampleCpu(): CpuSample {
  let idle = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    idle += t.idle;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { idle, total };
}

/**
 * Host metrics from node:os and statfs. CPU % is the busy share between two samples, so the
 * first call measures since the sampler was created.
 */
export class HostMetricsSampler {
  private last = sampleCpu();

  constructor(private readonly dataRoot: () => string) {}

  async sample(): Promise<HostMetrics> {
    const now = sampleCpu();
    const idle = now.idle - this.last.idle;
    const total = now.total - this.last.total;
    this.last = now;
    const disk = await diskSpace(this.dataRoot());
    return {
      cpuPercent: total > 0 ? Math.round((1000 * (total - idle)) / total) / 10 : 0,
      cpuCount: Math.max(1, os.cpus().length),
      memoryTotalBytes: os.totalmem(),
      memoryUsedBytes: os.totalmem() - os.freemem(),
      diskFreeBytes: disk.freeBytes,
      diskTotalBytes: disk.totalBytes,
      uptimeSec: Math.round(os.uptime()),
    };
  }
}
