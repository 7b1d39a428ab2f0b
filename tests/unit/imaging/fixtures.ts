import { openDatabase, type Db } from '../../../electron/db/open';
import { CasesService } from '../../../electron/services/cases/cases-service';
import { importDicom } from '../../../electron/services/dicom/import-service';
import { CaseInput } from '../../../shared/domain/case';
import { caseInput } from '../helpers/case-input';
import { CT_SERIES } from '../../fixtures';
import { tempDataDir } from '../helpers/temp';

export { CT_SERIES };

/** A data folder with one case and the real 37-slice CT attached to it. */
export async function caseWithCt(): Promise<{
  db: Db;
  dataDir: string;
  caseId: number;
  seriesUid: string;
  sops: string[];
}> {
  const dataDir = tempDataDir();
  const db = openDatabase(dataDir);
  const caseId = new CasesService(db).create(CaseInput.parse(caseInput())).id;
  await importDicom(db, dataDir, [CT_SERIES], { caseId, confirmMismatch: true });
  const seriesUid = db.prepare('SELECT series_instance_uid FROM dicom_series').pluck().get() as string;
  const sops = db
    .prepare('SELECT sop_instance_uid FROM dicom_instances ORDER BY instance_number')
    .pluck()
    .all() as string[];
  return { db, dataDir, caseId, seriesUid, sops };
}

/** The smallest valid PNG (1x1), for render uploads. */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
