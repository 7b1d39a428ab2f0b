// Corner text over the image: position in the stack, window, zoom, and what the measurements are in.
import { formatWindow, formatZoom } from './measure-format';
import type { ViewState } from './types';

export interface ViewerOverlayProps {
  index: number;
  count: number;
  label?: string;
  view: ViewState | null;
  /** "mm", "mm (detector)" or "px"; undefined until an image is shown. */
  unit?: string;
  loading: boolean;
}

export function ViewerOverlay({ index, count, label, view, unit, loading }: ViewerOverlayProps) {
  return (
    <div className="bpv-overlay" aria-hidden="true">
      <div className="bpv-overlay__tl">
        <div data-testid="viewer-slice">
          slice {count ? index + 1 : 0} / {count}
        </div>
        {label && <div>{label}</div>}
      </div>
      <div className="bpv-overlay__bl">
        {view && <div data-testid="viewer-wl">{formatWindow(view.windowCenter, view.windowWidth)}</div>}
        {view && <div data-testid="viewer-zoom">Zoom {formatZoom(view.scale)}</div>}
        {unit && <div data-testid="viewer-unit">Measurements in {unit === 'px' ? 'px (no pixel spacing)' : unit}</div>}
      </div>
      {loading && <div className="bpv-overlay__loading">Loading…</div>}
    </div>
  );
}
