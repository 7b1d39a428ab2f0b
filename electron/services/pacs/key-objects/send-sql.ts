import type { Db } from '../../../db/open';
import { writeTransaction } from '../../../db/transaction';

/** A key image of a case with where its source image is (NULL columns: the source is no longer in the store). */
export interface KeyImageSourceRow {
  id: number;
  caption: string;
  frame: number;
  render_path: string;
  created_at: string;
  sop_instance_uid: string;
  sop_class_uid: string | null;
  stored_path: string | null;
  number_of_frames: number | null;
  series_instance_uid: string | null;
  study_instance_uid: string | null;
}

/** The case's key images in their panel order, each with its source instance's file and study. */
export function keyImageSources(db: Db, caseId: number): KeyImageSourceRow[] {
  return db
    .prepare(
      `SELECT k.id, k.caption, k.frame, k.render_path, k.created_at, k.sop_instance_uid,
              i.sop_class_uid, i.stored_path, i.number_of_frames, se.series_instance_uid, st.study_instance_uid
       FROM key_images k
       LEFT JOIN dicom_instances i ON i.sop_instance_uid = k.sop_instance_uid
       LEFT JOIN dicom_series se ON se.id = i.series_id
       LEFT JOIN dicom_studies st ON st.id = se.study_id
       WHERE k.case_id = ?
       ORDER BY k.position, k.id`,
    )
    .all(caseId) as KeyImageSourceRow[];
}

/**
 * The data folder's identity for UIDs: the hash of its first audit entry (sealed once, never changed; a key image
 * is only ever made after some audited write). '' when the log is empty (a fresh folder in a test).
 */
export function installIdentity(db: Db): string {
  const row = db.prepare('SELECT hash FROM audit_log ORDER BY id LIMIT 1').get() as { hash: string | null } | undefined;
  return row?.hash ?? '';
}

export interface NewSendTransfer {
  nodeId: number;
  nodeName: string;
  transport: 'dicomweb' | 'dimse';
  caseId: number;
  studyUid: string;
  seriesUid: string;
  startedAt: string;
}

/** Registers a send to a node (one row per study), running until finishSendTransfer. */
export function insertSendTransfer(db: Db, t: NewSendTransfer): number {
  return writeTransaction(db, () =>
    Number(
      db
        .prepare(
          `INSERT INTO pacs_transfers (node_id, node_name, direction, transport, case_id, study_uid, series_uid, started_at)
           VALUES (?, ?, 'send', ?, ?, ?, ?, ?)`,
        )
        .run(t.nodeId, t.nodeName, t.transport, t.caseId, t.studyUid, t.seriesUid, t.startedAt).lastInsertRowid,
    ),
  );
}

export function finishSendTransfer(
  db: Db,
  id: number,
  end: { status: 'done' | 'cancelled' | 'failed'; files: number; error: string; finishedAt: string },
): void {
  writeTransaction(db, () =>
    db
      .prepare('UPDATE pacs_transfers SET status = ?, files = ?, error = ?, finished_at = ? WHERE id = ?')
      .run(end.status, end.files, end.error, end.finishedAt, id),
  );
}
