import { EXPORT_KIND_LABEL, type ExportKind } from '../../../shared/contract/exports';
import { dayMonthYear } from '../../../shared/dates';
import { currentActor } from '../../db/actor';
import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { recordEvent } from '../audit/audit-events';

export interface WrittenExport {
  kind: ExportKind;
  meeting: { id: number; title: string; starts_at: string };
  itemId: number | null;
  deidentified: boolean;
  /** The file's name (its folder is the user's business; the name says what it is). */
  name: string;
  bytes: number;
}

/**
 * Logs a written export in the audit trail (issue 12): what (kind, meeting or case on its agenda), the file, whether
 * it carries patient identifiers, and for whom (the actor of the call that started it; a job keeps it).
 */
export function recordExport(db: Db, e: WrittenExport): void {
  const patientId =
    e.itemId === null
      ? null
      : ((db
          .prepare('SELECT c.patient_id FROM agenda_items a JOIN cases c ON c.id = a.case_id WHERE a.id = ?')
          .pluck()
          .get(e.itemId) as number | undefined) ?? null);
  writeTransaction(db, () =>
    recordEvent(db, {
      action: 'export',
      entity: e.itemId === null ? 'meetings' : 'agenda_items',
      entityId: e.itemId ?? e.meeting.id,
      patientId,
      detail:
        `${EXPORT_KIND_LABEL[e.kind]} of “${e.meeting.title}” (${dayMonthYear(e.meeting.starts_at)}), ` +
        `${e.deidentified ? 'de-identified' : 'with patient identifiers'}, written as ${e.name} ` +
        `for ${currentActor().displayName}`,
      facts: {
        kind: e.kind,
        meetingId: e.meeting.id,
        agendaItemId: e.itemId,
        file: e.name,
        bytes: e.bytes,
        deidentified: e.deidentified,
      },
    }),
  );
}
