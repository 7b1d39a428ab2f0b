import { parseRoute } from '../../../shared/routes';

/** Where the presenter view starts, and the slide it is on, kept for the browser session (a reload comes back). */

export interface Place {
  key: string;
  index: number;
}

/** The slide asked for in the address (?slide=3, e.g. after switching de-identification), or null. */
export function slideParam(hash: string): number | null {
  const raw = new URLSearchParams(hash.split('?')[1] ?? '').get('slide');
  return raw !== null && /^\d+$/.test(raw) ? Number(raw) : null;
}

/**
 * The address without ?slide=N, once it has been followed: later moves are remembered (rememberPlace), and a reload
 * must come back to the slide on screen, not to the one the address asked for when the view opened.
 */
export function withoutSlideParam(hash: string): string {
  const [path, query = ''] = hash.split('?');
  const params = new URLSearchParams(query);
  params.delete('slide');
  const rest = params.toString();
  return rest ? `${path}?${rest}` : path;
}

const placeKey = (meetingId: number) => `boardprep.present.${meetingId}`;

export function rememberedPlace(meetingId: number): Place | null {
  try {
    const raw = window.sessionStorage.getItem(placeKey(meetingId));
    return raw ? (JSON.parse(raw) as Place) : null;
  } catch {
    return null;
  }
}

export function rememberPlace(meetingId: number, place: Place) {
  try {
    window.sessionStorage.setItem(placeKey(meetingId), JSON.stringify(place));
  } catch {
    /* private mode */
  }
}

/**
 * Where to start: the slide the address asks for, then the slide this tab was on (found by key, as slides may
 * have moved; else at its old position), else the first. Always a slide of the deck.
 */
export function startIndex(slides: readonly { key: string }[], asked: number | null, place: Place | null): number {
  const last = Math.max(0, slides.length - 1);
  if (asked !== null) return Math.min(asked, last);
  if (!place) return 0;
  const at = slides.findIndex((s) => s.key === place.key);
  return at >= 0 ? at : Math.min(place.index, last);
}

/**
 * Whether the presenter view closing at this address ends the presentation: it does unless the address is still
 * this meeting's presenter view (switching de-identification remounts the view; the room keeps its slide).
 */
export function presentationEnds(hash: string, meetingId: number): boolean {
  const route = parseRoute(hash);
  return !(route.name === 'present' && route.id === meetingId);
}
