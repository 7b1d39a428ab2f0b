import { useEffect, useState } from 'react';
import type { BackupRun, BackupSettings } from '../../../shared/contract/backup';
import { dateTime } from '../../../shared/dates';
import { Banner, type BannerMessage } from '../../components/Banner';
import { Field } from '../../components/Field';
import { useRead, useWrite } from '../../data/hooks';
import { plainMessage } from '../clinical/clinical-format';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** What "Back up now" did, in words (no ISO dates on screen). */
function runSummary(run: BackupRun): string {
  return (
    `Backed up ${run.cases} cases, ${run.images} images and ${run.renders} key-image renders ` +
    `(${run.files} files, ${megabytes(run.bytes)}) in ${run.seconds} s to ${run.folder}` +
    (run.removed > 0 ? `; ${run.removed} older backup${run.removed === 1 ? '' : 's'} removed.` : '.')
  );
}

/**
 * #/admin/backup: where backups go, how many the daily run keeps, daily on or off, when the last one ran, and
 * "Back up now". Restoring is done from the command line (boardprep restore), into a new data folder.
 */
export function BackupScreen() {
  const settings = useRead('settings:backup', {});
  if (settings.isError) return <Banner message={{ kind: 'error', text: settings.error.message }} />;
  if (!settings.data) return <p role="status">Loading…</p>;
  return <BackupForm saved={settings.data} />;
}

function BackupForm({ saved }: { saved: BackupSettings }) {
  const [dir, setDir] = useState(saved.dir ?? '');
  const [keep, setKeep] = useState(String(saved.keep));
  const [daily, setDaily] = useState(saved.daily);
  const [message, setMessage] = useState<BannerMessage | null>(null);
  const [dirError, setDirError] = useState<string | undefined>();
  const save = useWrite('settings:setBackup');
  const now = useWrite('backup:now');
  useEffect(() => {
    setDir(saved.dir ?? '');
    setKeep(String(saved.keep));
    setDaily(saved.daily);
  }, [saved.dir, saved.keep, saved.daily]);

  const changed = dir.trim() !== (saved.dir ?? '') || Number(keep) !== saved.keep || daily !== saved.daily;

  async function onSave(e: React.FormEvent) {
    e.preventDefault();
    setMessage(null);
    const result = await save.mutateAsync({ dir: dir.trim() === '' ? null : dir.trim(), keep: Number(keep), daily });
    if (result.ok) {
      setDirError(undefined);
      setMessage({ kind: 'success', text: 'Backup settings saved.' });
    } else {
      const text = plainMessage(result.error);
      if (result.error.field === 'dir' || /folder/i.test(text)) setDirError(text);
      setMessage({ kind: 'error', text });
    }
  }

  async function onBackUpNow() {
    setMessage({ kind: 'info', text: 'Backing up…' });
    const result = await now.mutateAsync({});
    setMessage(
      result.ok
        ? { kind: 'success', text: runSummary(result.value) }
        : { kind: 'error', text: plainMessage(result.error) },
    );
  }

  return (
    <section className="admin-backup" aria-labelledby="backup-title">
      <h1 id="backup-title">Backups</h1>
      <p>
        A backup is a dated folder holding the database, every image and key-image render, and a manifest of their
        checksums. Choose a folder on another disk or a network share: a backup next to the data is lost with it.
      </p>
      <p data-testid="last-backup">
        {saved.lastBackupAt
          ? `Last backup: ${dateTime(saved.lastBackupAt)}`
          : 'No backup has been made from this app yet.'}
      </p>
      <form onSubmit={(e) => void onSave(e)} className="form">
        <Field label="Backup folder" error={dirError} hint="The whole path; each backup is a new folder inside it" wide>
          {(props) => <input {...props} type="text" value={dir} onChange={(e) => setDir(e.target.value)} />}
        </Field>
        <Field label="Backups to keep" hint="The daily backup removes older ones beyond this number">
          {(props) => (
            <input {...props} type="number" min={1} max={365} value={keep} onChange={(e) => setKeep(e.target.value)} />
          )}
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={daily} onChange={(e) => setDaily(e.target.checked)} /> Back up every day while
          BoardPrep is running
        </label>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={!changed || save.isPending}>
            Save
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void onBackUpNow()}
            disabled={!saved.dir || changed || now.isPending}
            title={!saved.dir ? 'Save a backup folder first' : changed ? 'Save the settings first' : undefined}
          >
            {now.isPending ? 'Backing up…' : 'Back up now'}
          </button>
        </div>
      </form>
      <Banner message={message} />
      <p className="field__hint">
        To restore, use the command line into a new, empty data folder:{' '}
        <code>boardprep restore --from BACKUPFOLDER --data NEWFOLDER</code> (it checks every file before and after).
      </p>
    </section>
  );
}
