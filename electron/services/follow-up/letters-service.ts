import { createHash } from 'node:crypto';
import { localIsoDate } from '../../../shared/dates';
import { displayName } from '../../../shared/domain/case';
import {
  addWorkingDays,
  DEFAULT_LETTER_TARGET_DAYS,
  type LetterEntry,
  type PendingLetters,
  type RecipientKind,
  referrerOnRecord,
} from '../../../shared/domain/follow-up';
import type { Db } from '../../db/open';
import { boardBySlug } from '../boards/boards-sql';
import { DomainError } from '../errors';
import * as meetingsSql from '../meetings/meetings-sql';
import * as sql from './follow-up-sql';

/** Who a letter is for and who produced it (the signed-in user). */
export interface LetterRequest {
  recipient?: string;
  recipientKind: RecipientKind;
  by: { userId: number | null; name: string };
  deidentified: boolean;
}

/**
 * Outcome letters (issue 14 item 10): only for a case whose decision is signed off; each one produced goes into the
 * append-only register (for whom, by whom, when, identified or not, the file and its SHA-256), and the decided
 * cases without a letter are listed against the board's target in working days.
 */
export class LettersService {
  constructor(
    private readonly db: Db,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  /** Refuses the letter for an agenda item whose decision is not signed off, saying why. */
  assertSignedOff(itemId: number): void {
    const d = meetingsSql.decisionOfItem(this.db, itemId);
    if (!d?.signed_off_at) {
      throw new DomainError(
        'refused',
        d
          ? 'No outcome letter yet: the decision for this case is a draft. A letter is written once the decision is signed off.'
          : 'No outcome letter: the board has recorded no decision for this case. A letter is written once the decision is signed off.',
      );
    }
  }

  /** Who the letter goes to unless told: the case's referrer, else its consultant, said as such. */
  defaultRecipient(itemId: number): string {
    const row = sql.defaultRecipientOfItem(this.db, itemId);
    return referrerOnRecord(row?.referrer_name ?? null, row?.consultant_name ?? null);
  }

  /** Writes the register entry for a letter just produced (the file's bytes give its SHA-256). */
  record(itemId: number, req: LetterRequest, file: { name: string; bytes: Buffer }): number {
    return sql.insertLetter(this.db, {
      item_id: itemId,
      recipient: req.recipient?.trim() || this.defaultRecipient(itemId),
      recipient_kind: req.recipientKind,
      produced_at: this.now(),
      produced_by_user_id: req.by.userId,
      produced_by: req.by.name,
      deidentified: req.deidentified ? 1 : 0,
      file_name: file.name,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
    });
  }

  list(): LetterEntry[] {
    return sql.listLetters(this.db).map((r) => ({
      id: r.id,
      itemId: r.item_id,
      meetingId: r.meeting_id,
      meetingTitle: r.meeting_title,
      meetingStartsAt: r.starts_at,
      caseId: r.case_id,
      patientName: displayName({ familyName: r.family_name, givenNames: r.given_names }),
      recipient: r.recipient,
      recipientKind: r.recipient_kind as RecipientKind,
      producedAt: r.produced_at,
      producedBy: r.produced_by,
      deidentified: r.deidentified === 1,
      fileName: r.file_name,
      sha256: r.sha256,
    }));
  }

  /** Signed-off cases with no letter yet, each due its board's letter target in working days after sign-off. */
  pending(board?: string): PendingLetters {
    const today = localIsoDate(new Date(this.now()));
    const targets = new Map<string, number>();
    const targetOf = (slug: string) => {
      if (!targets.has(slug))
        targets.set(slug, boardBySlug(this.db, slug)?.letterTargetDays ?? DEFAULT_LETTER_TARGET_DAYS);
      return targets.get(slug)!;
    };
    const pending = sql
      .signedWithoutLetter(this.db)
      .filter((r) => !board || r.board_type === board)
      .map((r) => {
        const targetDays = targetOf(r.board_type);
        const dueDate = addWorkingDays(localIsoDate(new Date(r.signed_off_at)), targetDays);
        return {
          itemId: r.item_id,
          meetingId: r.meeting_id,
          meetingTitle: r.meeting_title,
          meetingStartsAt: r.starts_at,
          boardType: r.board_type,
          caseId: r.case_id,
          patientName: displayName({ familyName: r.family_name, givenNames: r.given_names }),
          mrn: r.mrn,
          recipient: referrerOnRecord(r.referrer_name, r.consultant_name),
          signedOffAt: r.signed_off_at,
          dueDate,
          targetDays,
          overdue: today > dueDate,
        };
      });
    return { today, pending };
  }
}
