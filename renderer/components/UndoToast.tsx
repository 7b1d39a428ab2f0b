import { useCallback, useEffect, useState } from 'react';

/** How long an undo stays offered. */
const OFFER_MS = 12_000;

interface Offer {
  id: number;
  message: string;
  undo: () => Promise<string | void> | string | void;
}

let nextId = 1;

/**
 * Undo for quick removals (a measurement, a lesion): the removal happens at once, and the toast offers to put the
 * record back (re-created from what the screen held). Local to the panel that removed something: no event bus.
 */
export function useUndo() {
  const [offer, setOffer] = useState<Offer | null>(null);
  const offerUndo = useCallback((message: string, undo: Offer['undo']) => {
    setOffer({ id: nextId++, message, undo });
  }, []);
  const toast = offer ? <UndoToast key={offer.id} offer={offer} onDone={() => setOffer(null)} /> : null;
  return { offerUndo, toast };
}

function UndoToast({ offer, onDone }: { offer: Offer; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (error || busy) return;
    const timer = window.setTimeout(onDone, OFFER_MS);
    return () => window.clearTimeout(timer);
  }, [error, busy, onDone]);

  async function undo() {
    setBusy(true);
    try {
      const message = await offer.undo();
      if (message) setError(`Could not undo: ${message}`);
      else onDone();
    } catch (err) {
      setError(`Could not undo: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="undo-toast" role="status">
      <span>{error ?? offer.message}</span>
      {!error && (
        <button type="button" className="button" disabled={busy} onClick={() => void undo()}>
          Undo
        </button>
      )}
      <button type="button" className="button button--ghost" aria-label="Dismiss" onClick={onDone}>
        ×
      </button>
    </div>
  );
}
