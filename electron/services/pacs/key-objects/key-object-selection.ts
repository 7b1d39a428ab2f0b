import type { SourceHeader } from './source-header';
import { dicomDateTime, MANUFACTURER, SOFTWARE_VERSIONS, toPart10 } from './part10';
import { KEY_IMAGES_SERIES, withStudyDefaults } from './secondary-capture';

export const KEY_OBJECT_SELECTION = '1.2.840.10008.5.1.4.1.1.88.59';
export const KEY_OBJECTS_SERIES = `${KEY_IMAGES_SERIES} (For Conference)`;
export const KEY_OBJECTS_SERIES_NUMBER = 9902;

/**
 * The document title, from CID 7010 "Key Object Selection Document Title": (113005, DCM, "For Conference"), as
 * issue 15 asks (the "Of Interest" title is 113000).
 */
export const FOR_CONFERENCE = { CodeValue: '113005', CodingSchemeDesignator: 'DCM', CodeMeaning: 'For Conference' };
/** TID 2010's optional description of the selection (113012, DCM, "Key Object Description"). */
const KEY_OBJECT_DESCRIPTION = {
  CodeValue: '113012',
  CodingSchemeDesignator: 'DCM',
  CodeMeaning: 'Key Object Description',
};

export interface SelectedImage {
  sopClassUid: string;
  sopInstanceUid: string;
  seriesUid: string;
  /** 1-based frame of a multi-frame image; undefined for a single-frame one. */
  frameNumber?: number;
}

export interface KeyObjectInput {
  header: SourceHeader;
  studyUid: string;
  seriesUid: string;
  sopInstanceUid: string;
  /** Every image the document selects, in order (the source images and their Secondary Captures). */
  images: readonly SelectedImage[];
  description: string;
  createdAt: string;
}

/**
 * A Key Object Selection Document (PS3.3 A.35.4, TID 2010) titled "For Conference", selecting the board's key
 * images of one study; every selected image is listed in the Current Requested Procedure Evidence Sequence.
 */
export function keyObjectSelection(input: KeyObjectInput): Uint8Array {
  const { date, time } = dicomDateTime(input.createdAt);
  const content: Record<string, unknown>[] = [];
  if (input.description)
    content.push({
      RelationshipType: 'CONTAINS',
      ValueType: 'TEXT',
      ConceptNameCodeSequence: [KEY_OBJECT_DESCRIPTION],
      TextValue: input.description,
    });
  for (const image of input.images)
    content.push({ RelationshipType: 'CONTAINS', ValueType: 'IMAGE', ReferencedSOPSequence: [sopReference(image)] });

  return toPart10(
    {
      SpecificCharacterSet: 'ISO_IR 192',
      InstanceCreationDate: date,
      InstanceCreationTime: time,
      ...withStudyDefaults(input.header),
      StudyInstanceUID: input.studyUid,
      Modality: 'KO',
      SeriesInstanceUID: input.seriesUid,
      SeriesNumber: KEY_OBJECTS_SERIES_NUMBER,
      SeriesDescription: KEY_OBJECTS_SERIES,
      ReferencedPerformedProcedureStepSequence: [],
      Manufacturer: MANUFACTURER,
      SoftwareVersions: SOFTWARE_VERSIONS,
      InstanceNumber: 1,
      ContentDate: date,
      ContentTime: time,
      ValueType: 'CONTAINER',
      ConceptNameCodeSequence: [FOR_CONFERENCE],
      ContinuityOfContent: 'SEPARATE',
      ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '2010' }],
      CurrentRequestedProcedureEvidenceSequence: [evidence(input.studyUid, input.images)],
      ContentSequence: content,
    },
    KEY_OBJECT_SELECTION,
    input.sopInstanceUid,
  );
}

function sopReference(image: SelectedImage): Record<string, unknown> {
  const ref: Record<string, unknown> = {
    ReferencedSOPClassUID: image.sopClassUid,
    ReferencedSOPInstanceUID: image.sopInstanceUid,
  };
  if (image.frameNumber !== undefined) ref.ReferencedFrameNumber = image.frameNumber;
  return ref;
}

/** The study's selected instances, grouped by series (Hierarchical SOP Instance Reference Macro). */
function evidence(studyUid: string, images: readonly SelectedImage[]): Record<string, unknown> {
  const bySeries = new Map<string, Map<string, SelectedImage>>();
  for (const image of images) {
    const series = bySeries.get(image.seriesUid) ?? new Map<string, SelectedImage>();
    series.set(image.sopInstanceUid, image);
    bySeries.set(image.seriesUid, series);
  }
  return {
    StudyInstanceUID: studyUid,
    ReferencedSeriesSequence: [...bySeries].map(([seriesUid, instances]) => ({
      SeriesInstanceUID: seriesUid,
      ReferencedSOPSequence: [...instances.values()].map((i) => ({
        ReferencedSOPClassUID: i.sopClassUid,
        ReferencedSOPInstanceUID: i.sopInstanceUid,
      })),
    })),
  };
}
