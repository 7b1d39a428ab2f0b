import { contextBridge, ipcRenderer } from 'electron';
import { isChannel } from '../shared/contract/channels';
import type { BoardPrepBridge } from '../shared/contract/contract';

// Sandboxed preload: exposes one function that can reach the contract's channels and nothing else.
const bridge = {
  invoke: (channel, input) => {
    if (!isChannel(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: `Unknown channel: ${String(channel)}` } });
    }
    return ipcRenderer.invoke(channel, input);
  },
} satisfies BoardPrepBridge;

contextBridge.exposeInMainWorld('boardprep', bridge);
