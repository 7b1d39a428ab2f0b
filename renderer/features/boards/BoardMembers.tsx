import type { DirectoryEntry } from '../../../shared/contract/auth';
import type { BoardMember } from '../../../shared/domain/board';
import { CORE_SPECIALTIES, CORE_SPECIALTY_LABEL } from '../../../shared/domain/meeting';
import { PersonPicker } from '../../components/PersonPicker';
import { memberFrom } from './board-draft';

/**
 * The board's core members and their named cover, per specialty: users from the directory (typed or picked from
 * the list) or named people without an account. Saved as a set with the board.
 */
export function BoardMembers({
  members,
  directory,
  onChange,
}: {
  members: readonly BoardMember[];
  directory: readonly DirectoryEntry[];
  onChange: (members: BoardMember[]) => void;
}) {
  const ordered = CORE_SPECIALTIES.flatMap((s) =>
    members.map((m, i) => ({ m, i })).filter(({ m }) => m.specialty === s),
  );
  return (
    <>
      <table className="board-members" aria-label="Core members and cover">
        <thead>
          <tr>
            <th scope="col">Specialty</th>
            <th scope="col">Name</th>
            <th scope="col">Cover</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ordered.map(({ m, i }) => (
            <tr key={i}>
              <td>{CORE_SPECIALTY_LABEL[m.specialty]}</td>
              <td>
                {m.name}
                {m.userId === null && <span className="muted"> (no account)</span>}
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${m.name} is cover for ${CORE_SPECIALTY_LABEL[m.specialty].toLowerCase()}`}
                  checked={m.isCover}
                  onChange={(e) => onChange(members.map((x, j) => (j === i ? { ...x, isCover: e.target.checked } : x)))}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="button button--ghost"
                  aria-label={`Remove ${m.name}`}
                  onClick={() => onChange(members.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
          {ordered.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                No members yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <PersonPicker
        nameLabel="Member name"
        addLabel="Add member"
        suggestionsFor={() => directory.map((u) => u.displayName)}
        onAdd={({ name, specialty, cover }) => {
          onChange([...members, memberFrom(name, specialty, cover, directory)]);
          return true;
        }}
      />
    </>
  );
}
