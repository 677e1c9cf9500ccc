import { describe, expect, it } from 'vitest';
import { createProcessHost } from './create-process-host.ts';
import { LinuxProcessHost } from './linux-process-host.ts';
import { WindowsProcessHost } from './windows-process-host.ts';

describe('createProcessHost', () => {
  it('picks the implementation for the platform', () => {
    expect(createProcessHost('win32')).toBeInstanceOf(WindowsProcessHost);
    expect(createProcessHost('linux')).toBeInstanceOf(LinuxProcessHost);
  });

  it('refuses platforms without a Linux /proc rather than misreport every server as gone', () => {
    expect(() => createProcessHost('darwin')).toThrow(/not supported on darwin/);
  });
});
