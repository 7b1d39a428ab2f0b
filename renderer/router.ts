import { useEffect, useState } from 'react';

/** Hash routes, so a reload (or the Electron window) lands on the same screen: #/cases/12, #/cases/new. */
export type CaseTab = 'record' | 'clinical' | 'imaging';
export type Route = { name: 'home' } | { name: 'case'; id: number; tab: CaseTab } | { name: 'new-case' };

export function parseRoute(hash: string): Route {
  const m = /^#\/cases\/(\d+)(?:\/(clinical|imaging))?$/.exec(hash);
  if (m) return { name: 'case', id: Number(m[1]), tab: (m[2] as CaseTab | undefined) ?? 'record' };
  if (hash === '#/cases/new') return { name: 'new-case' };
  return { name: 'home' };
}

export function hrefFor(route: Route): string {
  if (route.name === 'case') return `#/cases/${route.id}${route.tab === 'record' ? '' : `/${route.tab}`}`;
  if (route.name === 'new-case') return '#/cases/new';
  return '#/';
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
