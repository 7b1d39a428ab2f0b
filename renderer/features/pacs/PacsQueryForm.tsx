import { useState, type FormEvent } from 'react';
import { PacsStudyQuery } from '../../../shared/domain/pacs';
import { Field } from '../../components/Field';

/** The query as typed: every field a string ('' is "any"); dates as the date inputs give them. */
export interface QueryDraft {
  patientId: string;
  patientName: string;
  from: string;
  to: string;
  modality: string;
  accession: string;
}
type Key = keyof QueryDraft;

const LABELS: [Key, string, string?][] = [
  ['patientId', 'Patient ID (MRN)'],
  ['patientName', 'Patient name', 'e.g. SMITH^JOHN or SMITH*'],
  ['from', 'Studies from'],
  ['to', 'Studies to'],
  ['modality', 'Modality', 'e.g. CT, MR'],
  ['accession', 'Accession number'],
];

/** The PACS query of the case's panel, prefilled with the patient's MRN; checked by the contract's own schema. */
export function PacsQueryForm({ initial, onSearch }: { initial: QueryDraft; onSearch: (q: PacsStudyQuery) => void }) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});

  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = PacsStudyQuery.safeParse({
      ...draft,
      from: draft.from || null,
      to: draft.to || null,
      modality: draft.modality.toUpperCase(),
    });
    if (!parsed.success) {
      const found: Partial<Record<Key, string>> = {};
      for (const i of parsed.error.issues) found[String(i.path[0]) as Key] ??= i.message;
      return setErrors(found);
    }
    setErrors({});
    onSearch(parsed.data);
  }

  return (
    <form className="pacs-panel__query" aria-label="Query the PACS" onSubmit={submit} noValidate>
      {LABELS.map(([key, label, hint]) => (
        <Field key={key} label={label} error={errors[key]} hint={hint}>
          {(p) => (
            <input
              {...p}
              type={key === 'from' || key === 'to' ? 'date' : 'text'}
              autoComplete="off"
              value={draft[key]}
              onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
            />
          )}
        </Field>
      ))}
      <div>
        <button type="submit" className="button button--primary">
          Search
        </button>
      </div>
    </form>
  );
}
