import { useState } from 'react';
import type { DecisionHistory as History } from '../../../shared/domain/meeting';
import { useRead } from '../../data/hooks';
import { AmendmentChanges, DecisionRecord } from './DecisionRecord';
import { stamp } from './meeting-format';

/** The history of a signed-off decision (read again after each amendment: see AFTER_WRITE). */
export function DecisionHistory({ itemId }: { itemId: number }) {
  const { data: history } = useRead('decisions:history', { itemId });
  return history && history.entries.length > 0 ? <DecisionHistoryView history={history} /> : null;
}

/** The signed-off original, then each amendment: who, when, why, and only the fields it changed (before → after). */
export function DecisionHistoryView({ history }: { history: History }) {
  const [openOriginal, setOpenOriginal] = useState(false);
  const original = history.entries.find((e) => e.kind === 'signed-off');
  const amended = history.entries.some((e) => e.kind === 'amendment');
  return (
    <section className="dhistory" aria-label="Decision history">
      <h3>History</h3>
      <ol className="dhistory__list">
        {history.entries.map((e, i) => (
          <li key={i} className={`dhistory__entry dhistory__entry--${e.kind}`} data-testid="history-entry">
            <div className="dhistory__head">
              <strong>{e.kind === 'signed-off' ? 'Signed off' : 'Amended'}</strong> by {e.by} · {stamp(e.at)}
            </div>
            {e.why && <div className="dhistory__why">Why: {e.why}</div>}
            {e.kind === 'amendment' && e.before && e.after && <AmendmentChanges before={e.before} after={e.after} />}
          </li>
        ))}
      </ol>
      {original && amended && (
        <div className="dhistory__original">
          <button
            type="button"
            className="button button--small button--ghost"
            aria-expanded={openOriginal}
            onClick={() => setOpenOriginal((o) => !o)}
          >
            {openOriginal ? 'Hide the original' : 'Show the original as signed off'}
          </button>
          {openOriginal && <DecisionRecord value={original.value} label="The original decision" />}
        </div>
      )}
    </section>
  );
}
