import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../../db/open';
import { DomainError } from '../../errors';
import { keyObjectSelection, type SelectedImage } from './key-object-selection';
import { pngToRgb, SECONDARY_CAPTURE, secondaryCapture } from './secondary-capture';
import { installIdentity, keyImageSources, type KeyImageSourceRow } from './send-sql';
import { readSourceHeader, type SourceHeader } from './source-header';
import { koInstanceUid, koSeriesUid, scInstanceUid, scSeriesUid } from './uids';

export interface WrittenObject {
  sopInstanceUid: string;
  bytes: Uint8Array;
}

/** What goes to the PACS for one source study: its key images as Secondary Captures and one KOS selecting them. */
export interface StudyKeyObjects {
  studyUid: string;
  /** The "BoardPrep key images" series of the Secondary Captures. */
  seriesUid: string;
  keyObjectSeriesUid: string;
  secondaryCaptures: WrittenObject[];
  keyObject: WrittenObject;
}

/** A key image ready to write: its row, where it sits in the case's list, and its source on disk. */
interface Located {
  row: KeyImageSourceRow & { stored_path: string; sop_class_uid: string; study_instance_uid: string };
  instanceNumber: number;
  png: Buffer;
}

const quoted = (caption: string) => (caption.trim() ? ` ("${caption.trim()}")` : '');

function locate(dataDir: string, row: KeyImageSourceRow, index: number): Located {
  const name = `Key image ${index + 1}${quoted(row.caption)}`;
  if (
    row.stored_path === null ||
    row.sop_class_uid === null ||
    row.study_instance_uid === null ||
    !existsSync(path.join(dataDir, row.stored_path))
  )
    throw new Error(`${name} cannot be sent: its source image ${row.sop_instance_uid} is no longer in the image store`);
  const pngPath = path.join(dataDir, row.render_path);
  if (!existsSync(pngPath))
    throw new Error(`${name} cannot be sent: its rendered picture is missing; save the key image again`);
  return {
    row: row as Located['row'],
    instanceNumber: index + 1,
    png: readFileSync(pngPath),
  };
}

/**
 * Writes the case's key images as DICOM objects, grouped by source study. Nothing is sent here; `onWritten` counts
 * each object written. Throws DomainError when the case has no key images, and a plain Error naming the key image
 * whose source image or render is gone.
 */
export function buildKeyObjects(
  db: Db,
  dataDir: string,
  caseId: number,
  onWritten: () => void = () => {},
): StudyKeyObjects[] {
  const rows = keyImageSources(db, caseId);
  if (rows.length === 0) throw new DomainError('invalid-input', 'This case has no key images to send');
  const located = rows.map((row, i) => locate(dataDir, row, i));
  const install = installIdentity(db);

  const byStudy = new Map<string, Located[]>();
  for (const k of located) {
    const list = byStudy.get(k.row.study_instance_uid) ?? [];
    list.push(k);
    byStudy.set(k.row.study_instance_uid, list);
  }

  return [...byStudy].map(([studyUid, keyImages]) => {
    const seriesUid = scSeriesUid(install, studyUid);
    const headers = new Map<string, SourceHeader>();
    const headerOf = (file: string) => {
      const header = headers.get(file) ?? readSourceHeader(path.join(dataDir, file));
      headers.set(file, header);
      return header;
    };
    const selected: SelectedImage[] = [];
    const secondaryCaptures = keyImages.map(({ row, instanceNumber, png }) => {
      const frames = row.number_of_frames ?? 1;
      const sopInstanceUid = scInstanceUid(install, {
        keyImageId: row.id,
        sourceSopUid: row.sop_instance_uid,
        frame: row.frame,
        pngSha256: createHash('sha256').update(png).digest('hex'),
        caption: row.caption,
      });
      const bytes = secondaryCapture({
        source: {
          header: headerOf(row.stored_path),
          sopClassUid: row.sop_class_uid,
          sopInstanceUid: row.sop_instance_uid,
          frame: row.frame,
          frames,
        },
        seriesUid,
        sopInstanceUid,
        instanceNumber,
        comments: row.caption,
        image: pngToRgb(png),
        createdAt: row.created_at,
      });
      onWritten();
      selected.push(
        {
          sopClassUid: row.sop_class_uid,
          sopInstanceUid: row.sop_instance_uid,
          seriesUid: row.series_instance_uid!,
          frameNumber: frames > 1 ? row.frame + 1 : undefined,
        },
        { sopClassUid: SECONDARY_CAPTURE, sopInstanceUid, seriesUid },
      );
      return { sopInstanceUid, bytes };
    });

    const koSop = koInstanceUid(
      install,
      studyUid,
      secondaryCaptures.map((s) => s.sopInstanceUid),
    );
    const keyObjectSeriesUid = koSeriesUid(install, studyUid);
    const keyObject = {
      sopInstanceUid: koSop,
      bytes: keyObjectSelection({
        header: headerOf(keyImages[0].row.stored_path),
        studyUid,
        seriesUid: keyObjectSeriesUid,
        sopInstanceUid: koSop,
        images: selected,
        description: keyImages.map((k) => `${k.instanceNumber}. ${k.row.caption.trim() || 'Key image'}`).join('\n'),
        createdAt: keyImages
          .map((k) => k.row.created_at)
          .sort()
          .at(-1)!,
      }),
    };
    onWritten();
    return { studyUid, seriesUid, keyObjectSeriesUid, secondaryCaptures, keyObject };
  });
}
