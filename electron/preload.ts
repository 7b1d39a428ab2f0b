import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { isChannel } from '../shared/contract/channels';
import { OPEN_AUDIENCE_CHANNEL, type BoardPrepBridge } from '../shared/contract/contract';

// Sandboxed preload: exposes the contract's channels, the paths of files the user chose and the audience window, nothing else.
const bridge = {
  invoke: (channel, input) => {
    if (!isChannel(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: `Unknown channel: ${String(channel)}` } });
    }
    return ipcRenderer.invoke(channel, input);
  },
  pathsForFiles: (files) => files.map((f) => webUtils.getPathForFile(f)).filter((p) => p !== ''),
  openAudience: (request) => ipcRenderer.invoke(OPEN_AUDIENCE_CHANNEL, request),
} satisfies BoardPrepBridge;

contextBridge.exposeInMainWorld('boardprep', bridge);
