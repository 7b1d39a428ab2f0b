import type { DirectoryEntry } from '../../../shared/contract/auth';
import { BOARD_DEFAULTS, type Board, type BoardInput, type BoardMember } from '../../../shared/domain/board';

/** The form's value: the board's input, with the id and version it was read at (null, 0 for a new board). */
export interface BoardDraft {
  id: number | null;
  version: number;
  board: BoardInput;
}

export function draftOf(board: Board | null): BoardDraft {
  if (!board) return { id: null, version: 0, board: { ...BOARD_DEFAULTS, slug: '', name: '' } };
  const { id, version, active: _active, ...input } = board;
  return { id, version, board: input };
}

/** "Sarcoma MDT" -> "sarcoma-mdt": a new board's short name, as the meetings' board type. */
export const slugOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40);

/** A person typed or chosen for a specialty: the directory's user when the name is theirs, else a named guest. */
export function memberFrom(
  name: string,
  specialty: BoardMember['specialty'],
  isCover: boolean,
  directory: readonly DirectoryEntry[],
): BoardMember {
  const user = directory.find((u) => u.displayName.toLowerCase() === name.trim().toLowerCase());
  return { specialty, userId: user?.id ?? null, name: user?.displayName ?? name.trim(), isCover };
}
