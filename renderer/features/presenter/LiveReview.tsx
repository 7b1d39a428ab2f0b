import { useQueries } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { Slide } from '../../../shared/deck/model';
import { call } from '../../api';
import { Banner } from '../../components/Banner';
import { readKey, useRead, useReadList } from '../../data/hooks';
import { SeriesWorkspace } from '../imaging/SeriesWorkspace';
import { locateSlice, reviewImages, type SliceAt } from './live-review';
import '../../styles/presenter-live.css';

/**
 * Live review at the board: the case's series in the viewer (scroll, window presets, measure: measurements are
 * saved as in the Imaging tab, under the same rights), opened at the slide's key image. Esc or Back returns to the
 * same slide. The audience window keeps showing the slide meanwhile: the room sees the viewer only if the presenter
 * shares this screen, and nothing moves on the projector while the presenter scrolls.
 */
export function LiveReview({ slide, onBack }: { slide: Slide; onBack: () => void }) {
  const caseId = slide.caseId!;
  const images = reviewImages(slide);
  const [chosen, setChosen] = useState(images[0]?.keyImageId ?? null);
  const keyImages = useRead('keyImages:list', { caseId });
  const studies = useReadList('imaging:studies', { caseId });
  const series = useMemo(
    () =>
      (studies.data?.items ?? []).flatMap((st) => st.series.map((se) => ({ study: st, uid: se.seriesInstanceUid }))),
    [studies.data],
  );
  // Every series' stack (usually a handful; cached with the Imaging tab's), to find the key image's slice.
  const stacks = useQueries({
    queries: series.map((s) => ({
      queryKey: readKey('imaging:stack', { seriesInstanceUid: s.uid }),
      queryFn: () => call('imaging:stack', { seriesInstanceUid: s.uid }),
    })),
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const t = e.target as HTMLElement | null;
      if (t && /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return t.blur();
      e.preventDefault();
      onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);

  const keyImage = keyImages.data?.find((k) => k.id === chosen) ?? null;
  const loaded = stacks.every((q) => q.data);
  const at = useMemo(() => {
    if (!loaded || !keyImage) return null;
    const all = stacks.map((q, i) => ({ seriesUid: series[i].uid, images: q.data!.images }));
    return locateSlice(all, keyImage.sopInstanceUid, keyImage.frame);
  }, [loaded, keyImage, stacks, series]);
  // No key image (or it is not among the stored series): the case's first series, at its first slice.
  const first: SliceAt | null = series[0] ? { seriesUid: series[0].uid, index: 0 } : null;
  const target = !loaded || !keyImages.data ? null : (at ?? first);
  const study = series.find((s) => s.uid === target?.seriesUid)?.study ?? null;
  const error = keyImages.error ?? studies.error ?? stacks.find((q) => q.error)?.error;

  return (
    <div className="live-review" data-testid="live-review">
      <header className="live-review__bar">
        <button type="button" className="pbutton" onClick={onBack} title="Back to the slide (Esc)">
          ← Back to the slide
        </button>
        <div className="live-review__where">
          <strong>Live review</strong> · {slide.title} · the audience still sees the slide
        </div>
      </header>
      <div className="live-review__body">
        {images.length > 1 && (
          <div className="live-review__pick" role="group" aria-label="Key images of the slide">
            {images.map((im, i) => (
              <button
                key={im.keyImageId}
                type="button"
                className={`button${im.keyImageId === chosen ? ' button--primary' : ''}`}
                aria-pressed={im.keyImageId === chosen}
                onClick={() => setChosen(im.keyImageId)}
              >
                Key image {i + 1}
                {im.caption ? `: ${im.caption}` : ''}
              </button>
            ))}
          </div>
        )}
        {error ? (
          <Banner message={{ kind: 'error', text: `The series could not be opened: ${error.message}` }} />
        ) : studies.data && series.length === 0 ? (
          <div className="viewer-empty muted">No imaging is stored for this case.</div>
        ) : target ? (
          <>
            {keyImage && !at && (
              <p className="muted small">The key image is not in a stored series: showing the first series.</p>
            )}
            <SeriesWorkspace
              key={`${target.seriesUid}:${target.index}`}
              caseId={caseId}
              seriesUid={target.seriesUid}
              study={study}
              initialIndex={target.index}
            />
          </>
        ) : (
          <div className="viewer-empty muted">Opening the series...</div>
        )}
      </div>
    </div>
  );
}
