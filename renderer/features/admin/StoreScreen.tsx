import { useState } from 'react';
import { dayMonthYear } from '../../../shared/dates';
import { formatPersonName } from '../../../shared/domain/imaging';
import type { UnattachedStudy } from '../../../shared/contract/reversible';
import { Banner } from '../../components/Banner';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useRead, useWrite } from '../../data/hooks';

/** "1.4 MB": sizes as a file manager shows them. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let n = bytes;
  let u = 0;
  while (n >= 1000 && u < units.length - 1) {
    n /= 1000;
    u += 1;
  }
  return u === 0 ? `${n} bytes` : `${n.toFixed(n < 10 ? 1 : 0)} ${units[u]}`;
}

const describe = (s: UnattachedStudy) =>
  [s.studyDate ? dayMonthYear(s.studyDate) : 'no study date', s.modalities.join('/'), s.description ?? 'no description']
    .filter(Boolean)
    .join(' · ');

/**
 * The image store (administrator): the studies attached to no case (another patient's studies a CD brought, a study
 * detached or left unattached), and their purge: index rows and store files removed, audited, final.
 */
export function StoreScreen() {
  const { data: studies, error } = useRead('imaging:unattached', {});
  const purge = useWrite('imaging:purge');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ kind: 'saved' | 'error'; text: string } | null>(null);

  const list = studies ?? [];
  const selected = list.filter((s) => chosen.has(s.studyInstanceUid));
  const bytes = selected.reduce((n, s) => n + s.bytes, 0);
  const images = selected.reduce((n, s) => n + s.imageCount, 0);
  const toggle = (uid: string) =>
    setChosen((c) => {
      const next = new Set(c);
      if (next.has(uid)) next.delete(uid);
      else next.add(uid);
      return next;
    });

  return (
    <section aria-labelledby="store-title">
      <h1 id="store-title">Image store</h1>
      <p className="muted">
        Studies attached to no case: the other patients&apos; studies on an imported CD, and studies detached from a
        case or left unattached. Purging removes them from the index and their files from the image store.
      </p>
      {error && <Banner message={{ kind: 'error', text: `The studies could not be listed: ${error.message}` }} />}
      <Banner message={message} />
      {studies && list.length === 0 && <p role="status">Every study in the store is attached to a case.</p>}
      {list.length > 0 && (
        <>
          <table className="store-table">
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Choose all"
                    checked={selected.length === list.length}
                    onChange={(e) => setChosen(new Set(e.target.checked ? list.map((s) => s.studyInstanceUid) : []))}
                  />
                </th>
                <th scope="col">Patient (DICOM)</th>
                <th scope="col">Study</th>
                <th scope="col">Images</th>
                <th scope="col">Size</th>
                <th scope="col">Imported</th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.studyInstanceUid}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Choose ${describe(s)}`}
                      checked={chosen.has(s.studyInstanceUid)}
                      onChange={() => toggle(s.studyInstanceUid)}
                    />
                  </td>
                  <td>
                    {formatPersonName(s.dicomPatientName) ?? 'no name'}{' '}
                    <span className="muted">(ID {s.dicomPatientId ?? 'none'})</span>
                  </td>
                  <td>{describe(s)}</td>
                  <td>{s.imageCount}</td>
                  <td>{formatBytes(s.bytes)}</td>
                  <td>{dayMonthYear(s.importedAt.slice(0, 10))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="store-actions">
            <label>
              Reason for the purge (kept in the audit trail)
              <input value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
            </label>
            <button
              type="button"
              className="button button--danger"
              disabled={selected.length === 0 || reason.trim() === ''}
              onClick={() => setConfirming(true)}
            >
              Purge {selected.length === 1 ? '1 study' : `${selected.length} studies`}...
            </button>
          </div>
        </>
      )}
      {confirming && (
        <ConfirmDialog
          title={`Purge ${selected.length === 1 ? '1 study' : `${selected.length} studies`}?`}
          confirmLabel="Purge"
          danger
          onConfirm={async () => {
            const r = await purge.mutateAsync({
              studyInstanceUids: selected.map((s) => s.studyInstanceUid),
              reason: reason.trim(),
            });
            if (!r.ok) return r.error.message;
            setConfirming(false);
            setChosen(new Set());
            setReason('');
            setMessage({
              kind: 'saved',
              text: `Purged ${r.value.purged === 1 ? '1 study' : `${r.value.purged} studies`}; ${r.value.filesRemoved} files removed from the store.`,
            });
          }}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {images} images ({formatBytes(bytes)}) of these studies will be deleted from the index, and their files from
            the image store (files another study still uses stay):
          </p>
          <ul>
            {selected.map((s) => (
              <li key={s.studyInstanceUid}>
                {formatPersonName(s.dicomPatientName) ?? 'no name'} (ID {s.dicomPatientId ?? 'none'}): {describe(s)}
              </li>
            ))}
          </ul>
          <p>
            <strong>This cannot be undone.</strong> The purge is recorded in the audit trail with your reason.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
