// Corner text over the image: position in the stack, window, zoom, what the measurements are in, and the value under
// the mouse.
import { formatPixelValue, formatWindow, formatZoom } from './measure-format';
import type { PixelProbe } from './pixel-probe';
import type { ViewState } from './types';

export interface ViewerOverlayProps {
  index: number;
  count: number;
  label?: string;
  view: ViewState | null;
  /** "mm", "mm (detector)" or "px"; undefined until an image is shown. */
  unit?: string;
  /** The pixel under the mouse; undefined when the mouse is off the image. */
  probe?: PixelProbe;
  loading: boolean;
}

export function ViewerOverlay({ index, count, label, view, unit, probe, loading }: ViewerOverlayProps) {
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
      {probe && (
        <div className="bpv-overlay__br" data-testid="viewer-probe">
          {formatPixelValue(probe.value, probe.unit)} at x {probe.x}, y {probe.y}
        </div>
      )}
      {loading && <div className="bpv-overlay__loading">Loading…</div>}
    </div>
  );
}
