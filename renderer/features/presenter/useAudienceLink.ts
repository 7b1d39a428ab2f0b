import { useCallback, useEffect, useRef, useState } from 'react';
import { openAudience } from './audience-window';
import { audienceMessage, CHECK_MS, followIndex, probeStep, type ProbeClock } from './audience-probe';
import { postOnce, useDeckSync } from './deck-sync';
import { presentationEnds } from './presenter-place';

/** What the presenter is told about the audience window; `lost` marks the notice that it went away. */
export interface AudienceNotice {
  ok: boolean;
  text: string;
  lost?: boolean;
}

interface LinkOptions {
  meetingId: number;
  deidentified: boolean;
  slides: readonly { key: string }[] | undefined;
  index: number;
  setIndex: (i: number) => void;
}

/**
 * The link to the audience window (second display in Electron, a second browser window here): it follows every
 * move, a key pressed there moves this view, and the presenter is told when it opens or goes away.
 */
export function useAudienceLink({ meetingId, deidentified, slides, index, setIndex }: LinkOptions) {
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<AudienceNotice | null>(null);
  const clock = useRef<ProbeClock>({ lastSeen: 0, probedAt: 0 });
  const openRef = useRef(open);
  openRef.current = open;

  const lost = useCallback((text: string) => {
    clock.current.lastSeen = 0;
    if (!openRef.current) return;
    setOpen(false);
    setNotice({ ok: false, text, lost: true });
  }, []);

  const slide = slides?.[index];
  const post = useDeckSync(meetingId, (m) => {
    const what = audienceMessage(m, openRef.current);
    if (what === 'ignore') return;
    if (what === 'gone') return lost('The audience window was closed: the slides are no longer shown to the room.');
    clock.current.lastSeen = Date.now();
    if (!openRef.current) {
      setOpen(true);
      setNotice((n) => (n?.lost ? null : n));
    }
    if (!slides) return;
    if (what === 'sync' && slide) post({ type: 'slide', from: 'presenter', key: slide.key, index, deidentified });
    else if (what === 'follow' && m.type === 'slide') setIndex(followIndex(slides, m.key, m.index));
  });

  useEffect(() => {
    const t = setInterval(() => {
      const step = probeStep(openRef.current, clock.current, Date.now());
      clock.current.probedAt = step.probedAt;
      if (step.act === 'ask') post({ type: 'hello', from: 'presenter' });
      else if (step.act === 'gone') lost('The audience window is no longer responding: it was probably closed.');
    }, CHECK_MS);
    return () => clearInterval(t);
  }, [lost]); // eslint-disable-line react-hooks/exhaustive-deps

  // Say hello on opening (also after a reload): an audience window still open answers and is synced again.
  useEffect(() => post({ type: 'hello', from: 'presenter' }), []); // eslint-disable-line react-hooks/exhaustive-deps

  // Every move goes to the audience window.
  useEffect(() => {
    if (slide) post({ type: 'slide', from: 'presenter', key: slide.key, index, deidentified });
  }, [slide?.key, index, deidentified]); // eslint-disable-line react-hooks/exhaustive-deps
  // Leaving presenter mode (Esc, Exit, another screen) or closing this page blanks the audience window: no patient
  // is left on the projector. A reload says goodbye too; the reloaded view's hello brings the slides back.
  useEffect(() => {
    const bye = () => postOnce(meetingId, { type: 'bye', from: 'presenter' });
    window.addEventListener('pagehide', bye);
    return () => {
      window.removeEventListener('pagehide', bye);
      if (presentationEnds(window.location.hash, meetingId)) bye();
    };
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  return {
    open,
    notice,
    dismiss: () => setNotice(null),
    openWindow: () => void openAudience(meetingId, deidentified).then((r) => setNotice({ ok: r.ok, text: r.message })),
  };
}
