import type { BoardPrepBridge, Channel, InputOf, OutputOf, Result } from '../shared/contract';
import { authHeaders } from './web-access';
import { sessionLost, sessionToken } from './auth/session-token';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser, where the web host's HTTP API is used. */
    boardprep?: BoardPrepBridge;
  }
}

/** Web host transport: same channels over POST /api/<channel>; the token travels in a header (see web-access.ts). */
const webBridge: BoardPrepBridge = {
  async invoke(channel, input, session) {
    let response: Response;
    try {
      response = await fetch(`/api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...authHeaders(),
          ...(session ? { [SESSION_HEADER]: session } : {}),
        },
        body: JSON.stringify(input ?? {}),
        credentials: 'omit',
      });
    } catch (err) {
      return {
        ok: false,
        error: { code: 'internal', message: `BoardPrep is not reachable: ${(err as Error).message}` },
      };
    }
    if (response.status === 401) {
      return {
        ok: false,
        error: {
          code: 'refused',
          message: 'This page has lost its access token: open the address BoardPrep printed when it started.',
        },
      };
    }
    return (await response.json()) as Result<never>;
  },
};

/** The web host reads the session token from this header (electron/host/web.ts SESSION_HEADER). */
const SESSION_HEADER = 'X-BoardPrep-Session';

export async function invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
  const result = await (window.boardprep ?? webBridge).invoke(channel, input, sessionToken());
  // The session ended or locked under the page: the gate (renderer/auth/AuthGate.tsx) shows sign-in or unlock.
  if (!result.ok && (result.error.code === 'signed-out' || result.error.code === 'locked')) sessionLost();
  return result;
}

/** For reads where a failure should surface as an exception to the nearest error display. */
export async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const result = await invoke(channel, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/**
 * For lists: the records that could be shown, and how many could not (records whose stored data does not match the
 * contract are left out by the host and named in its log), so the screen can say so instead of hiding it.
 */
export async function callList<C extends Channel>(
  channel: C,
  input: InputOf<C>,
): Promise<{ items: OutputOf<C>; omitted: number }> {
  const result = await invoke(channel, input);
  if (!result.ok) throw new Error(result.error.message);
  return { items: result.value, omitted: result.omitted ?? 0 };
}
