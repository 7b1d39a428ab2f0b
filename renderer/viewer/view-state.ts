// ViewState (the app's) ⇄ cornerstone viewport.
import type cornerstone from 'cornerstone-core';
import type { ViewState } from './types';

export function toViewState(vp: cornerstone.Viewport): ViewState {
  return {
    windowCenter: vp.voi.windowCenter,
    windowWidth: vp.voi.windowWidth,
    invert: vp.invert,
    scale: vp.scale,
    translation: { x: vp.translation.x, y: vp.translation.y },
  };
}

/** `base` with the given ViewState fields applied. */
export function applyViewState(base: cornerstone.Viewport, view: Partial<ViewState>): cornerstone.Viewport {
  return {
    ...base,
    voi: {
      windowCenter: view.windowCenter ?? base.voi.windowCenter,
      windowWidth: view.windowWidth ?? base.voi.windowWidth,
    },
    invert: view.invert ?? base.invert,
    scale: view.scale ?? base.scale,
    translation: view.translation ? { ...view.translation } : { ...base.translation },
  };
}
