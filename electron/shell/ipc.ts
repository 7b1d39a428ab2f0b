import { ipcMain } from 'electron';
import { CHANNELS } from '../../shared/contract/channels';
import { dispatch, type DispatchOptions, type HandlerTable, type SessionGate } from '../host/dispatch';

/**
 * Electron IPC transport: one ipcMain handler per contract channel, answering only our own app origin. The page
 * sends its session token as the call's third argument (the preload passes it through).
 */
export function serveOverIpc(
  handlers: HandlerTable,
  gate: SessionGate,
  isTrustedUrl: (url: string) => boolean,
  options: DispatchOptions = {},
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, input: unknown, session: unknown) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url)) {
        return {
          ok: false,
          error: { code: 'refused', message: `Refused ${channel} from ${url || 'an unknown frame'}` },
        };
      }
      const token = typeof session === 'string' && session ? session : undefined;
      return dispatch(handlers, channel, input, { gate, token }, options);
    });
  }
}
