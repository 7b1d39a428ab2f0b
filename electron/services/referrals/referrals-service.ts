import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { BOARD_DEFAULTS, cutoffOf, type Board, type ReferralDatasetField } from '../../../shared/domain/board';
import { CaseInput, displayName } from '../../../shared/domain/case';
import { boardTypeLabel } from '../../../shared/domain/meeting';
import {
  Referral,
  type ReferralFields,
  type ReferralMeeting,
  type ReferralUrgency,
  type ReferralStatus,
} from '../../../shared/domain/referral';
import { REFERRAL_DATASET_LABEL } from '../../../shared/domain/board';
import { dateTime } from '../../../shared/dates';
import { boardBySlug } from '../boards/boards-sql';
import type { CasesService } from '../cases/cases-service';
import { DomainError } from '../errors';
import type { AgendaService } from '../meetings/agenda-service';
import * as sql from './referrals-sql';

/** What the case says where the referral left a required case field out (the triage list names it as missing). */
export const NOT_GIVEN = 'Not given in the referral';

/** How many upcoming meetings a referral in triage offers (this one, the next, and two more). */
const CHOICES = 4;

type BoardRule = Pick<Board, 'slug' | 'name' | 'dataset' | 'cutoffDaysBefore' | 'cutoffTime'>;

export interface ReferralsDeps {
  db: Db;
  cases: CasesService;
  agenda: AgendaService;
  /** Row stamps, ISO 8601 UTC. */
  now?: () => string;
  /** The board's local wall clock 'YYYY-MM-DDTHH:MM': when a referral is received, compared with cut-offs. */
  localNow: () => string;
}

/**
 * Referral intake and triage (issue 14 item 6). A referral creates a draft case and waits in triage; it is meant for
 * the board's next meeting and flagged late when it came after that meeting's cut-off (the meeting's own
 * submission cut-off, else the board's rule). The coordinator accepts it onto a meeting of the board (this one as
 * a late addition, or a later one), which puts the case on that agenda, or declines it with a reason. An
 * incomplete referral (the board's minimum dataset not all given) is accepted only when the coordinator confirms
 * it; otherwise it is sent back (declined, the reason saying what is missing).
 */
export class ReferralsService {
  private readonly now: () => string;

  constructor(private readonly deps: ReferralsDeps) {
    this.now = deps.now ?? (() => new Date().toISOString());
  }

  private get db() {
    return this.deps.db;
  }

  /** The board's rule; a board type with no board set up uses the defaults (BOARD_DEFAULTS). */
  board(slug: string): BoardRule {
    return boardBySlug(this.db, slug) ?? { ...BOARD_DEFAULTS, slug, name: boardTypeLabel(slug) };
  }

  private slot(board: BoardRule, m: sql.MeetingSlotRow): ReferralMeeting {
    return {
      id: m.id,
      title: m.title,
      startsAt: m.starts_at,
      cutoff: m.submission_cutoff ?? cutoffOf(board, m.starts_at),
    };
  }

  /** A meeting's referral cut-off under the board's rule (its own submission cut-off first). */
  slotCutoff(slug: string, m: sql.MeetingSlotRow): string {
    return this.slot(this.board(slug), m).cutoff;
  }

  /** The board's minimum dataset and its next meeting, for the referral form. */
  boardInfo(slug: string) {
    const board = this.board(slug);
    const localNow = this.deps.localNow();
    const next = sql.upcomingMeetings(this.db, slug, localNow, 1)[0];
    const nextMeeting = next ? this.slot(board, next) : null;
    return {
      boardSlug: board.slug,
      boardName: board.name,
      dataset: board.dataset,
      nextMeeting,
      lateNow: nextMeeting !== null && localNow > nextMeeting.cutoff,
    };
  }

  list(status?: ReferralStatus): Referral[] {
    const boards = new Map<string, BoardRule>();
    const boardOf = (slug: string) => {
      if (!boards.has(slug)) boards.set(slug, this.board(slug));
      return boards.get(slug)!;
    };
    return sql.listReferralRows(this.db, status ?? null).map((r) => this.view(r, boardOf(r.board_slug)));
  }

  get(id: number): Referral {
    const row = sql.getReferralRow(this.db, id);
    if (!row) throw new DomainError('not-found', `Referral ${id} does not exist`);
    return this.view(row, this.board(row.board_slug));
  }

  /** The board's minimum dataset fields this referral does not give, in the board's order. */
  static missing(board: Pick<Board, 'dataset'>, dataset: Record<string, string | undefined>): ReferralDatasetField[] {
    return board.dataset.filter((f) => !dataset[f]?.trim());
  }

  private view(r: sql.ReferralListRow, board: BoardRule): Referral {
    const dataset = JSON.parse(r.dataset_json) as Record<string, string>;
    const meetingRow = r.meeting_id !== null ? sql.meetingSlot(this.db, r.meeting_id) : undefined;
    const choices =
      r.status === 'triage'
        ? sql.upcomingMeetings(this.db, r.board_slug, this.deps.localNow(), CHOICES).map((m) => this.slot(board, m))
        : [];
    return Referral.parse({
      id: r.id,
      boardSlug: r.board_slug,
      boardName: board.name,
      caseId: r.case_id,
      patientName:
        r.family_name !== null ? displayName({ familyName: r.family_name, givenNames: r.given_names ?? '' }) : '',
      mrn: r.mrn ?? '',
      referrerName: r.referrer_name,
      referrerContact: r.referrer_contact,
      referringHospital: r.referring_hospital,
      receivedAt: r.received_at,
      urgency: r.urgency as ReferralUrgency,
      question: r.question,
      dataset,
      missing: ReferralsService.missing(board, dataset),
      status: r.status as ReferralStatus,
      meeting: meetingRow ? this.slot(board, meetingRow) : null,
      late: r.late === 1,
      choices,
      decidedAt: r.decided_at,
      declineReason: r.decline_reason,
      version: r.version,
    });
  }

  /** A new referral: its case (a new patient, or a new episode of one on record) and its place in triage. */
  create(input: ReferralFields): Referral {
    const board = this.board(input.boardSlug);
    const receivedAt = this.deps.localNow();
    const d = input.dataset;
    const extra = [
      d['imaging-available'] ? `Imaging: ${d['imaging-available']}` : '',
      d['histology-available'] ? `Histology: ${d['histology-available']}` : '',
    ].filter(Boolean);
    const fields = CaseInput.parse({
      patient: input.patient,
      consultantName: input.referrerName,
      consultantContact: input.referrerContact,
      referringHospital: input.referringHospital,
      tumourSite: d['tumour-site']?.trim() || NOT_GIVEN,
      siteChapter: input.siteChapter,
      workingDiagnosis: d['working-diagnosis']?.trim() || NOT_GIVEN,
      clinicalHistory: [d['clinical-history'] ?? '', ...extra].filter(Boolean).join('\n\n'),
      boardQuestion: input.question,
      episodeKind: input.episodeKind,
      ecog: d.ecog ? Number(d.ecog) : null,
      patientKnowledge: d['patient-aware'] ?? '',
      status: 'draft',
    });
    const id = writeTransaction(this.db, () => {
      const record = this.deps.cases.create(fields, input.patientId);
      const meant = sql.upcomingMeetings(this.db, board.slug, receivedAt, 1)[0];
      const late = meant !== undefined && receivedAt > this.slot(board, meant).cutoff;
      return sql.insertReferral(
        this.db,
        {
          board_slug: board.slug,
          case_id: record.id,
          referrer_name: input.referrerName,
          referrer_contact: input.referrerContact,
          referring_hospital: input.referringHospital,
          received_at: receivedAt,
          urgency: input.urgency,
          question: input.question,
          dataset_json: JSON.stringify(Object.fromEntries(Object.entries(d).filter(([, v]) => v?.trim()))),
          meeting_id: meant?.id ?? null,
          late: late ? 1 : 0,
        },
        this.now(),
      );
    });
    return this.get(id);
  }

  private assertInTriage(id: number, version: number): sql.ReferralListRow {
    const row = sql.getReferralRow(this.db, id);
    if (!row) throw new DomainError('not-found', `Referral ${id} does not exist`);
    if (row.status !== 'triage') {
      throw new DomainError('refused', `This referral was already ${row.status} (${dateTime(row.decided_at)})`);
    }
    if (row.version !== version) {
      throw new DomainError('conflict', 'This referral was changed elsewhere since you opened it. Reload to see it.');
    }
    return row;
  }

  /**
   * Accepts the referral onto a meeting of its board: the case goes on that meeting's agenda. An incomplete
   * referral needs `confirmIncomplete` (the refusal names what is missing).
   */
  accept(
    input: { id: number; version: number; meetingId: number; confirmIncomplete: boolean },
    userId: number | null,
  ): Referral {
    writeTransaction(this.db, () => {
      const row = this.assertInTriage(input.id, input.version);
      const board = this.board(row.board_slug);
      const meeting = sql.meetingSlot(this.db, input.meetingId);
      if (!meeting) throw new DomainError('not-found', `Meeting ${input.meetingId} does not exist`, 'meetingId');
      if (meeting.board_type !== row.board_slug) {
        throw new DomainError(
          'refused',
          `${meeting.title} is a meeting of another board: this referral is to the ${board.name} board`,
          'meetingId',
        );
      }
      const missing = ReferralsService.missing(board, JSON.parse(row.dataset_json) as Record<string, string>);
      if (missing.length > 0 && !input.confirmIncomplete) {
        throw new DomainError(
          'refused',
          `This referral is incomplete (missing: ${missing.map((f) => REFERRAL_DATASET_LABEL[f]).join('; ')}): confirm to accept it as it is, or send it back`,
          'confirmIncomplete',
        );
      }
      if (row.case_id === null) throw new DomainError('refused', "This referral's case no longer exists");
      this.deps.agenda.add(meeting.id, [row.case_id]);
      this.decide(row, { status: 'accepted', meeting_id: meeting.id, decline_reason: '' }, userId);
    });
    return this.get(input.id);
  }

  /** Declines (or sends back) the referral with a reason; its untouched draft case is closed. */
  decline(input: { id: number; version: number; reason: string }, userId: number | null): Referral {
    const reason = input.reason.trim();
    if (!reason) {
      throw new DomainError('invalid-input', 'Give the reason for declining (the referrer is told it)', 'reason');
    }
    writeTransaction(this.db, () => {
      const row = this.assertInTriage(input.id, input.version);
      this.decide(row, { status: 'declined', meeting_id: null, decline_reason: reason }, userId);
      if (row.case_id !== null) sql.closeDraftCase(this.db, row.case_id, this.now());
    });
    return this.get(input.id);
  }

  private decide(
    row: sql.ReferralRow,
    d: { status: 'accepted' | 'declined'; meeting_id: number | null; decline_reason: string },
    userId: number | null,
  ): void {
    const ok = sql.decideReferral(
      this.db,
      { id: row.id, version: row.version, decided_by_user_id: userId, ...d },
      this.now(),
    );
    if (!ok) throw new DomainError('conflict', 'This referral was changed elsewhere since you opened it.');
  }
}
