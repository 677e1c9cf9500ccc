import type { DesktopBridge } from '@ark-asa/contracts';

declare global {
  interface Window {
    /** Added by the desktop shell's preload; undefined in a plain browser (a remote PC, `npm run serve`). */
    readonly arkDesktop?: DesktopBridge;
  }
}

/** The desktop bridge when the UI runs inside the desktop app, otherwise undefined. */
export function desktopBridge(): DesktopBridge | undefined {
  return typeof window === 'undefined' ? undefined : window.arkDesktop;
}

/**
 * The steamcmd executable inside a chosen folder. The bridge picks folders only, and the setting
 * holds the executable, so the file name is appended with the folder's own separator.
 */
export function steamcmdIn(folder: string): string {
  const sep = folder.includes('\\') || !folder.startsWith('/') ? '\\' : '/';
  const name = sep === '\\' ? 'steamcmd.exe' : 'steamcmd.sh';
  return `${folder.replace(/[\\/]+$/, '')}${sep}${name}`;
}
