import { Fragment, useState, type FormEvent } from 'react';
import '../../styles/audit.css';
import {
  AUDIT_EVENTS,
  AUDIT_ROW_ACTIONS,
  type AuditEntry,
  type AuditFilter,
  type AuditVerification,
} from '../../../shared/contract/audit';
import { fieldChanges, shortValue } from '../../../shared/audit/changes';
import { dateTime } from '../../../shared/dates';
import { useRead, useWrite } from '../../data/hooks';

const PAGE = 50;

/** How the trail names what an entry is about: the table's rows as a person calls them. */
const ENTITY_LABELS: Record<string, string> = {
  patients: 'Patient',
  cases: 'Case',
  case_events: 'Timeline event',
  case_plans: 'Plan',
  staging_inputs: 'Staging',
  pathology_reports: 'Pathology report',
  readiness_ticks: 'Work-up tick',
  ready_overrides: 'Ready override',
  dicom_studies: 'Imaging study',
  key_images: 'Key image',
  annotations: 'Measurement',
  lesions: 'Lesion',
  meetings: 'Meeting',
  agenda_items: 'Agenda item',
  deck_edits: 'Slide edit',
  decisions: 'Decision',
  decision_amendments: 'Amendment',
  users: 'User',
  app_settings: 'Settings',
  session: 'Session',
  audit_log: 'Audit trail',
};
const entityLabel = (entity: string) => ENTITY_LABELS[entity] ?? entity;

const ACTION_LABELS: Record<string, string> = {
  create: 'Created',
  change: 'Changed',
  delete: 'Deleted',
  open: 'Opened',
  export: 'Exported',
  import: 'Imported',
  'sign-in': 'Signed in',
  'sign-in-failed': 'Failed sign-in',
  'sign-out': 'Signed out',
  lock: 'Locked',
  unlock: 'Unlocked',
  detach: 'Detached',
  purge: 'Purged',
  backup: 'Backup',
  restore: 'Restore',
  verify: 'Verified chain',
};
const actionLabel = (action: string) => ACTION_LABELS[action] ?? action;

type Filter = Pick<AuditFilter, 'patient' | 'user' | 'action' | 'from' | 'to'>;
const EMPTY: Filter = {};

/** Only what was filled in: an empty field filters nothing. */
function cleaned(form: FormData): Filter {
  const f: Record<string, string> = {};
  for (const key of ['patient', 'user', 'action', 'from', 'to'] as const) {
    const v = String(form.get(key) ?? '').trim();
    if (v) f[key] = v;
  }
  return f as Filter;
}

/** The short "what changed" of an entry: the fields a change touched, or what an event says. */
function summary(e: AuditEntry): string {
  if (e.action === 'change') {
    const changes = fieldChanges(e.before, e.after);
    const shown = changes
      .slice(0, 2)
      .map((c) => `${c.field}: ${shortValue(c.before, 30)} → ${shortValue(c.after, 30)}`);
    return `${shown.join('; ')}${changes.length > 2 ? `; and ${changes.length - 2} more` : ''}`;
  }
  if (e.action === 'create') return `${fieldChanges(null, e.after).length} fields set`;
  if (e.action === 'delete') return 'the row as it was is kept';
  return e.detail;
}

/**
 * The audit trail for administrators (issue 12): every change with its before and after, every opened record,
 * export, import and sign-in, filtered by patient, user, action and days; the chain verified on demand; the
 * filtered entries saved as CSV. Times are local, as shared/dates writes them.
 */
export function AuditScreen() {
  const [filter, setFilter] = useState<Filter>(EMPTY);
  // Older pages: the ids each page starts before (newest first); empty = the newest page.
  const [pages, setPages] = useState<number[]>([]);
  const beforeId = pages[pages.length - 1];
  const list = useRead('audit:list', { ...filter, beforeId, limit: PAGE });
  const verify = useWrite('audit:verify');
  const csv = useWrite('audit:csv');
  const [csvMessage, setCsvMessage] = useState<string | null>(null);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFilter(cleaned(new FormData(event.currentTarget)));
    setPages([]);
  }

  async function exportCsv() {
    setCsvMessage(null);
    const answer = await csv.mutateAsync(filter);
    if (!answer.ok) return setCsvMessage(answer.error.message);
    const url = URL.createObjectURL(new Blob([answer.value.csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = answer.value.fileName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setCsvMessage(`Saved ${answer.value.rows} entries as ${answer.value.fileName}`);
  }

  const verified = verify.data;
  return (
    <section className="audit" aria-labelledby="audit-title">
      <h1 id="audit-title">Audit trail</h1>
      <form className="audit__filters" onSubmit={apply} aria-label="Filter the audit trail">
        <div className="field">
          <label htmlFor="audit-patient">Patient (MRN or name)</label>
          <input id="audit-patient" name="patient" defaultValue={filter.patient ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="audit-user">User</label>
          <input id="audit-user" name="user" defaultValue={filter.user ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <select id="audit-action" name="action" defaultValue={filter.action ?? ''}>
            <option value="">Any</option>
            {[...AUDIT_ROW_ACTIONS, ...AUDIT_EVENTS].map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" name="from" type="date" defaultValue={filter.from ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To</label>
          <input id="audit-to" name="to" type="date" defaultValue={filter.to ?? ''} />
        </div>
        <div className="audit__buttons">
          <button type="submit" className="button button--primary">
            Filter
          </button>
          <button
            type="reset"
            className="button button--ghost"
            onClick={() => {
              setFilter(EMPTY);
              setPages([]);
            }}
          >
            Clear
          </button>
        </div>
      </form>

      <div className="audit__tools">
        <button type="button" className="button" disabled={verify.isPending} onClick={() => verify.mutate({})}>
          {verify.isPending ? 'Verifying…' : 'Verify chain'}
        </button>
        <button type="button" className="button" disabled={csv.isPending} onClick={() => void exportCsv()}>
          Export CSV
        </button>
        <div role="status" className="audit__status">
          {verified && <VerifyResult answer={verified} />}
          {csvMessage && <span>{csvMessage}</span>}
        </div>
      </div>

      {list.error ? (
        <p role="alert" className="field__error">
          {list.error.message}
        </p>
      ) : !list.data ? (
        <p className="muted">Loading…</p>
      ) : list.data.entries.length === 0 ? (
        <p className="muted">No entries match.</p>
      ) : (
        <AuditTable entries={list.data.entries} />
      )}

      <nav className="audit__pages" aria-label="Pages of the audit trail">
        <button
          type="button"
          className="button button--small"
          disabled={pages.length === 0}
          onClick={() => setPages(pages.slice(0, -1))}
        >
          Newer
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={!list.data?.nextBeforeId}
          onClick={() => list.data?.nextBeforeId && setPages([...pages, list.data.nextBeforeId])}
        >
          Older
        </button>
      </nav>
    </section>
  );
}

function VerifyResult({
  answer,
}: {
  answer: { ok: true; value: AuditVerification } | { ok: false; error: { message: string } };
}) {
  if (!answer.ok) return <span className="field__error">{answer.error.message}</span>;
  const v = answer.value;
  if (v.ok) return <span className="audit__intact">Chain intact: {v.entries} entries verified.</span>;
  const b = v.firstBroken!;
  const e = b.entry;
  return (
    <span className="audit__broken">
      Chain broken at entry {b.id}
      {e &&
        ` (${dateTime(e.at)}, ${actionLabel(e.action).toLowerCase()} ${entityLabel(e.entity)} ${e.entityId ?? ''} by ${e.actor})`}
      : {b.reason}.
    </span>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const [open, setOpen] = useState<Set<number>>(new Set());
  const toggle = (id: number) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <table className="audit__table">
      <caption className="visually-hidden">Audit entries, newest first</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">Workstation</th>
          <th scope="col">Action</th>
          <th scope="col">What</th>
          <th scope="col">Changes</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <Fragment key={e.id}>
            <tr>
              <td className="nowrap">{dateTime(e.at)}</td>
              <td>
                {e.actorName ?? e.actor}
                {e.actorName && <span className="muted small"> ({e.actor})</span>}
              </td>
              <td>{e.workstation}</td>
              <td>{actionLabel(e.action)}</td>
              <td>
                {entityLabel(e.entity)}
                {e.entityId !== null && ` ${e.entityId}`}
                {e.patient && (
                  <span className="audit__patient">
                    {' '}
                    · {e.patient.name} (MRN {e.patient.mrn})
                  </span>
                )}
              </td>
              <td>
                <button
                  type="button"
                  className="audit__toggle"
                  aria-expanded={open.has(e.id)}
                  aria-controls={`audit-detail-${e.id}`}
                  onClick={() => toggle(e.id)}
                >
                  <span className="visually-hidden">
                    {open.has(e.id) ? 'Hide' : 'Show'} entry {e.id}:{' '}
                  </span>
                  {summary(e) || '—'}
                </button>
              </td>
            </tr>
            {open.has(e.id) && (
              <tr id={`audit-detail-${e.id}`} className="audit__detail">
                <td colSpan={6}>
                  <EntryDetail entry={e} />
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}

function EntryDetail({ entry: e }: { entry: AuditEntry }) {
  const changes =
    e.action === 'create' || e.action === 'change' || e.action === 'delete' ? fieldChanges(e.before, e.after) : [];
  return (
    <div>
      <p className="small">
        Entry {e.id}
        {e.sessionId !== null && `, session ${e.sessionId}`}
        {e.detail && ` — ${e.detail}`}
      </p>
      {changes.length > 0 && (
        <table className="audit__fields">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.field}>
                <th scope="row">{c.field}</th>
                <td>{shortValue(c.before, 400)}</td>
                <td>{shortValue(c.after, 400)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {changes.length === 0 && e.after && <pre className="audit__facts">{JSON.stringify(e.after, null, 2)}</pre>}
    </div>
  );
}
