// DICOM stack viewer: the one component that drives cornerstone (legacy) for the renderer.
import cornerstone from 'cornerstone-core';
import cornerstoneTools from 'cornerstone-tools';
import {
  forwardRef,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { collectAnnotations, foreignAnnotations, MEASURE_TOOLS, restoreAnnotations } from './annotation-state';
import { captureView } from './capture';
import { ensureCornerstone } from './cornerstone-setup';
import { hasPixelData, isParsed, modalityOf, spacingOf, transferSyntaxOf } from './image-info';
import { emitScheduler } from './emit-scheduler';
import { inImageCache, releaseImages } from './image-cache';
import { fillLimitFor, LoadQueue, nearerThanShown, type Direction } from './load-queue';
import { describeLoadError, errorText } from './load-error';
import { spacingUnitLabel } from '../../shared/imaging/measurement-text';
import { handlePoint, TOOL_NAMES, type MeasureData } from './measure-tools';
import { probePixel, sameProbe, type PixelProbe } from './pixel-probe';
import { matchPreset, presetsFor } from './presets';
import { clampIndex, keyToIndex, wheelStepper } from './slice-navigation';
import type {
  Annotation,
  StackViewerHandle,
  StackViewerProps,
  ToolName,
  ViewerImage,
  ViewState,
  WindowPreset,
} from './types';
import { activateTool, installTools } from './viewer-tools';
import { applyViewState, toViewState } from './view-state';
import { ViewerOverlay } from './ViewerOverlay';
import { ViewerToolbar } from './ViewerToolbar';
import './viewer.css';

export type {
  Annotation,
  MeasurementValues,
  StackViewerHandle,
  StackViewerProps,
  ToolName,
  ViewerCapture,
  ViewerImage,
  ViewState,
  WindowPreset,
} from './types';

type Status =
  { kind: 'loading' } | { kind: 'ready'; imageId: string } | { kind: 'error'; message: string; detail: string };

const LOAD_TIMEOUT_MS = 30_000;
/** While a handle is dragged, the measurements are handed over at most this often (each one is saved). */
const DRAG_EMIT_MS = 150;

function sameView(a: ViewState | null, b: ViewState): boolean {
  return (
    !!a &&
    a.windowCenter === b.windowCenter &&
    a.windowWidth === b.windowWidth &&
    a.invert === b.invert &&
    a.scale === b.scale &&
    a.translation.x === b.translation.x &&
    a.translation.y === b.translation.y
  );
}

/** A measurement created by a click without a drag. */
function isDegenerate(toolName: string, data: MeasureData): boolean {
  const s = handlePoint(data.handles, 'start');
  const e = handlePoint(data.handles, 'end');
  if (toolName === TOOL_NAMES.length) return Math.hypot(e.x - s.x, e.y - s.y) < 1;
  if (toolName === TOOL_NAMES.ellipse) return Math.abs(e.x - s.x) < 1 || Math.abs(e.y - s.y) < 1;
  return false; // Bidirectional discards its own
}

export const StackViewer = forwardRef<StackViewerHandle, StackViewerProps>(function StackViewer(props, ref) {
  const { images, initialIndex = 0, annotations } = props;
  const count = images.length;
  const stackKey = useMemo(() => images.map((im) => im.imageId).join('\n'), [images]);
  const annotationsJson = useMemo(() => JSON.stringify(annotations), [annotations]);

  const wrapperRef = useRef<HTMLDivElement>(null);
  const elementRef = useRef<HTMLDivElement>(null);
  const managerRef = useRef<cornerstoneTools.ToolStateManager | null>(null);
  /** What the tool state currently mirrors, so our own emissions coming back as props are not re-applied. */
  const syncedRef = useRef<{ stackKey: string; json: string } | null>(null);
  const firstDisplayRef = useRef(true);
  /** Loads the stack's slices around the current one (load-queue.ts); one per stack. */
  const queueRef = useRef<LoadQueue | null>(null);
  /** The slice on screen, which lags behind the current one while it loads. */
  const shownIndexRef = useRef<number | null>(null);
  const directionRef = useRef<Direction>(1);
  /** Last mouse position over the image (page coordinates), for the pixel readout. */
  const mouseRef = useRef<{ pageX: number; pageY: number } | null>(null);

  const [enabled, setEnabled] = useState(false);
  const [index, setIndex] = useState(() => clampIndex(initialIndex, count));
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  const [tool, setTool] = useState<ToolName>('wwwc');
  const [view, setView] = useState<ViewState | null>(null);
  const [shown, setShown] = useState<{ modality?: string; unit: string; invert: boolean } | null>(null);
  const [probe, setProbe] = useState<PixelProbe | undefined>(undefined);

  // Event handlers registered once read the latest props and state through this ref.
  const latest = useRef({ props, index, status, stackKey });
  useLayoutEffect(() => {
    latest.current = { props, index, status, stackKey };
  });

  /** Hands the whole current tool state to the app (given the element explicitly while it is being torn down). */
  const emitAnnotations = useCallback((el = elementRef.current, manager = managerRef.current) => {
    if (!el || !manager) return;
    const { props: p, stackKey: key } = latest.current;
    const displayed = cornerstone.getEnabledElement(el).image;
    const all: Annotation[] = [
      ...collectAnnotations(manager, p.images, displayed),
      ...foreignAnnotations(p.images, p.annotations),
    ];
    const json = JSON.stringify(all);
    if (syncedRef.current?.stackKey === key && syncedRef.current.json === json) return;
    syncedRef.current = { stackKey: key, json };
    p.onAnnotationsChange(all);
  }, []);

  const go = useCallback((next: number) => {
    const { props: p, index: current } = latest.current;
    const i = clampIndex(next, p.images.length);
    if (i === current || p.images.length === 0) return;
    directionRef.current = i > current ? 1 : -1;
    latest.current = { ...latest.current, index: i }; // several wheel events may arrive before React re-renders
    setIndex(i);
    p.onIndexChange?.(i);
  }, []);

  // Enable the element once; everything cornerstone attaches to it is torn down with it.
  useEffect(() => {
    const el = elementRef.current;
    const wrapper = wrapperRef.current;
    if (!el || !wrapper) return;
    ensureCornerstone();
    cornerstone.enable(el);
    const manager = installTools(el);
    managerRef.current = manager;
    // Every change schedules one emission of the whole tool state, read when it runs: the last emission is always
    // what is on screen. (Saving from a snapshot taken on one event and skipping later ones stored stale handles.)
    const emits = emitScheduler(() => emitAnnotations(el, manager));
    const reprobe = () => {
      const m = mouseRef.current;
      const next = m ? probePixel(el, m.pageX, m.pageY) : undefined;
      setProbe((prev) => (sameProbe(prev, next) ? prev : next));
    };

    const onRendered = (evt: Event) => {
      const { image, viewport } = (evt as CustomEvent<cornerstone.ImageRenderedDetail>).detail;
      const v = toViewState(viewport);
      setView((prev) => (sameView(prev, v) ? prev : v));
      const { props: p, index: i } = latest.current;
      if (image.imageId === p.images[i]?.imageId) {
        setStatus((s) =>
          s.kind === 'ready' && s.imageId === image.imageId ? s : { kind: 'ready', imageId: image.imageId },
        );
      }
      reprobe(); // the slice (or pan/zoom) changed under a still mouse
    };
    const onCompleted = (evt: Event) => {
      const { toolName, measurementData } = (evt as CustomEvent<cornerstoneTools.MeasurementEventDetail>).detail;
      if (isDegenerate(toolName, measurementData as MeasureData)) {
        cornerstoneTools.removeToolState(el, toolName, measurementData); // emits via MEASUREMENT_REMOVED
        cornerstone.updateImage(el);
        return;
      }
      emits.schedule(0); // after the library finished its own completion work (it may still move handles)
    };
    // Creating, moving a handle, moving a whole measurement or its label: the library reports each step as modified
    // (edits of existing measurements are never "completed").
    const onModified = () => emits.schedule(DRAG_EMIT_MS);
    const onRemoved = () => emits.schedule(0);
    const onMouseMove = (e: MouseEvent) => {
      mouseRef.current = { pageX: e.pageX, pageY: e.pageY };
      reprobe();
    };
    const onMouseLeave = () => {
      mouseRef.current = null;
      setProbe(undefined);
    };
    const wheelStep = wheelStepper();
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const step = wheelStep(e.deltaY, e.deltaMode);
      if (step) go(latest.current.index + step);
    };
    const resize = new ResizeObserver(() => {
      if (cornerstone.getEnabledElement(el).image) cornerstone.resize(el);
    });

    const { EVENTS } = cornerstoneTools;
    el.addEventListener(cornerstone.EVENTS.IMAGE_RENDERED, onRendered);
    el.addEventListener(EVENTS.MEASUREMENT_COMPLETED, onCompleted);
    el.addEventListener(EVENTS.MEASUREMENT_MODIFIED, onModified);
    el.addEventListener(EVENTS.MEASUREMENT_REMOVED, onRemoved);
    el.addEventListener('mousemove', onMouseMove);
    el.addEventListener('mouseleave', onMouseLeave);
    wrapper.addEventListener('wheel', onWheel, { passive: false }); // React's onWheel is passive
    resize.observe(el);
    setEnabled(true);

    return () => {
      resize.disconnect();
      wrapper.removeEventListener('wheel', onWheel);
      el.removeEventListener('mousemove', onMouseMove);
      el.removeEventListener('mouseleave', onMouseLeave);
      el.removeEventListener(cornerstone.EVENTS.IMAGE_RENDERED, onRendered);
      el.removeEventListener(EVENTS.MEASUREMENT_COMPLETED, onCompleted);
      el.removeEventListener(EVENTS.MEASUREMENT_MODIFIED, onModified);
      el.removeEventListener(EVENTS.MEASUREMENT_REMOVED, onRemoved);
      emits.flush(); // a change made just before the viewer closes is still handed over
      cornerstone.disable(el); // cornerstone-tools drops this element's tools on disable
      managerRef.current = null;
      syncedRef.current = null;
      firstDisplayRef.current = true;
      setEnabled(false);
    };
  }, [emitAnnotations, go]);

  useEffect(() => {
    if (enabled && elementRef.current) activateTool(elementRef.current, tool);
  }, [enabled, tool]);

  // A new stack starts again at its initial slice and view.
  const prevStackRef = useRef(stackKey);
  useEffect(() => {
    if (prevStackRef.current === stackKey) return;
    prevStackRef.current = stackKey;
    firstDisplayRef.current = true;
    setIndex(clampIndex(latest.current.props.initialIndex ?? 0, count));
  }, [stackKey, count]);

  // Stored annotations → tool state, unless they are what we last emitted.
  useEffect(() => {
    const el = elementRef.current;
    const manager = managerRef.current;
    if (!enabled || !el || !manager) return;
    if (syncedRef.current?.stackKey === stackKey && syncedRef.current.json === annotationsJson) return;
    const { props: p } = latest.current;
    restoreAnnotations(manager, p.images, p.annotations);
    syncedRef.current = { stackKey, json: annotationsJson };
    if (cornerstone.getEnabledElement(el).image) cornerstone.updateImage(el);
  }, [enabled, stackKey, annotationsJson]);

  /** Puts a loaded slice on screen, keeping the viewport (W/L, zoom, pan) from slice to slice. */
  const present = useCallback((image: cornerstone.Image, i: number) => {
    const el = elementRef.current;
    if (!el) return;
    const { props: p, index: current } = latest.current;
    // A codec can "succeed" with an empty image (e.g. JPEG-LS data labelled as JPEG 2000): that is a failure.
    if (!(image.width > 0 && image.height > 0)) {
      if (i !== current) return;
      const ts = transferSyntaxOf(image.imageId);
      setStatus({
        kind: 'error',
        message: `the image data decoded to an empty picture${ts ? ` (transfer syntax ${ts})` : ''}`,
        detail: '',
      });
      return;
    }
    const shownNow = cornerstone.getEnabledElement(el).image ? cornerstone.getViewport(el) : undefined;
    const viewport =
      firstDisplayRef.current || !shownNow
        ? applyViewState(cornerstone.getDefaultViewportForImage(el, image), p.initialView ?? {})
        : shownNow;
    firstDisplayRef.current = false;
    shownIndexRef.current = i;
    cornerstone.displayImage(el, image, viewport); // IMAGE_RENDERED then marks the current slice ready
    const spacing = spacingOf(image.imageId);
    const next = {
      modality: modalityOf(image.imageId),
      unit: spacingUnitLabel(spacing?.source ?? null),
      invert: image.invert,
    };
    setShown((prev) =>
      prev && prev.modality === next.modality && prev.unit === next.unit && prev.invert === next.invert ? prev : next,
    );
  }, []);

  const fail = useCallback((err: unknown, imageId: string) => {
    console.warn(`[viewer] ${imageId}:`, err);
    const facts = {
      parsed: isParsed(imageId),
      transferSyntax: transferSyntaxOf(imageId),
      hasPixelData: hasPixelData(imageId),
    };
    setStatus({ kind: 'error', message: describeLoadError(err, facts), detail: errorText(err) });
  }, []);

  // One load queue per stack. Whatever loads is shown if it is the current slice, or nearer to it than the slice on
  // screen, so a fast wheel sees the series go by instead of a frozen image. Leaving the stack releases its images.
  useEffect(() => {
    if (!enabled) return;
    const ids = latest.current.props.images.map((im) => im.imageId);
    let sized = false;
    const queue = new LoadQueue({
      count: ids.length,
      load: (i) => cornerstone.loadAndCacheImage(ids[i]),
      inCache: (i) => inImageCache(ids[i]),
      onSettled: (i, outcome) => {
        const current = latest.current.index;
        if (outcome.ok) {
          if (!sized) {
            sized = true;
            queue.setFillLimit(fillLimitFor((outcome.image as cornerstone.Image).sizeInBytes));
          }
          if (nearerThanShown(i, shownIndexRef.current, current)) present(outcome.image as cornerstone.Image, i);
        } else if (i === current) {
          fail(outcome.error, ids[i]);
        }
      },
    });
    queueRef.current = queue;
    shownIndexRef.current = null;
    return () => {
      queue.dispose();
      queueRef.current = null;
      releaseImages(ids);
    };
  }, [enabled, stackKey, present, fail]);

  // The current slice: shown at once when loaded, else asked for first (the queue then loads ahead of it).
  useEffect(() => {
    const el = elementRef.current;
    const queue = queueRef.current;
    if (!enabled || !el || !queue) return;
    const { props: p } = latest.current;
    const entry: ViewerImage | undefined = p.images[index];
    if (!entry) {
      setStatus({ kind: 'error', message: 'there are no images in this series', detail: '' });
      return;
    }
    let cancelled = false;
    setStatus({ kind: 'loading' });
    if (queue.isLoaded(index)) {
      cornerstone.loadAndCacheImage(entry.imageId).then(
        (image) => {
          if (!cancelled) present(image, index);
        },
        (err: unknown) => {
          if (!cancelled) fail(err, entry.imageId);
        },
      );
    }
    queue.setCurrent(index, directionRef.current);
    // The loader can fail without settling (an exception inside a decoder callback): never leave a blank viewport.
    const watchdog = window.setTimeout(() => {
      if (cancelled) return;
      setStatus((s) =>
        s.kind === 'loading'
          ? {
              kind: 'error',
              message: `the image did not finish loading within ${LOAD_TIMEOUT_MS / 1000} s`,
              detail: '',
            }
          : s,
      );
    }, LOAD_TIMEOUT_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(watchdog);
    };
  }, [enabled, stackKey, index, present, fail]);

  const presets = useMemo(() => presetsFor(shown?.modality, props.presets), [shown?.modality, props.presets]);

  const withViewport = useCallback((fn: (vp: cornerstone.Viewport) => cornerstone.Viewport) => {
    const el = elementRef.current;
    if (!el || !cornerstone.getEnabledElement(el).image) return;
    const vp = cornerstone.getViewport(el);
    if (vp) cornerstone.setViewport(el, fn(vp));
  }, []);

  const applyPreset = (p: WindowPreset) =>
    withViewport((vp) => ({ ...vp, voi: { windowCenter: p.windowCenter, windowWidth: p.windowWidth } }));
  const toggleInvert = () => withViewport((vp) => ({ ...vp, invert: !vp.invert }));
  const reset = useCallback(() => {
    const el = elementRef.current;
    if (el && cornerstone.getEnabledElement(el).image) cornerstone.reset(el);
  }, []);

  const deleteHovered = () => {
    const el = elementRef.current;
    if (!el || !cornerstone.getEnabledElement(el).image) return;
    for (const t of MEASURE_TOOLS) {
      const state = cornerstoneTools.getToolState(el, TOOL_NAMES[t]);
      for (const data of [...(state?.data ?? [])])
        if (data.active) cornerstoneTools.removeToolState(el, TOOL_NAMES[t], data);
    }
    cornerstone.updateImage(el);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = keyToIndex(e.key, latest.current.index, count);
    if (target !== undefined) {
      e.preventDefault();
      go(target);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      deleteHovered();
    }
  };

  useImperativeHandle(
    ref,
    () => ({
      async capture() {
        const el = elementRef.current;
        const manager = managerRef.current;
        const { props: p, index: i, status: s } = latest.current;
        const entry = p.images[i];
        if (!el || !manager || !entry || s.kind !== 'ready') throw new Error('No image is displayed to capture');
        return captureView(el, manager, entry, i);
      },
      setTool,
      reset,
    }),
    [reset],
  );

  const current = images[index];
  const presetIndex = view ? matchPreset(presets, view.windowCenter, view.windowWidth) : -1;
  const ready = status.kind === 'ready';
  return (
    <div className="bpv">
      <ViewerToolbar
        tool={tool}
        onTool={setTool}
        presets={presets}
        presetIndex={presetIndex}
        onPreset={applyPreset}
        inverted={!!view && !!shown && view.invert !== shown.invert}
        onInvert={toggleInvert}
        onReset={reset}
        disabled={!ready}
      />
      {/* Not a control: a mouse press anywhere on the viewport gives the focus to the image below. */}
      {/* eslint-disable-next-line jsx-a11y/no-static-element-interactions */}
      <div
        ref={wrapperRef}
        className="bpv-viewport"
        onMouseDown={(e) => {
          // Clicks on the overlay or the error message must not take focus away from the image (keys scroll).
          if (!elementRef.current?.contains(e.target as Node)) e.preventDefault();
          elementRef.current?.focus({ preventScroll: true });
        }}
        onContextMenu={(e) => e.preventDefault()} // right-drag zooms
      >
        {/* role="application" is the interactive widget that takes the slice keys; jsx-a11y counts the role as
            structure, so its two rules below are wrong for this element. */}
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
        <div
          ref={elementRef}
          className="bpv-element"
          data-testid="viewer-canvas"
          data-slice-index={index}
          data-ready={ready ? 'true' : 'false'}
          data-state={status.kind}
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
          tabIndex={0}
          role="application"
          aria-roledescription="image stack"
          aria-label={`Image ${count ? index + 1 : 0} of ${count}. Arrow keys, Page Up/Down, Home and End change the slice.`}
          onKeyDown={onKeyDown}
        />
        {/* Before the overlay, so the slice counter stays visible over the message. */}
        {status.kind === 'error' && (
          <div className="bpv-error" role="alert" data-testid="viewer-error">
            <p>Cannot display this image: {status.message}</p>
            {status.detail &&
              !status.message.includes(status.detail) &&
              !/Content Security Policy/i.test(status.detail) && <p className="bpv-error__detail">{status.detail}</p>}
          </div>
        )}
        <ViewerOverlay
          index={index}
          count={count}
          label={current?.label}
          view={ready ? view : null}
          unit={ready ? shown?.unit : undefined}
          probe={ready ? probe : undefined}
          loading={status.kind === 'loading'}
        />
      </div>
    </div>
  );
});
