import { useEffect, useRef } from 'react';
import { formatKeys, shortcutsFor, type Shortcut, type ShortcutHost } from '../../../shared/shortcuts';

/** The `?` dialog: every keyboard shortcut of the app, by area, from the one list in shared/shortcuts.ts. */
export function ShortcutsDialog({ host, mac, onClose }: { host: ShortcutHost; mac: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    // showModal gives focus trapping and Escape-to-close; the dialog's close event tells the app.
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const areas = new Map<string, Shortcut[]>();
  for (const s of shortcutsFor(host)) areas.set(s.area, [...(areas.get(s.area) ?? []), s]);
  return (
    <dialog ref={ref} className="shortcuts" aria-labelledby="shortcuts-title" onClose={onClose}>
      <div className="shortcuts__head">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <button type="button" className="button button--ghost" onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
      {[...areas].map(([area, list]) => (
        <section key={area} className="shortcuts__area">
          <h3>{area}</h3>
          <dl>
            {list.map((s) => (
              <div key={s.id} className="shortcuts__row">
                <dt>
                  {s.keys.map((k, i) => (
                    <span key={i}>
                      {i > 0 && ' or '}
                      <kbd>{formatKeys(k, mac)}</kbd>
                    </span>
                  ))}
                </dt>
                <dd>{s.description}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </dialog>
  );
}
