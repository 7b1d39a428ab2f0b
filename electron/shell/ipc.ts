import { ipcMain } from 'electron';
import { CHANNELS } from '../../shared/contract/channels';
import { dispatch, type DispatchOptions, type HandlerTable } from '../host/dispatch';

/** Electron IPC transport: one ipcMain handler per contract channel, answering only our own app origin. */
export function serveOverIpc(
  handlers: HandlerTable,
  isTrustedUrl: (url: string) => boolean,
  options: DispatchOptions = {},
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, input: unknown) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url)) {
        return {
          ok: false,
          error: { code: 'refused', message: `Refused ${channel} from ${url || 'an unknown frame'}` },
        };
      }
      return dispatch(handlers, channel, input, options);
    });
  }
}
