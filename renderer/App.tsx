import { useEffect, useRef, useState } from 'react';
import type { CaseRecord } from '../shared/domain/case';
import { shortcutKeys, withShortcut, type ShortcutHost } from '../shared/shortcuts';
import type { MenuCommand } from '../shared/contract/contract';
import { Banner, type BannerMessage } from './components/Banner';
import { CaseList } from './features/cases/CaseList';
import { CaseForm } from './features/cases/CaseForm';
import { CasePage } from './features/cases/CasePage';
import { EmptyBoard } from './features/home/EmptyBoard';
import { AdminArea } from './features/admin/AdminArea';
import { MeetingsArea } from './features/meetings/MeetingsArea';
import { ShortcutsDialog } from './features/help/ShortcutsDialog';
import { LeaveGuard } from './components/LeaveGuard';
import { ChromelessArea } from './features/presenter/ChromelessArea';
import { hrefFor, isChromeless, navigate, useRoute } from './router';
import { useRead } from './data/hooks';
import { UserMenu } from './auth/UserMenu';
import { useCan, useMe } from './auth/useCan';
import { ServiceArea } from './features/service/ServiceArea';
import { hasRight, type Right } from '../shared/auth/roles';
import type { ServiceSection } from './router';

/** The service's screens in the top bar, each for the roles with its right (the main process checks anyway). */
const SERVICE_NAV: { section: ServiceSection; label: string; right: Right }[] = [
  { section: 'referrals', label: 'Referrals', right: 'records.read' },
  { section: 'actions', label: 'Actions', right: 'records.read' },
  { section: 'letters', label: 'Letters', right: 'records.read' },
  { section: 'figures', label: 'Figures', right: 'figures.read' },
  { section: 'boards', label: 'Boards', right: 'records.read' },
];

/** The desktop app has the preload bridge; the web host runs in a browser, which keeps some keys for itself. */
const host: ShortcutHost = window.boardprep ? 'desktop' : 'web';
const mac = /Mac|iPhone|iPad/.test(navigator.platform);
const newCaseKeys = shortcutKeys('new-case', host, mac);

export function App() {
  const route = useRoute();
  const routeRef = useRef(route);
  routeRef.current = route;
  const [helpOpen, setHelpOpen] = useState(false);
  const [menuMessage, setMenuMessage] = useState<BannerMessage | null>(null);
  // The case count and data folder; refetched after any write that adds or changes cases (data/channels.ts).
  const { data: info, error } = useRead('app:info', {});
  const searchRef = useRef<HTMLInputElement>(null);
  // Only the screen's courtesy: the main process refuses a case write without the right anyway.
  const canEditCases = useCan('cases.edit');
  const me = useMe();

  // App shortcuts, the same in Electron and the browser (listed in shared/shortcuts.ts): Ctrl/Cmd+N new case,
  // Ctrl/Cmd+K or / to search, ? for the list of shortcuts.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const typing =
        e.target instanceof HTMLElement &&
        (/^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName) || e.target.isContentEditable);
      if (mod && e.key.toLowerCase() === 'n' && !e.shiftKey) {
        e.preventDefault();
        navigate({ name: 'new-case' });
      } else if ((mod && e.key.toLowerCase() === 'k') || (e.key === '/' && !typing)) {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === '?' && !mod && !e.altKey && !typing && !isChromeless(routeRef.current)) {
        e.preventDefault();
        setHelpOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // The desktop menu's commands (electron/shell/menu.ts).
  useEffect(() => {
    const run = (command: MenuCommand) => {
      const r = routeRef.current;
      setMenuMessage(null);
      if (command === 'new-case') navigate({ name: 'new-case' });
      else if (command === 'shortcuts') setHelpOpen(true);
      else if (command === 'search') searchRef.current?.focus();
      else if (command === 'import-imaging') {
        if (r.name === 'case') navigate({ name: 'case', id: r.id, tab: 'imaging' });
        else
          setMenuMessage({
            kind: 'info',
            text: 'Imaging is imported into a case: choose the case, then Import imaging again.',
          });
      } else if (command === 'export-meeting') {
        if (r.name === 'meeting') navigate({ name: 'meeting', id: r.id, tab: 'agenda' });
        else {
          navigate({ name: 'meetings' });
          setMenuMessage({
            kind: 'info',
            text: "Exports are on the meeting's page: choose the meeting, then its Export buttons.",
          });
        }
      }
    };
    return window.boardprep?.onMenuCommand?.(run);
  }, []);

  // The save itself refreshes the list and the case (data/channels.ts); the app only opens the saved case.
  const onSaved = (record: CaseRecord) => navigate({ name: 'case', id: record.id, tab: 'record' }, { saved: true });

  const empty = info?.caseCount === 0;
  // Presenter, audience and print views: the slides or the page alone, no top bar or case list.
  if (isChromeless(route)) return <ChromelessArea route={route} />;
  const meetings =
    route.name === 'meetings' || route.name === 'new-meeting' || route.name === 'meeting' || route.name === 'decision';
  const service = route.name === 'service' ? route.section : route.name === 'new-referral' ? 'referrals' : null;
  const cases = !meetings && !service && route.name !== 'admin';
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true">
            B
          </span>
          <span className="brand__name">BoardPrep</span>
          <span className="brand__board">Sarcoma MDT</span>
          <nav className="topnav" aria-label="Sections">
            <a
              href={hrefFor({ name: 'home' })}
              className={`topnav__link${cases ? ' topnav__link--on' : ''}`}
              aria-current={cases ? 'page' : undefined}
            >
              Cases
            </a>
            <a
              href={hrefFor({ name: 'meetings' })}
              className={`topnav__link${meetings ? ' topnav__link--on' : ''}`}
              aria-current={meetings ? 'page' : undefined}
            >
              Meetings
            </a>
            {SERVICE_NAV.filter((s) => me && hasRight(me.role, s.right)).map((s) => (
              <a
                key={s.section}
                href={hrefFor({ name: 'service', section: s.section })}
                className={`topnav__link${service === s.section ? ' topnav__link--on' : ''}`}
                aria-current={service === s.section ? 'page' : undefined}
              >
                {s.label}
              </a>
            ))}
          </nav>
        </div>
        <div className="topbar__right">
          {info && (
            <span className="topbar__data" title={`Data folder: ${info.dataDir}`}>
              {info.caseCount} case{info.caseCount === 1 ? '' : 's'} · {info.dataDir}
            </span>
          )}
          {canEditCases && (
            <button
              type="button"
              className="button button--primary"
              onClick={() => navigate({ name: 'new-case' })}
              title={withShortcut('New case', 'new-case', host, mac)}
            >
              New case
            </button>
          )}
          <UserMenu />
        </div>
      </header>
      {error && <Banner message={{ kind: 'error', text: error.message }} />}
      <Banner message={menuMessage} />
      {helpOpen && <ShortcutsDialog host={host} mac={mac} onClose={() => setHelpOpen(false)} />}
      <LeaveGuard />
      {route.name === 'admin' ? (
        <main className="detail detail--wide">
          <AdminArea section={route.section} />
        </main>
      ) : route.name === 'service' || route.name === 'new-referral' ? (
        <main className="detail detail--wide">
          <ServiceArea section={route.name === 'service' ? route.section : 'new-referral'} />
        </main>
      ) : meetings ? (
        <main className="detail detail--wide">
          <MeetingsArea route={route} />
        </main>
      ) : (
        <div className="layout">
          <CaseList ref={searchRef} selectedId={route.name === 'case' ? route.id : undefined} />
          <main className="detail">
            {route.name === 'case' ? (
              <CasePage key={route.id} id={route.id} tab={route.tab} onSaved={onSaved} />
            ) : route.name === 'new-case' ? (
              <CaseForm onSaved={onSaved} onCancel={() => navigate({ name: 'home' })} />
            ) : empty ? (
              <EmptyBoard />
            ) : info ? (
              <div className="placeholder">
                <h2>Choose a case</h2>
                <p>
                  Pick a case on the left, or {newCaseKeys ? `press ${newCaseKeys} for` : 'choose New case for'} a new
                  one. Search finds names, MRNs and diagnoses. Press ? for the keyboard shortcuts.
                </p>
              </div>
            ) : null}
          </main>
        </div>
      )}
    </div>
  );
}
