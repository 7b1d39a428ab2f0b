import type { Db } from '../../db/open';
import type { EpisodeRef } from '../../../shared/domain/episode';
import type { StackImage, StudySummary } from '../../../shared/domain/imaging';
import * as dicom from '../dicom/dicom-sql';
import { sortStack } from '../dicom/geometry';
import { absoluteStoredPath } from '../dicom/store';
import { DomainError } from '../errors';
import { getCaseRow } from '../cases/cases-sql';
import { episodeRefs } from '../cases/episodes';

/** Multi-valued numbers as the index keeps them (a JSON array or DICOM's backslash-separated text). */
function numbers(text: string | null): number[] {
  if (!text) return [];
  const values = text.trim().startsWith('[') ? (JSON.parse(text) as unknown[]) : text.split('\\');
  return values.map(Number).filter(Number.isFinite);
}

const split = (text: string | null) => (text ? text.split('\\').filter(Boolean) : []);

export const instanceUrl = (sopInstanceUid: string) => `/media/instances/${sopInstanceUid}`;

/** The other episode a study is attached to, or null when it is the case's own. */
function episodeOf(
  attachedTo: number | null,
  caseId: number,
  episodes: Map<number, EpisodeRef>,
): StudySummary['episode'] {
  const e = attachedTo === null || attachedTo === caseId ? undefined : episodes.get(attachedTo);
  return e ? { caseId: e.caseId, number: e.number, episodeKind: e.episodeKind } : null;
}

/** What the viewer needs from the DICOM index: a case's studies and series, and a series as a sorted stack. */
export class StudiesService {
  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
  ) {}

  /**
   * The studies a case's Imaging tab lists: its own and those of the patient's other episodes (issue 13: episodes
   * share the imaging), newest first; a study of another episode names it (`episode`).
   */
  studiesOfCase(caseId: number): StudySummary[] {
    const patientId = getCaseRow(this.db, caseId)?.patient_id;
    const episodes = new Map(
      (patientId === undefined ? [] : episodeRefs(this.db, patientId)).map((e) => [e.caseId, e]),
    );
    const rows =
      episodes.size > 1
        ? dicom.listStudiesOfCases(this.db, [...episodes.keys()])
        : dicom.listStudiesOfCase(this.db, caseId);
    return rows.map((study) => ({
      episode: episodeOf(study.case_id, caseId, episodes),
      studyInstanceUid: study.study_instance_uid,
      studyDate: study.study_date,
      description: study.study_description,
      modalities: split(study.modalities_in_study),
      dicomPatientName: study.patient_name_dicom,
      dicomPatientId: study.patient_id_dicom,
      series: dicom.listSeriesOfStudy(this.db, study.id).map((series) => {
        const stack = this.sortedInstances(series.id);
        return {
          seriesInstanceUid: series.series_instance_uid,
          modality: series.modality,
          seriesNumber: series.series_number,
          description: series.series_description,
          bodyPart: series.body_part_examined,
          instanceCount: series.instance_count,
          frameCount: stack.reduce((n, i) => n + Math.max(1, i.number_of_frames), 0),
          thumbnailSopInstanceUid: stack[Math.floor(stack.length / 2)]?.sop_instance_uid ?? null,
        };
      }),
    }));
  }

  private sortedInstances(seriesRowId: number): dicom.InstanceRow[] {
    const rows = dicom.listInstancesOfSeries(this.db, seriesRowId);
    const sortable = rows.map((row) => ({
      row,
      instanceNumber: row.instance_number,
      sopInstanceUid: row.sop_instance_uid,
      imageOrientationPatient:
        numbers(row.image_orientation_patient).length === 6 ? numbers(row.image_orientation_patient) : null,
      slicePosition: row.slice_position,
    }));
    return sortStack(sortable).map((s) => s.row);
  }

  /** A series as the viewer scrolls it: every frame of every instance, in anatomical order. */
  stack(seriesUid: string): {
    images: StackImage[];
    presets: { name: string; windowCenter: number; windowWidth: number }[];
  } {
    const series = dicom.getSeriesByUid(this.db, seriesUid);
    if (!series) throw new DomainError('not-found', `Series ${seriesUid} is not in the image store`);
    const instances = this.sortedInstances(series.id);
    const images = instances.flatMap((i) =>
      Array.from({ length: Math.max(1, i.number_of_frames) }, (_, frame) => ({
        sopInstanceUid: i.sop_instance_uid,
        frame,
        instanceNumber: i.instance_number,
        url: instanceUrl(i.sop_instance_uid) + (i.number_of_frames > 1 ? `?frame=${frame}` : ''),
      })),
    );
    // The file's own window presets (from the middle image), named as the scanner would show them.
    const middle = instances[Math.floor(instances.length / 2)];
    const centers = numbers(middle?.window_center ?? null);
    const widths = numbers(middle?.window_width ?? null);
    const presets = centers
      .map((c, n) => ({ name: `From file ${n + 1}: W${widths[n]} / L${c}`, windowCenter: c, windowWidth: widths[n] }))
      .filter((p) => Number.isFinite(p.windowWidth) && p.windowWidth > 0);
    return { images, presets };
  }

  /** The stored file of an instance, for the media route; null when unknown. */
  instanceFile(sopInstanceUid: string): string | null {
    const row = dicom.getInstanceByUid(this.db, sopInstanceUid);
    return row ? absoluteStoredPath(this.dataDir, row.stored_path) : null;
  }
}
