import { useEffect, useState } from 'react';
import { hrefFor, parseRoute, type Route } from '../shared/routes';

// The routes themselves live in shared/routes.ts (the PDF printer and the presenter window use them too).
export { hrefFor, isChromeless, parseRoute } from '../shared/routes';
export type { CaseTab, MeetingTab, PrintDoc, Route } from '../shared/routes';

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

/** The current screen, following the address's fragment. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
