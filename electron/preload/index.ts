/**
 * Sandboxed preload (bundled to CommonJS; only 'electron' stays external). It exposes exactly one
 * function on window.frontDesk and never ipcRenderer itself, so the page can reach only the one
 * channel the main process checks and relays to the core.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL } from '../../shared/host-protocol';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld(
  'frontDesk',
  createBridge((request) => ipcRenderer.invoke(IPC_CHANNEL, request)),
);
