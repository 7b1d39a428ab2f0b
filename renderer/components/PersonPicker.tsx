import { useId, useState, type ReactNode } from 'react';
import { CORE_SPECIALTIES, CORE_SPECIALTY_LABEL, type CoreSpecialty } from '../../shared/domain/meeting';

export interface PickedPerson {
  specialty: CoreSpecialty;
  /** As typed (trimmed): a user's or a board member's name, or a guest's. */
  name: string;
  cover: boolean;
}

/**
 * Adds a person for a core specialty: a user or member picked from the suggestions, or any name typed, as a member
 * or as cover. The board's members and the meeting's attendance register both add people this way. `children` are
 * extra fields of the caller's (the register's arrival time), shown before "As cover".
 */
export function PersonPicker({
  nameLabel,
  addLabel,
  suggestionsFor,
  onAdd,
  busy = false,
  children,
  extraActions,
}: {
  nameLabel: string;
  addLabel: string;
  /** The names offered for the chosen specialty. */
  suggestionsFor: (specialty: CoreSpecialty) => readonly string[];
  /** Answers whether the person was added (the fields are cleared only then). */
  onAdd: (person: PickedPerson) => boolean | Promise<boolean>;
  busy?: boolean;
  children?: ReactNode;
  extraActions?: ReactNode;
}) {
  const uid = useId();
  const [specialty, setSpecialty] = useState<CoreSpecialty>('surgeon');
  const [name, setName] = useState('');
  const [cover, setCover] = useState(false);
  const add = async () => {
    const typed = name.trim();
    if (!typed) return;
    if (await onAdd({ specialty, name: typed, cover })) {
      setName('');
      setCover(false);
    }
  };
  return (
    <div className="board-members__add">
      <div className="field">
        <label htmlFor={`${uid}-specialty`}>Specialty</label>
        <select
          id={`${uid}-specialty`}
          value={specialty}
          onChange={(e) => setSpecialty(e.target.value as CoreSpecialty)}
        >
          {CORE_SPECIALTIES.map((s) => (
            <option key={s} value={s}>
              {CORE_SPECIALTY_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${uid}-name`}>{nameLabel}</label>
        <input
          id={`${uid}-name`}
          list={`${uid}-people`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void add();
            }
          }}
        />
        <datalist id={`${uid}-people`}>
          {suggestionsFor(specialty).map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
      </div>
      {children}
      <label className="boards__checks">
        <input type="checkbox" checked={cover} onChange={(e) => setCover(e.target.checked)} /> As cover
      </label>
      <button type="button" className="button" onClick={() => void add()} disabled={busy}>
        {addLabel}
      </button>
      {extraActions}
    </div>
  );
}
