import { PNG } from 'pngjs';
import { KEY_IMAGES_SERIES } from '../../../../shared/imaging/key-objects-text';
import type { SourceHeader } from './source-header';
import { dicomDateTime, MANUFACTURER, SOFTWARE_VERSIONS, toPart10 } from './part10';

export const SECONDARY_CAPTURE = '1.2.840.10008.5.1.4.1.1.7';
export { KEY_IMAGES_SERIES };
export const KEY_IMAGES_SERIES_NUMBER = 9901;

/** The pixels of a rendered PNG as RGB, 8 bits a sample, interleaved (alpha dropped). */
export interface RgbImage {
  width: number;
  height: number;
  rgb: Uint8Array;
}

export function pngToRgb(png: Buffer): RgbImage {
  const { width, height, data } = PNG.sync.read(png);
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, o = 0; i < data.length; i += 4, o += 3) {
    rgb[o] = data[i];
    rgb[o + 1] = data[i + 1];
    rgb[o + 2] = data[i + 2];
  }
  return { width, height, rgb };
}

export interface SecondaryCaptureInput {
  source: { header: SourceHeader; sopClassUid: string; sopInstanceUid: string; frame: number; frames: number };
  seriesUid: string;
  sopInstanceUid: string;
  instanceNumber: number;
  /** The key image's caption: the image comments (its measurements are burned into the pixels). */
  comments: string;
  image: RgbImage;
  /** When the key image was made: the content date and time, so the same key image writes the same bytes. */
  createdAt: string;
}

/**
 * A Secondary Capture Image (PS3.3 A.8.1) of one key image as the board saw it, measurements burned in: the
 * source's patient and study, a series of its own, the source referenced in Source Image Sequence.
 */
export function secondaryCapture(input: SecondaryCaptureInput): Uint8Array {
  const { date, time } = dicomDateTime(input.createdAt);
  const { source, image } = input;
  const sourceRef: Record<string, unknown> = {
    ReferencedSOPClassUID: source.sopClassUid,
    ReferencedSOPInstanceUID: source.sopInstanceUid,
  };
  if (source.frames > 1) sourceRef.ReferencedFrameNumber = source.frame + 1;
  return toPart10(
    {
      SpecificCharacterSet: 'ISO_IR 192',
      ImageType: ['DERIVED', 'SECONDARY'],
      InstanceCreationDate: date,
      InstanceCreationTime: time,
      ...withStudyDefaults(source.header),
      ContentDate: date,
      ContentTime: time,
      Modality: 'OT',
      ConversionType: 'WSD',
      Manufacturer: MANUFACTURER,
      SoftwareVersions: SOFTWARE_VERSIONS,
      SeriesInstanceUID: input.seriesUid,
      SeriesNumber: KEY_IMAGES_SERIES_NUMBER,
      SeriesDescription: KEY_IMAGES_SERIES,
      InstanceNumber: input.instanceNumber,
      PatientOrientation: '',
      ImageComments: input.comments,
      DerivationDescription: 'Key image rendered by BoardPrep with its measurements burned in',
      BurnedInAnnotation: 'YES',
      SourceImageSequence: [sourceRef],
      SamplesPerPixel: 3,
      PhotometricInterpretation: 'RGB',
      PlanarConfiguration: 0,
      Rows: image.height,
      Columns: image.width,
      BitsAllocated: 8,
      BitsStored: 8,
      HighBit: 7,
      PixelRepresentation: 0,
    },
    SECONDARY_CAPTURE,
    input.sopInstanceUid,
    image.rgb,
  );
}

/** Type 2 attributes of the Patient and General Study modules are present, empty when the source had none. */
export function withStudyDefaults(header: SourceHeader): SourceHeader {
  return {
    PatientName: '',
    PatientID: '',
    PatientBirthDate: '',
    PatientSex: '',
    StudyDate: '',
    StudyTime: '',
    AccessionNumber: '',
    StudyID: '',
    ReferringPhysicianName: '',
    ...header,
  };
}
