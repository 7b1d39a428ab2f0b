import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { isChannel } from '../../shared/contract/channels';
import {
  GRANT_PATHS_CHANNEL,
  isMenuCommand,
  MENU_COMMAND_CHANNEL,
  OPEN_AUDIENCE_CHANNEL,
  type BoardPrepBridge,
} from '../../shared/contract/contract';

// Sandboxed preload: exposes the contract's channels, tokens for files the user chose, the audience window and the
// menu's commands, nothing else (never ipcRenderer itself). The page never sends a path: only this isolated world
// reads them, from File objects the user handed the page.
const bridge = {
  invoke: (channel, input, session) => {
    if (!isChannel(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown-channel', message: `Unknown channel: ${String(channel)}` },
      });
    }
    return ipcRenderer.invoke(channel, input, session);
  },
  grantFiles: (files) => {
    const paths = files.map((f) => webUtils.getPathForFile(f)).filter((p) => p !== '');
    return paths.length === 0
      ? Promise.resolve([])
      : (ipcRenderer.invoke(GRANT_PATHS_CHANNEL, paths) as Promise<string[]>);
  },
  openAudience: (request) => ipcRenderer.invoke(OPEN_AUDIENCE_CHANNEL, request),
  onMenuCommand: (listener) => {
    const onCommand = (_event: Electron.IpcRendererEvent, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, onCommand);
    return () => void ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, onCommand);
  },
} satisfies BoardPrepBridge;

contextBridge.exposeInMainWorld('boardprep', bridge);
