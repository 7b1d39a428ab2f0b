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
// issue 14: search
import { SearchService } from '../services/search/search-service';

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
  // issue 14: search
  /** Case-list filter options and each user's saved filters. */
  search: SearchService;
}

export function createServices(ctx: AppContext): Services {
  const clinical = createClinicalServices(ctx.db);
  const meetings = createMeetingsServices(ctx.db, { clinical });
  const jobs = new JobRegistry();
  return {
    ctx,
    auth: new AuthService(ctx.db),
    cases: new CasesService(ctx.db),
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
      log: (m, e) => (ctx.log ?? silentLogger).error(m, e),
    }),
    audit: new AuditService(ctx.db),
    // issue 14: search
    search: new SearchService(ctx.db),
  };
}
