import { useIsMutating } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Annotation } from '../../../shared/domain/imaging';
import { useRead, useWrite } from '../../data/hooks';

export type SaveState = 'loading' | 'saved' | 'saving' | 'error';

/** Quiet time after the last change before the list is stored: a drag reports many changes, one save is enough. */
export const SAVE_DELAY_MS = 300;

/**
 * A series' measurements as the viewer holds them, stored as they are drawn so nothing is lost if the window closes.
 * The saves of one series run one after another (a serial write): two overlapping ones could otherwise be applied in
 * either order and leave an older list stored while "saved" is shown. The last one made is the one that counts.
 */
export function useAnnotationAutosave(
  caseId: number,
  seriesInstanceUid: string,
  /** Measurements the viewer removed (Delete key), with how to put them back (an undo). */
  onRemoved?: (gone: Annotation[], restore: () => void) => void,
) {
  const [annotations, setAnnotations] = useState<Annotation[] | null>(null);
  const held = useRef<Annotation[] | null>(null);
  const removedCallback = useRef(onRemoved);
  useEffect(() => {
    removedCallback.current = onRemoved;
  });
  const [waiting, setWaiting] = useState(false);
  const serial = `annotations:${caseId}:${seriesInstanceUid}`;
  const save = useWrite('annotations:replace', { serial });
  // A series left and opened again while its last save still runs is read once that save is stored, not before.
  const saving = useIsMutating({
    mutationKey: ['annotations:replace'],
    predicate: (m) => m.options.scope?.id === serial,
  });
  const stored = useRead(
    'annotations:list',
    { caseId, seriesInstanceUid },
    { refetchOnMount: 'always', enabled: annotations === null && saving === 0 },
  );
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const unsent = useRef<Annotation[] | null>(null);

  // The list drawn on is the stored one as read when the series opened (not a cached copy from an earlier visit),
  // then the viewer's own: a refetch after a save must not replace what is being drawn.
  const seed = stored.isFetchedAfterMount ? stored.data : undefined;
  useEffect(() => {
    if (seed && annotations === null) {
      held.current = seed;
      setAnnotations(seed);
    }
  }, [seed, annotations]);

  const { mutate } = save;
  const send = useCallback(() => {
    timer.current = null;
    const next = unsent.current;
    unsent.current = null;
    if (next) mutate({ caseId, seriesInstanceUid, annotations: next });
  }, [mutate, caseId, seriesInstanceUid]);

  const onChange = useCallback(
    (all: Annotation[]) => {
      const before = held.current ?? [];
      held.current = all;
      setAnnotations(all);
      setWaiting(true);
      unsent.current = all;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        send();
        setWaiting(false);
      }, SAVE_DELAY_MS);
      const gone = before.filter((a) => !all.some((b) => b.id === a.id));
      if (gone.length > 0) {
        // Undo puts them back into the list as it is then (other edits made meanwhile are kept), and saves it.
        removedCallback.current?.(gone, () => {
          const now = held.current ?? [];
          onChangeRef.current([...now, ...gone.filter((a) => !now.some((b) => b.id === a.id))]);
        });
      }
    },
    [send],
  );
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });

  // Leaving the series (or the case) with a change not yet sent sends it now rather than dropping it.
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      send();
    },
    [send],
  );

  // The write's state is that of the last save made: a newer change waiting, or any save still running, is "saving".
  const failed = save.isError || save.data?.ok === false;
  const saveState: SaveState =
    annotations === null ? 'loading' : waiting || save.isPending ? 'saving' : failed ? 'error' : 'saved';
  // What the viewer is given to show and edit: null until the stored list is read.
  const viewerProps = annotations === null ? null : { annotations, onAnnotationsChange: onChange };
  return { viewerProps, saveState, loadError: stored.error };
}
