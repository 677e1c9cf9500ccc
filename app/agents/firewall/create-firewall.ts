import type { FirewallBackend } from '@ark-asa/contracts';
import type { FirewallChange, FirewallInspection, FirewallPort } from './firewall-port.ts';
import { findTool, LinuxFirewall } from './linux-firewall.ts';
import { WindowsFirewall } from './windows-firewall.ts';

/** The firewall of this OS: Windows Defender Firewall, ufw, firewalld, or none the manager manages. */
export function createFirewall(platform: NodeJS.Platform = process.platform): FirewallPort {
  if (platform === 'win32') return new WindowsFirewall();
  if (platform === 'linux') {
    const ufw = findTool('ufw');
    if (ufw) return new LinuxFirewall({ tool: { kind: 'ufw', path: ufw } });
    const firewalld = findTool('firewall-cmd');
    if (firewalld) return new LinuxFirewall({ tool: { kind: 'firewalld', path: firewalld } });
  }
  return new NoFirewall();
}

const NONE = 'No managed firewall detected (no ufw or firewalld); the manager changes no rules';

/** No firewall the manager knows: it reports so and never touches iptables or nftables itself. */
export class NoFirewall implements FirewallPort {
  readonly backend: FirewallBackend = 'none';
  inspect(): Promise<FirewallInspection> {
    return Promise.resolve({ available: false, canChange: false, message: NONE, rules: [] });
  }
  apply(): Promise<FirewallChange> {
    return Promise.resolve({ ok: false, reason: 'unavailable', message: NONE });
  }
  remove(): Promise<FirewallChange> {
    return Promise.resolve({ ok: true });
  }
  manualCommand(): null {
    return null;
  }
}
