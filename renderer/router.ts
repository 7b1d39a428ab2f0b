import { useEffect, useRef, useSyncExternalStore } from 'react';
import { hrefFor, parseRoute, type Route } from '../shared/routes';
import { NavigationGuard } from './navigation-guard';

// The routes themselves live in shared/routes.ts (the PDF printer and the presenter window use them too).
export { hrefFor, isChromeless, parseRoute } from '../shared/routes';
export type { CaseTab, MeetingTab, PrintDoc, Route, ServiceSection } from '../shared/routes';

let theGuard: NavigationGuard | null = null;

/**
 * The one navigation guard of the page (navigation-guard.ts), wired to the address on first use: every hashchange
 * passes through it, links to `#...` are asked about before the browser follows them (so a refused click leaves no
 * history entry), and a reload or closing the window warns while a form is dirty.
 */
export function navigationGuard(): NavigationGuard {
  if (theGuard) return theGuard;
  const guard = new NavigationGuard({
    readHash: () => window.location.hash,
    writeHash: (hash) => {
      window.location.hash = hash;
    },
    restoreHash: (hash) => window.history.pushState(window.history.state, '', hash || window.location.pathname),
  });
  window.addEventListener('hashchange', () => {
    if (guard.onHashChange()) guard.notify();
  });
  document.addEventListener(
    'click',
    (e) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = (e.target as Element | null)?.closest?.('a[href^="#"]');
      if (!link || link.getAttribute('target') || guard.dirtyLabels().length === 0) return;
      e.preventDefault();
      guard.go(link.getAttribute('href') ?? '');
    },
    true,
  );
  window.addEventListener('beforeunload', (e) => {
    if (guard.dirtyLabels().length > 0) e.preventDefault();
  });
  theGuard = guard;
  return guard;
}

/**
 * Goes to `route`, unless the user prefers to stay with unsaved edits (they are asked). `saved: true` is for the
 * navigation that follows a successful save: the form's edits are stored, so nothing is lost.
 */
export function navigate(route: Route, options: { saved?: boolean } = {}): void {
  navigationGuard().go(hrefFor(route), { force: options.saved });
}

/** The current screen, following the address's fragment as far as the guard lets it. */
export function useRoute(): Route {
  const guard = navigationGuard();
  const hash = useSyncExternalStore(guard.subscribe, () => guard.current());
  return parseRoute(hash);
}

/**
 * Registers a form's unsaved edits with the guard: navigating away while `isDirty` asks "Leave without saving?"
 * naming `label`. Read at the moment of navigating, so the latest value counts.
 */
export function useUnsavedGuard(isDirty: boolean, label: string): void {
  const dirty = useRef(isDirty);
  dirty.current = isDirty;
  useEffect(() => navigationGuard().register(label, () => dirty.current), [label]);
}

/** What the leave dialog shows (renderer/components/LeaveGuard.tsx). */
export function usePendingLeave() {
  const guard = navigationGuard();
  const pending = useSyncExternalStore(guard.subscribe, () => guard.getPending());
  return { pending, leave: () => guard.leave(), stay: () => guard.stay() };
}
