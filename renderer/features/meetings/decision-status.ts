import type { DecisionPatch, DecisionView } from '../../../shared/domain/meeting';
import { stamp } from './meeting-format';

/** Editing a draft, reading the signed-off record, or amending it. */
export type DecisionMode = 'edit' | 'locked' | 'amend';

export const modeOf = (status: DecisionView['status'], amending: boolean): DecisionMode =>
  status === 'signed' ? (amending ? 'amend' : 'locked') : 'edit';

/** Where the draft stands against what is stored: what the status line says while the decision is edited. */
export interface SaveStatus {
  saving: boolean;
  /** Why the last save was refused, until the next one succeeds. */
  error: string | null;
  /** The draft differs from the saved decision. */
  dirty: boolean;
  /** The draft passes the contract's checks (an invalid draft is not saved by itself). */
  valid: boolean;
}

/** The status line: who signed off (and how often it was amended), or whether what is typed is saved. */
export function decisionStatusText(view: DecisionView, save: SaveStatus): string {
  if (view.status === 'signed') {
    const n = view.amendments.length;
    return `Signed off by ${view.signedOffBy} · ${stamp(view.signedOffAt)}${n ? ` · ${n} amendment${n === 1 ? '' : 's'}` : ''}`;
  }
  if (save.saving) return 'Saving...';
  if (save.error) return `Not saved: ${save.error}`;
  if (save.dirty) return save.valid ? 'Unsaved changes' : 'Not saved yet: finish the highlighted fields';
  if (view.status === 'draft') return `Draft saved${view.updatedAt ? ` · ${stamp(view.updatedAt)}` : ''}`;
  return 'Nothing recorded yet';
}

export function decisionChipText(status: DecisionView['status'], mode: DecisionMode): string {
  if (status === 'signed') return mode === 'amend' ? 'Amending' : 'Locked';
  return status === 'draft' ? 'Draft' : 'New';
}

/** What stops an amendment from being saved: no change, no reason given (who amends is the signed-in user). */
export function amendProblems(changes: DecisionPatch, why: string): string[] {
  return [
    ...(Object.keys(changes).length === 0 ? ['Change at least one field to amend the decision'] : []),
    ...(why.trim() ? [] : ['Say why the decision is amended']),
  ];
}
