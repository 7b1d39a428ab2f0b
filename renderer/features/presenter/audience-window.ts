import { hrefFor } from '../../router';
import { sessionToken } from '../../auth/session-token';

export interface AudienceOpened {
  ok: boolean;
  message: string;
}

export async function openAudience(meetingId: number, deidentified: boolean): Promise<AudienceOpened> {
  const bridge = window.boardprep;
  if (bridge?.openAudience) {
    try {
      const r = await bridge.openAudience({ meetingId, deidentified, session: sessionToken() });
      return { ok: r.opened, message: r.message };
    } catch (err) {
      return { ok: false, message: `The audience window did not open: ${(err as Error).message}` };
    }
  }
  const url = `${window.location.pathname}${window.location.search}${hrefFor({ name: 'audience', id: meetingId, deidentified })}`;
  const w = window.open(url, `boardprep-audience-${meetingId}`, 'popup,width=1280,height=720');
  if (!w)
    return {
      ok: false,
      message: 'The browser blocked the audience window: allow pop-ups for this address, then try again.',
    };
  return {
    ok: true,
    message: 'Audience window opened: move it to the projector and make it full screen (F11, or F in the window).',
  };
}
