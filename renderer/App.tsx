import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseRecord } from '../shared/domain/case';
import { call } from './api';
import { CaseList } from './features/cases/CaseList';
import { CaseForm } from './features/cases/CaseForm';
import { CasePage } from './features/cases/CasePage';
import { EmptyBoard } from './features/home/EmptyBoard';
import { MeetingsArea } from './features/meetings/MeetingsArea';
import { ChromelessArea } from './features/presenter/ChromelessArea';
import { hrefFor, isChromeless, navigate, useRoute } from './router';
import { useAsync } from './useAsync';

export function App() {
  const route = useRoute();
  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = useCallback(() => setRefreshKey((k) => k + 1), []);
  const { value: info, error } = useAsync(() => call('app:info', {}), [refreshKey]);
  const searchRef = useRef<HTMLInputElement>(null);

  // App shortcuts, the same in Electron and the browser: Ctrl/Cmd+N new case, Ctrl/Cmd+K or / to search.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const typing = e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
      if (mod && e.key.toLowerCase() === 'n' && !e.shiftKey) {
        e.preventDefault();
        navigate({ name: 'new-case' });
      } else if ((mod && e.key.toLowerCase() === 'k') || (e.key === '/' && !typing)) {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onSaved = (record: CaseRecord) => {
    refresh();
    navigate({ name: 'case', id: record.id, tab: 'record' });
  };

  const empty = info?.caseCount === 0;
  // Presenter, audience and print views: the slides or the page alone, no top bar or case list.
  if (isChromeless(route)) return <ChromelessArea route={route} />;
  const meetings = route.name === 'meetings' || route.name === 'new-meeting' || route.name === 'meeting' || route.name === 'decision';
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
            <a href={hrefFor({ name: 'home' })} className={`topnav__link${meetings ? '' : ' topnav__link--on'}`} aria-current={meetings ? undefined : 'page'}>
              Cases
            </a>
            <a href={hrefFor({ name: 'meetings' })} className={`topnav__link${meetings ? ' topnav__link--on' : ''}`} aria-current={meetings ? 'page' : undefined}>
              Meetings
            </a>
          </nav>
        </div>
        <div className="topbar__right">
          {info && (
            <span className="topbar__data" title={`Data folder: ${info.dataDir}`}>
              {info.caseCount} case{info.caseCount === 1 ? '' : 's'} · {info.dataDir}
            </span>
          )}
          <button type="button" className="button button--primary" onClick={() => navigate({ name: 'new-case' })} title="New case (Ctrl+N)">
            New case
          </button>
        </div>
      </header>
      {error && <div className="banner banner--error">{error}</div>}
      {meetings ? (
        <main className="detail detail--wide">
          <MeetingsArea route={route} />
        </main>
      ) : (
        <div className="layout">
          <CaseList ref={searchRef} selectedId={route.name === 'case' ? route.id : undefined} refreshKey={refreshKey} />
          <main className="detail">
            {route.name === 'case' ? (
              <CasePage key={`${route.id}:${refreshKey}`} id={route.id} tab={route.tab} onSaved={onSaved} />
            ) : route.name === 'new-case' ? (
              <CaseForm onSaved={onSaved} onCancel={() => navigate({ name: 'home' })} />
            ) : empty ? (
              <EmptyBoard onLoaded={refresh} />
            ) : info ? (
              <div className="placeholder">
                <h2>Choose a case</h2>
                <p>Pick a case on the left, or press Ctrl+N for a new one. Search finds names, MRNs and diagnoses.</p>
              </div>
            ) : null}
          </main>
        </div>
      )}
    </div>
  );
}
