import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { isChannel } from '../shared/contract/channels';
import { GRANT_PATHS_CHANNEL, OPEN_AUDIENCE_CHANNEL, type BoardPrepBridge } from '../shared/contract/contract';

// Sandboxed preload: exposes the contract's channels, tokens for files the user chose and the audience window, nothing else.
// The page never sends a path: only this isolated world reads them, from File objects the user handed the page.
const bridge = {
  invoke: (channel, input) => {
    if (!isChannel(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: `Unknown channel: ${String(channel)}` } });
    }
    return ipcRenderer.invoke(channel, input);
  },
  grantFiles: (files) => {
    const paths = files.map((f) => webUtils.getPathForFile(f)).filter((p) => p !== '');
    return paths.length === 0 ? Promise.resolve([]) : (ipcRenderer.invoke(GRANT_PATHS_CHANNEL, paths) as Promise<string[]>);
  },
  openAudience: (request) => ipcRenderer.invoke(OPEN_AUDIENCE_CHANNEL, request),
} satisfies BoardPrepBridge;

contextBridge.exposeInMainWorld('boardprep', bridge);
