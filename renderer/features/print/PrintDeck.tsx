import { useEffect, useMemo } from 'react';
import { longDate } from '../../../shared/dates';
import { printDeckInput } from '../../data/early-reads';
import { useRead } from '../../data/hooks';
import { framesOf } from '../../slides/frame';
import { PrintImages } from '../../slides/print-images';
import { SlideView } from '../../slides/SlideView';
import { PrintPage } from './PrintPage';
import { PAGE_RULES } from './print-ready';

/** The meeting deck for PDF: one 1600 x 900 page per slide, agenda slide first, hidden slides left out. */
export function PrintDeck({ meetingId, deidentified }: { meetingId: number; deidentified: boolean }) {
  // Read once: a print view draws the deck as it was when opened (the early read, data/early-reads.ts, is this one).
  const read = useRead('deck:get', printDeckInput(meetingId, deidentified), { staleTime: Infinity });
  const deck = read.data;
  const frames = useMemo(() => (deck ? framesOf(deck) : []), [deck]);
  useEffect(() => {
    if (deck)
      document.title = `${deck.title}, ${longDate(deck.startsAt)}${deck.deidentified ? ' (de-identified)' : ''}`;
  }, [deck]);
  return (
    <PrintPage reads={{ deck: read }} className="print-deck" pageRules={PAGE_RULES.deck}>
      {({ deck }) => (
        <PrintImages.Provider value={true}>
          {deck.slides.map((s, i) => (
            <section key={s.key} className="print-slide" data-testid="print-slide" data-slide-key={s.key}>
              <SlideView slide={s} frame={frames[i]} />
            </section>
          ))}
        </PrintImages.Provider>
      )}
    </PrintPage>
  );
}
