import { useEffect, useMemo, useRef, useState } from 'react';
import type { MeetingDeck } from '../../../shared/deck/model';
import { call } from '../../api';
import { framesOf } from '../../slides/frame';
import { SlideView } from '../../slides/SlideView';
import { PrintError } from './PrintArea';
import { PAGE_RULES, usePrintReady } from './print-ready';

/** The meeting deck for PDF: one 1600 x 900 page per slide, agenda slide first, hidden slides left out. */
export function PrintDeck({ meetingId, deidentified }: { meetingId: number; deidentified: boolean }) {
  const [deck, setDeck] = useState<MeetingDeck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    call('deck:get', { meetingId, deidentified }).then(setDeck, (e: Error) => setError(e.message));
  }, [meetingId, deidentified]);
  const frames = useMemo(() => (deck ? framesOf(deck) : []), [deck]);
  usePrintReady(Boolean(deck) || Boolean(error), root);
  useEffect(() => {
    if (deck)
      document.title = `${deck.title} ${deck.startsAt.slice(0, 10)}${deck.deidentified ? ' (de-identified)' : ''}`;
  }, [deck]);
  if (error) return <PrintError message={error} />;
  return (
    <div ref={root} className="print-deck" data-slide-count={deck?.slides.length}>
      <style>{PAGE_RULES.deck}</style>
      {deck?.slides.map((s, i) => (
        <section key={s.key} className="print-slide" data-testid="print-slide" data-slide-key={s.key}>
          <SlideView slide={s} frame={frames[i]} />
        </section>
      ))}
    </div>
  );
}
