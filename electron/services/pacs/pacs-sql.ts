import type { Db } from '../../db/open';
import type { PacsTransport } from '../../../shared/domain/pacs';

/** SQL of the PACS retrieval: what the index holds of a study, and the pacs_transfers register (migration 0012). */

/** Instances the index holds per study UID, for all the UIDs at once. */
export function heldPerStudy(db: Db, studyUids: readonly string[]): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT s.study_instance_uid AS uid, count(i.id) AS n
       FROM dicom_studies s
       JOIN dicom_series se ON se.study_id = s.id
       JOIN dicom_instances i ON i.series_id = se.id
       WHERE s.study_instance_uid IN (SELECT value FROM json_each(?))
       GROUP BY s.study_instance_uid`,
    )
    .all(JSON.stringify(studyUids)) as { uid: string; n: number }[];
  return new Map(rows.map((r) => [r.uid, r.n]));
}

/** Instances the index holds per series UID, for all the UIDs at once. */
export function heldPerSeries(db: Db, seriesUids: readonly string[]): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT se.series_instance_uid AS uid, count(i.id) AS n
       FROM dicom_series se
       JOIN dicom_instances i ON i.series_id = se.id
       WHERE se.series_instance_uid IN (SELECT value FROM json_each(?))
       GROUP BY se.series_instance_uid`,
    )
    .all(JSON.stringify(seriesUids)) as { uid: string; n: number }[];
  return new Map(rows.map((r) => [r.uid, r.n]));
}

/** The SOP Instance UIDs the index holds of a study, and the stored file of one of them (null: none held). */
export function heldInstances(db: Db, studyUid: string): { sops: Set<string>; oneStoredPath: string | null } {
  const rows = db
    .prepare(
      `SELECT i.sop_instance_uid AS sop, i.stored_path AS stored
       FROM dicom_instances i
       JOIN dicom_series se ON se.id = i.series_id
       JOIN dicom_studies s ON s.id = se.study_id
       WHERE s.study_instance_uid = ?`,
    )
    .all(studyUid) as { sop: string; stored: string }[];
  return { sops: new Set(rows.map((r) => r.sop)), oneStoredPath: rows[0]?.stored ?? null };
}

export interface NewTransfer {
  nodeId: number;
  nodeName: string;
  direction: 'retrieve' | 'send';
  transport: PacsTransport;
  caseId: number | null;
  studyUid: string;
  seriesUid: string | null;
  startedAt: string;
}

export function insertTransfer(db: Db, t: NewTransfer): number {
  const info = db
    .prepare(
      `INSERT INTO pacs_transfers (node_id, node_name, direction, transport, case_id, study_uid, series_uid, started_at)
       VALUES (@nodeId, @nodeName, @direction, @transport, @caseId, @studyUid, @seriesUid, @startedAt)`,
    )
    .run(t);
  return Number(info.lastInsertRowid);
}

export interface TransferEnd {
  status: 'done' | 'cancelled' | 'failed';
  files: number;
  error: string;
  importId: number | null;
  finishedAt: string;
}

export function finishTransfer(db: Db, id: number, end: TransferEnd): void {
  db.prepare(
    `UPDATE pacs_transfers SET status = @status, files = @files, error = @error, import_id = @importId,
       finished_at = @finishedAt
     WHERE id = @id AND status = 'running'`,
  ).run({ ...end, id });
}

export interface TransferRow {
  id: number;
  node_name: string;
  direction: 'retrieve' | 'send';
  transport: PacsTransport;
  case_id: number | null;
  study_uid: string;
  series_uid: string | null;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  files: number;
  error: string;
  import_id: number | null;
}

export function getTransfer(db: Db, id: number): TransferRow | undefined {
  return db.prepare('SELECT * FROM pacs_transfers WHERE id = ?').get(id) as TransferRow | undefined;
}
