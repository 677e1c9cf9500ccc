import { useEffect, useState } from 'react';
import type { DesktopBridge, UpdateStatus } from '@ark-asa/contracts';

/** The shell's update state, live: the current one on mount, then every change it pushes. */
export function useUpdateStatus(bridge: DesktopBridge | undefined): UpdateStatus | null {
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  useEffect(() => {
    if (!bridge) return;
    let live = true;
    let pushed = false;
    // Subscribe before reading, so a change sent in between is not lost; a slow read must not
    // then overwrite the newer pushed state.
    const off = bridge.onUpdateStatus((s) => {
      pushed = true;
      if (live) setStatus(s);
    });
    bridge
      .updateStatus()
      .then((s) => {
        if (live && !pushed) setStatus(s);
      })
      .catch(() => undefined);
    return () => {
      live = false;
      off();
    };
  }, [bridge]);
  return status;
}
