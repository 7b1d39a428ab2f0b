import { BrowserWindow, screen, type Display, type IpcMainInvokeEvent, type Rectangle } from 'electron';
import { secureWebPreferences } from './secure-web-preferences';
import { hrefFor } from '../../shared/routes';
import type {
  AudienceRequest as OpenAudienceRequest,
  AudienceResult as OpenAudienceResult,
} from '../../shared/contract/contract';

/**
 * The audience window of presenter mode (issue 5): the slides alone, full screen on the second display, following
 * the presenter view over a BroadcastChannel (same origin, boardprep://app). Electron only, and thin: the renderer
 * route `#/meetings/<id>/audience` does the drawing.
 *
 * It is not a contract channel: the web host has no windows to open, and the handler needs the calling window.
 */

export interface AudienceWindowOptions {
  /** The renderer's origin, e.g. boardprep://app (APP_ORIGIN). */
  appOrigin: string;
  /** The same preload as the main window (the audience reads the deck through the bridge). */
  preload: string;
}

/** One audience window per meeting: opening it again moves the existing one back to the front. */
const open = new Map<number, BrowserWindow>();

/** The display to show the audience on: any display other than the presenter's, else the presenter's own. */
export function audienceDisplay(presenterBounds: Rectangle | null): { display: Display; second: boolean } {
  const displays = screen.getAllDisplays();
  const presenter = presenterBounds ? screen.getDisplayMatching(presenterBounds) : screen.getPrimaryDisplay();
  const other = displays.find((d) => d.id !== presenter.id);
  return other ? { display: other, second: true } : { display: presenter, second: false };
}

export function openAudienceWindow(
  request: OpenAudienceRequest,
  presenter: BrowserWindow | null,
  options: AudienceWindowOptions,
): OpenAudienceResult {
  const { display, second } = audienceDisplay(presenter?.getBounds() ?? null);
  // The presenter's session for the window's own calls; the page moves it out of the address (renderer/web-access.ts).
  const query = request.session ? `?session=${encodeURIComponent(request.session)}` : '';
  const url = `${options.appOrigin}/index.html${query}${hrefFor({ name: 'audience', id: request.meetingId, deidentified: request.deidentified })}`;
  const existing = open.get(request.meetingId);
  if (existing && !existing.isDestroyed()) {
    void existing.loadURL(url);
    existing.setBounds(display.bounds);
    if (second) existing.setFullScreen(true);
    existing.show();
    return { opened: true, display: second ? 'second' : 'primary', message: 'The audience window is open.' };
  }
  const { x, y, width, height } = second ? display.bounds : display.workArea;
  const win = new BrowserWindow({
    x,
    y,
    width: second ? width : Math.round(width * 0.6),
    height: second ? height : Math.round(height * 0.6),
    title: 'BoardPrep: audience',
    backgroundColor: '#000000',
    autoHideMenuBar: true,
    fullscreen: second,
    show: false,
    webPreferences: secureWebPreferences(options.preload),
  });
  open.set(request.meetingId, win);
  win.on('closed', () => open.delete(request.meetingId));
  if (presenter) endWithPresenter(presenter, win);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(url);
  return second
    ? {
        opened: true,
        display: 'second',
        message: `The audience window is on the second display (${display.label || `${width} × ${height}`}).`,
      }
    : {
        opened: true,
        display: 'primary',
        message:
          'Only one display: the audience window opened beside this one. Connect the projector, then open it again.',
      };
}

/**
 * Leaving presenter mode blanks the audience window ("Presentation ended", renderer/features/presenter/AudienceView)
 * over the BroadcastChannel. The presenter's window closing outright may lose that goodbye, and leaves nothing to
 * follow: the audience window closes with it, so no patient stays on the projector.
 */
export function endWithPresenter(presenter: BrowserWindow, audience: BrowserWindow): void {
  const close = () => {
    if (!audience.isDestroyed()) audience.close();
  };
  presenter.once('closed', close);
  audience.once('closed', () => {
    if (!presenter.isDestroyed()) presenter.removeListener('closed', close);
  });
}

function isRequest(value: unknown): value is OpenAudienceRequest {
  const v = value as OpenAudienceRequest | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    Number.isInteger(v.meetingId) &&
    v.meetingId > 0 &&
    typeof v.deidentified === 'boolean' &&
    (v.session === undefined || typeof v.session === 'string')
  );
}

/** The ipcMain.handle listener: only the app's own pages may open it, with a well-formed request. */
export function audienceHandler(options: AudienceWindowOptions & { isTrustedUrl: (url: string) => boolean }) {
  return (event: IpcMainInvokeEvent, request: unknown): OpenAudienceResult => {
    if (!options.isTrustedUrl(event.senderFrame?.url ?? '')) {
      return { opened: false, display: 'primary', message: 'Refused: not a BoardPrep page.' };
    }
    if (!isRequest(request))
      return { opened: false, display: 'primary', message: 'Refused: say which meeting to show.' };
    return openAudienceWindow(request, BrowserWindow.fromWebContents(event.sender), options);
  };
}
