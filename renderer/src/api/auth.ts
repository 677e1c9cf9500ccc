/**
 * The access token, when the manager is exposed on the network. Kept in this browser's local
 * storage (it is a key to the machine: never put it in a URL you share). The Electron window gets
 * its token from the shell and never needs this.
 */
const KEY = 'ark-asa-manager.token';

export function getToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  if (token) localStorage.setItem(KEY, token);
  else localStorage.removeItem(KEY);
  for (const listener of listeners) listener();
}

const listeners = new Set<() => void>();
export function onTokenChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tokens arrive once in the URL fragment (#token=…), from the desktop shell or a link the owner made. */
export function adoptTokenFromHash(): void {
  const match = /(?:^|[#&])token=([^&]+)/.exec(window.location.hash);
  if (!match) return;
  setToken(decodeURIComponent(match[1]!));
  history.replaceState(null, '', window.location.pathname + window.location.search);
}
