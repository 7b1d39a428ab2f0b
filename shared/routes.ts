/**
 * The renderer's hash routes, in one place: the renderer navigates with them, the PDF printer loads the print views
 * by them and the presenter window opens the audience view by them. Plain strings in and out: no React, no DOM.
 * Hash routes, so a reload (or the Electron window) lands on the same screen: #/cases/12, #/cases/new.
 */

export type CaseTab = 'record' | 'clinical' | 'imaging';
/** A meeting's screens: the agenda, its details form, and the deck editor. */
export type MeetingTab = 'agenda' | 'details' | 'slides';
/**
 * The print views the PDF export loads (no app chrome): the deck, one case's outcome, the minutes, and the
 * circulation documents (issue 14): the A4 agenda and the pre-meeting pack (agenda plus one page per case).
 */
export const PRINT_DOCS = ['meeting', 'outcome', 'minutes', 'agenda', 'pack'] as const;
export type PrintDoc = (typeof PRINT_DOCS)[number];
/**
 * The service's screens around the meetings (issue 14): boards and their templates, the referral triage queue,
 * actions across meetings, the outcome-letter register, and the service's figures.
 */
export const SERVICE_SECTIONS = ['boards', 'referrals', 'actions', 'letters', 'figures'] as const;
export type ServiceSection = (typeof SERVICE_SECTIONS)[number];
/**
 * The administration screens (issue 12): users, security settings, the audit trail, the image store, backups; and
 * the PACS nodes (issue 15).
 */
export const ADMIN_SECTIONS = ['users', 'security', 'audit', 'store', 'backup', 'pacs'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];
export type Route =
  | { name: 'home' }
  | { name: 'case'; id: number; tab: CaseTab }
  | { name: 'new-case' }
  | { name: 'meetings' }
  | { name: 'new-meeting' }
  | { name: 'meeting'; id: number; tab: MeetingTab }
  | { name: 'decision'; meetingId: number; itemId: number }
  | { name: 'present'; id: number; deidentified: boolean }
  | { name: 'audience'; id: number; deidentified: boolean }
  /** `to`: whom an outcome letter is for, as the letter names them (the export sets it; see letters). */
  | { name: 'print'; doc: PrintDoc; id: number; deidentified: boolean; to?: string }
  | { name: 'admin'; section: AdminSection }
  | { name: 'service'; section: ServiceSection }
  | { name: 'new-referral' };

const MEETING_TAB_PATH: Record<MeetingTab, string> = { agenda: '', details: '/edit', slides: '/slides' };

/** The screen an address's fragment names ('#/cases/12/imaging'); anything unknown is the home screen. */
export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.split('?', 2);
  const deidentified = new URLSearchParams(query).get('deidentified') === '1';
  let m = /^#\/cases\/(\d+)(?:\/(clinical|imaging))?$/.exec(path);
  if (m) return { name: 'case', id: Number(m[1]), tab: (m[2] as CaseTab | undefined) ?? 'record' };
  if (path === '#/cases/new') return { name: 'new-case' };
  if (path === '#/meetings' || path === '#/meetings/') return { name: 'meetings' };
  if (path === '#/meetings/new') return { name: 'new-meeting' };
  m = /^#\/meetings\/(\d+)(?:\/(edit|slides))?$/.exec(path);
  if (m)
    return {
      name: 'meeting',
      id: Number(m[1]),
      tab: m[2] === 'edit' ? 'details' : m[2] === 'slides' ? 'slides' : 'agenda',
    };
  m = /^#\/meetings\/(\d+)\/decisions\/(\d+)$/.exec(path);
  if (m) return { name: 'decision', meetingId: Number(m[1]), itemId: Number(m[2]) };
  m = /^#\/meetings\/(\d+)\/(present|audience)$/.exec(path);
  if (m) return { name: m[2] as 'present' | 'audience', id: Number(m[1]), deidentified };
  m = /^#\/print\/([a-z]+)\/(\d+)$/.exec(path);
  if (m && !(PRINT_DOCS as readonly string[]).includes(m[1])) m = null;
  const to = new URLSearchParams(query).get('to');
  if (m) return { name: 'print', doc: m[1] as PrintDoc, id: Number(m[2]), deidentified, ...(to ? { to } : {}) };
  m = /^#\/admin\/([a-z]+)$/.exec(path);
  if (m && (ADMIN_SECTIONS as readonly string[]).includes(m[1]))
    return { name: 'admin', section: m[1] as AdminSection };
  if (path === '#/referrals/new') return { name: 'new-referral' };
  m = /^#\/service\/([a-z]+)$/.exec(path);
  if (m && (SERVICE_SECTIONS as readonly string[]).includes(m[1]))
    return { name: 'service', section: m[1] as ServiceSection };
  return { name: 'home' };
}

/** The route's path, as it stands after the '#' ('/print/meeting/5?deidentified=1'). */
export function routePath(route: Route): string {
  const deid = (r: { deidentified: boolean }) => (r.deidentified ? '?deidentified=1' : '');
  switch (route.name) {
    case 'case':
      return `/cases/${route.id}${route.tab === 'record' ? '' : `/${route.tab}`}`;
    case 'new-case':
      return '/cases/new';
    case 'meetings':
      return '/meetings';
    case 'new-meeting':
      return '/meetings/new';
    case 'meeting':
      return `/meetings/${route.id}${MEETING_TAB_PATH[route.tab]}`;
    case 'decision':
      return `/meetings/${route.meetingId}/decisions/${route.itemId}`;
    case 'present':
    case 'audience':
      return `/meetings/${route.id}/${route.name}${deid(route)}`;
    case 'print': {
      const query = new URLSearchParams(route.deidentified ? { deidentified: '1' } : {});
      if (route.to) query.set('to', route.to);
      return `/print/${route.doc}/${route.id}${query.size ? `?${query}` : ''}`;
    }
    case 'admin':
      return `/admin/${route.section}`;
    case 'service':
      return `/service/${route.section}`;
    case 'new-referral':
      return '/referrals/new';
    case 'home':
      return '/';
  }
}

/** The link to a screen: its fragment ('#/cases/12'), for an href or to follow an origin's /index.html. */
export function hrefFor(route: Route): string {
  return `#${routePath(route)}`;
}

/** True for screens drawn without the top bar and case list (presenter, audience and print views). */
export function isChromeless(route: Route): boolean {
  return route.name === 'present' || route.name === 'audience' || route.name === 'print';
}
