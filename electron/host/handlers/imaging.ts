import path from 'node:path';
import { importDicom } from '../../services/dicom/import-service';
import { attachStudy } from '../../services/dicom/patient-match';
import { outcome } from '../../services/dicom/import-outcome';
import { silentLogger } from '../log';
import type { Services } from '../services';
import { removeUpload, uploadDir } from '../uploads';
import type { HandlerSlice } from './slice';

type ImagingChannels =
  | 'imaging:studies'
  | 'imaging:stack'
  | 'imaging:importPaths'
  | 'imaging:importUpload'
  | 'imaging:attachStudy'
  | 'jobs:status'
  | 'jobs:cancel'
  | 'annotations:list'
  | 'annotations:replace'
  | 'keyImages:list'
  | 'keyImages:create'
  | 'keyImages:update'
  | 'keyImages:remove'
  | 'lesions:list'
  | 'lesions:create'
  | 'lesions:update'
  | 'lesions:remove'
  | 'imaging:tracking'
  | 'imaging:setTrackedLesion'
  | 'imaging:setTimepoint';

export function imagingHandlers(services: Services): HandlerSlice<ImagingChannels> {
  const { ctx, studies, annotations, keyImages, lesions, tracking, jobs, cases } = services;
  const log = (m: string, e: unknown) => (ctx.log ?? silentLogger).error(m, e);

  function startImport(
    paths: string[],
    caseId: number | undefined,
    confirmMismatch: boolean,
    showPath: (p: string) => string,
    cleanup?: () => void,
  ) {
    if (caseId !== undefined) cases.get(caseId); // a clear not-found before any work
    const jobId = jobs.start('import', {
      progress: { phase: 'starting', scanned: 0, imported: 0, duplicates: 0, rejected: 0, total: null },
      run: async (control) => {
        try {
          const result = await importDicom(ctx.db, ctx.dataDir, paths, {
            caseId,
            confirmMismatch,
            signal: control.signal,
            onProgress: ({ total, ...counts }) => control.report({ ...counts, total: total || null }),
          });
          return outcome(result, showPath);
        } finally {
          cleanup?.();
        }
      },
      log,
    });
    return { jobId };
  }

  return {
    'imaging:studies': ({ caseId }) => studies.studiesOfCase(caseId),
    'imaging:stack': ({ seriesInstanceUid }) => studies.stack(seriesInstanceUid),
    'imaging:importPaths': ({ chosen, caseId, confirmMismatch }) =>
      startImport(services.chosenPaths.take(chosen), caseId, confirmMismatch, (p) => p),
    'imaging:importUpload': ({ batchId, caseId, confirmMismatch }) => {
      const dir = uploadDir(ctx.dataDir, batchId);
      // Show the user's own relative paths, not the upload folder's.
      return startImport(
        [dir],
        caseId,
        confirmMismatch,
        (p) => path.relative(dir, p) || p,
        () => removeUpload(ctx.dataDir, batchId),
      );
    },
    'imaging:attachStudy': ({ studyInstanceUid, caseId }) => {
      cases.get(caseId);
      attachStudy(ctx.db, studyInstanceUid, caseId);
      return { attached: true as const };
    },
    'jobs:status': ({ jobId }) => jobs.status(jobId),
    'jobs:cancel': ({ jobId }) => jobs.cancel(jobId),
    'annotations:list': ({ caseId, seriesInstanceUid }) => annotations.list(caseId, seriesInstanceUid),
    'annotations:replace': ({ caseId, seriesInstanceUid, annotations: list }) =>
      annotations.replace(caseId, seriesInstanceUid, list),
    'keyImages:list': ({ caseId }) => keyImages.list(caseId),
    'keyImages:create': (input) => keyImages.create(input),
    'keyImages:update': ({ id, caption }) => keyImages.updateCaption(id, caption),
    'keyImages:remove': ({ id }) => (keyImages.remove(id), { removed: true as const }),
    'lesions:list': ({ caseId }) => lesions.list(caseId),
    'lesions:create': ({ caseId, lesion }) => lesions.create(caseId, lesion),
    'lesions:update': ({ id, lesion }) => lesions.update(id, lesion),
    'lesions:remove': ({ id }) => {
      lesions.remove(id);
      return { removed: true as const };
    },
    'imaging:tracking': ({ caseId }) => tracking.view(caseId),
    'imaging:setTrackedLesion': (change) => tracking.setTrackedLesion(change),
    'imaging:setTimepoint': ({ caseId, ...timepoint }, call) =>
      tracking.setTimepoint(caseId, timepoint, call.session?.actor.userId ?? null),
  };
}
