import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { isChannel } from '../shared/contract/channels';
import type { BoardPrepBridge } from '../shared/contract/contract';

// Sandboxed preload: exposes the contract's channels and the paths of files the user chose, nothing else.
const bridge = {
  invoke: (channel, input) => {
    if (!isChannel(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: `Unknown channel: ${String(channel)}` } });
    }
    return ipcRenderer.invoke(channel, input);
  },
  pathsForFiles: (files) => files.map((f) => webUtils.getPathForFile(f)).filter((p) => p !== ''),
} satisfies BoardPrepBridge;

contextBridge.exposeInMainWorld('boardprep', bridge);
