import type { AppContext } from './app-context';
import { silentLogger } from './log';
import { ChosenPaths } from './chosen-paths';
import { AuditService } from '../services/audit/audit-service';
import { AuthService } from '../services/auth/auth-service';
import { BackupService } from '../services/backup/backup-service';
import { CasesService } from '../services/cases/cases-service';
import { createClinicalServices, type ClinicalServices } from '../services/clinical';
import { AnnotationsService } from '../services/imaging/annotations-service';
import { KeyImagesService } from '../services/imaging/key-images-service';
import { LesionsService } from '../services/imaging/lesions-service';
import { StudiesService } from '../services/imaging/studies-service';
import { TrackingService } from '../services/imaging/tracking-service';
import { ExportsService } from '../services/export';
import { JobRegistry } from '../services/jobs/job-registry';
import { createMeetingsServices, type MeetingsServices } from '../services/meetings';
// issue 14: figures
import { FiguresService } from '../services/figures/figures-service';
import { BoardsService } from '../services/boards/boards-service';
// issue 14: referrals
import { ReferralsService } from '../services/referrals/referrals-service';
import { localWallTime } from '../../shared/dates';
import { ActionsService } from '../services/follow-up/actions-service';
import { LettersService } from '../services/follow-up/letters-service';
// issue 14: search
import { SearchService } from '../services/search/search-service';
// issue 15: PACS
import { PacsService } from '../services/pacs/pacs-service';

/** Every service, made once per open data folder; handlers and media routes share them. */
export interface Services {
  ctx: AppContext;
  /** Users, secrets and sessions; the dispatcher's gate. */
  auth: AuthService;
  cases: CasesService;
  studies: StudiesService;
  annotations: AnnotationsService;
  keyImages: KeyImagesService;
  lesions: LesionsService;
  /** Lesions tracked across studies and their response (RECIST 1.1, Choi). */
  tracking: TrackingService;
  jobs: JobRegistry;
  clinical: ClinicalServices;
  meetings: MeetingsServices;
  /** What the user chose to import in the desktop app, by token (see chosen-paths.ts). */
  chosenPaths: ChosenPaths;
  /** Deck PDF/PPTX, outcome and minutes exports (jobs). PDFs need a printer: usePdf() once the host knows how to print. */
  exports: ExportsService;
  /** The audit trail: list, verify, CSV, and the openings of records it logs. */
  audit: AuditService;
  /** Backup settings, "Back up now" and the daily run (issue 12). */
  backup: BackupService;
  // issue 14: figures
  /** The service's figures per board and date range (read only). */
  figures: FiguresService;
  // issue 14: boards
  /** Boards as templates of their meetings, and each meeting's attendance register. */
  boards: BoardsService;
  // issue 14: referrals
  /** Referral intake and the triage queue (issue 14 item 6). */
  referrals: ReferralsService;
  // issue 14: actions and letters
  /** Follow-up of the actions of signed-off decisions. */
  actions: ActionsService;
  /** The outcome letter register and the decided cases waiting for a letter. */
  letters: LettersService;
  // issue 14: search
  /** Case-list filter options and each user's saved filters. */
  search: SearchService;
  // issue 15: PACS
  /** PACS nodes, queries, retrievals into a case, key images back to the PACS. */
  pacs: PacsService;
}

export function createServices(ctx: AppContext): Services {
  const clinical = createClinicalServices(ctx.db);
  const meetings = createMeetingsServices(ctx.db, { clinical });
  const jobs = new JobRegistry();
  const cases = new CasesService(ctx.db);
  const letters = new LettersService(ctx.db);
  return {
    ctx,
    auth: new AuthService(ctx.db),
    cases,
    studies: new StudiesService(ctx.db, ctx.dataDir),
    annotations: new AnnotationsService(ctx.db),
    keyImages: new KeyImagesService(ctx.db, ctx.dataDir),
    lesions: new LesionsService(ctx.db),
    tracking: new TrackingService(ctx.db),
    jobs,
    clinical,
    meetings,
    chosenPaths: new ChosenPaths(),
    backup: new BackupService(ctx.db, ctx.dataDir, ctx.version),
    exports: new ExportsService({
      db: ctx.db,
      dataDir: ctx.dataDir,
      meetings,
      jobs,
      letters,
      log: (m, e) => (ctx.log ?? silentLogger).error(m, e),
    }),
    audit: new AuditService(ctx.db),
    // issue 14: figures
    figures: new FiguresService(ctx.db),
    // issue 14: boards
    boards: new BoardsService(ctx.db, meetings.meetings),
    // issue 14: referrals
    referrals: new ReferralsService({
      db: ctx.db,
      cases,
      agenda: meetings.agenda,
      localNow: () => localWallTime(new Date()),
    }),
    // issue 14: actions and letters
    actions: new ActionsService(ctx.db),
    letters,
    // issue 14: search
    search: new SearchService(ctx.db),
    // issue 15: PACS
    pacs: new PacsService({
      db: ctx.db,
      dataDir: ctx.dataDir,
      jobs,
      log: (m, e) => (ctx.log ?? silentLogger).error(m, e),
    }),
  };
}
