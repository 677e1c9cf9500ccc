/**
 * The desktop bridge's types live in the contracts (the renderer may import only those); this file
 * re-exports them for the shell and declares the global the preload adds.
 */
import type { DesktopBridge } from '@ark-asa/contracts';

export type { DesktopBridge, DesktopBridgeKey, PickFolderOptions, UpdateStatus } from '@ark-asa/contracts';

declare global {
  interface Window {
    readonly arkDesktop?: DesktopBridge;
  }
}
