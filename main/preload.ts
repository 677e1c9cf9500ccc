/**
 * The preload (sandboxed, so bundled into one CommonJS file that may only require `electron`).
 * It exposes the desktop bridge and nothing else; the main process re-checks the sender's origin
 * on every call, so the bridge is useless to any page that is not the control plane's.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY } from './ipc-channels.ts';
import { createBridge } from './preload-bridge.ts';

contextBridge.exposeInMainWorld(BRIDGE_KEY, createBridge(ipcRenderer));
