import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { DemoBoard, DemoCase } from '../demo-board';
import { PHANTOM_CASES, type MassSpec, type PhantomCase } from './phantom';
import { axialGeometry, coronalGeometry, type SeriesOrientation, uidFromName, writeSeries } from './write-series';

/**
 * Synthetic CT studies for the demo cases whose seed documents give a tumour size: an axial series and a coronal
 * reformat of an analytic phantom (phantom.ts) with the mass drawn at the documented size, so that measuring it in
 * the viewer gives that size. The patient identity comes from the demo board, so the app's patient check matches
 * the case. Cases without a documented size get no images.
 *
 * The files say plainly that they are synthetic: Institution Name "BoardPrep demo (synthetic)", Image Comments
 * "Synthetic demo image, not patient data...", "(SYNTHETIC)" in the descriptions, Burned In Annotation NO.
 */

export interface GenerateOptions {
  /** Only these case keys (each must be on the board; keys without a documented size produce nothing). */
  onlyKeys?: readonly string[];
}

export interface GeneratedSeries {
  description: string;
  orientation: SeriesOrientation;
  count: number;
  seriesInstanceUid: string;
}

export interface GeneratedCaseImages {
  key: string;
  /** 'baseline' for the case's first study; 'follow-up' for a later one (response to treatment). */
  study: 'baseline' | 'follow-up';
  /** ISO date of the study. */
  studyDate: string;
  /** Every file written, axial series first, in instance order. */
  files: string[];
  series: GeneratedSeries[];
  /** The mass as drawn: long and short axial axes, and craniocaudal length, in mm. */
  mass: { longMm: number; shortMm: number; ccMm: number };
  studyInstanceUid: string;
  frameOfReferenceUid: string;
}

interface WindowPreset {
  center: number;
  width: number;
  explanation: string;
}

interface StudySpec {
  /** ISO date and HHMMSS time of the study, consistent with the case's clinical history. */
  date: string;
  time: string;
  description: string;
  bodyPart: string;
  patientPosition: 'HFS' | 'FFS';
  laterality?: 'R' | 'L';
  axialDescription: string;
  coronalDescription: string;
  windows: [WindowPreset, WindowPreset];
  /** Must appear in the case's clinical history: if the board's size changes, generation fails instead of lying. */
  documented: RegExp;
  /** Added to Image Comments after the synthetic-data notice. */
  comment: string;
}

const SOFT_TISSUE: WindowPreset = { center: 40, width: 400, explanation: 'SOFT TISSUE' };

const STUDIES: Readonly<Record<string, StudySpec>> = {
  'rp-ddlps': {
    // "CT abdomen/pelvis there (2026-09-22) showed ... 16.3 cm tall x 8 cm wide x 9 cm deep".
    date: '2026-09-22',
    time: '104215',
    description: 'CT ABDOMEN PELVIS (SYNTHETIC DEMO)',
    bodyPart: 'ABDOMEN',
    patientPosition: 'HFS',
    axialDescription: 'CT ABD/PELVIS AXIAL 5 mm (SYNTHETIC)',
    coronalDescription: 'CORONAL MPR 5 mm (SYNTHETIC)',
    windows: [SOFT_TISSUE, { center: 400, width: 1800, explanation: 'BONE' }],
    documented: /16\.3 cm tall x 8 cm wide x 9 cm deep/,
    comment:
      'Left retroperitoneal mass drawn at the documented 16.3 cm craniocaudal x 8 cm left-right x 9 cm anterior-posterior; ' +
      'a fatty (well-differentiated) component with septa lies in its cranial half.',
  },
  'back-lps': {
    // The record has a biopsy on 2026-11-04 and no staging CT chest; this CT is placed before the biopsy.
    date: '2026-10-21',
    time: '141030',
    description: 'CT THORAX - UPPER BACK MASS (SYNTHETIC DEMO)',
    bodyPart: 'CHEST',
    patientPosition: 'HFS',
    axialDescription: 'CT CHEST AXIAL 5 mm - CC 7 cm ASSUMED (SYNTHETIC)',
    coronalDescription: 'CORONAL MPR 5 mm - CC 7 cm ASSUMED (SYNTHETIC)',
    windows: [SOFT_TISSUE, { center: -600, width: 1500, explanation: 'LUNG' }],
    documented: /7 x 8 cm/,
    comment:
      'Upper back mass drawn at the documented 7 x 8 cm (as 8 cm left-right x 7 cm anterior-posterior). ' +
      'ASSUMED, not documented: the third dimension (7 cm craniocaudal), the side (right) and the depth.',
  },
  'thigh-ilms': {
    // The record's size comes from the MRI of 2026-09-24; this CT stands in for that study (same date) so
    // the documented 6 cm can be measured, and says so, rather than adding a scan the history never had.
    date: '2026-09-24',
    time: '093040',
    description: 'R THIGH - SYNTHETIC CT STAND-IN FOR THE MRI OF 2026-09-24 (DEMO)',
    bodyPart: 'THIGH',
    patientPosition: 'FFS',
    laterality: 'R',
    axialDescription: 'CT R THIGH AXIAL 5 mm (SYNTHETIC)',
    coronalDescription: 'CORONAL MPR 5 mm (SYNTHETIC)',
    windows: [SOFT_TISSUE, { center: 500, width: 2000, explanation: 'BONE' }],
    documented: /\b6 cm\b/,
    comment: 'Deep right thigh mass drawn at the documented 6 cm (one dimension documented; drawn as a 6 cm sphere).',
  },
};

/**
 * Later studies of a case (issue 13, response to treatment), drawn from the phantom's `followUp` mass on the same
 * grid, with their own UIDs. Besides `documented`, generation checks that the history states the follow-up size and
 * the density change exactly as the phantom draws them.
 */
const FOLLOW_UP_STUDIES: Readonly<Record<string, StudySpec>> = {
  'thigh-ilms': {
    // "Restaging CT of the right thigh (2026-12-01) after preoperative radiotherapy: 5.28 cm ..., 40 to 32 HU".
    date: '2026-12-01',
    time: '101500',
    description: 'CT R THIGH RESTAGING AFTER PREOPERATIVE RT (SYNTHETIC DEMO)',
    bodyPart: 'THIGH',
    patientPosition: 'FFS',
    laterality: 'R',
    axialDescription: 'CT R THIGH AXIAL 5 mm RESTAGING (SYNTHETIC)',
    coronalDescription: 'CORONAL MPR 5 mm RESTAGING (SYNTHETIC)',
    windows: [SOFT_TISSUE, { center: 500, width: 2000, explanation: 'BONE' }],
    documented: /Restaging CT of the right thigh \(2026-12-01\)/,
    comment:
      'Restaging after preoperative radiotherapy: the deep right thigh mass drawn 12% smaller (6 cm -> 5.28 cm sphere) ' +
      'and 20% less dense (mean 40 -> 32 HU), as the case history documents: RECIST 1.1 stable disease, Choi partial ' +
      'response.',
  },
};

export const SYNTHETIC_NOTICE = 'Synthetic demo image, not patient data.';

/** The demo case keys that get synthetic images. */
export const SYNTHETIC_CASE_KEYS: readonly string[] = Object.keys(STUDIES);

/** The demo case keys that also get a follow-up study (response to treatment). */
export const FOLLOW_UP_CASE_KEYS: readonly string[] = Object.keys(FOLLOW_UP_STUDIES);

/**
 * The cases the demo board loads with images. back-lps is drawn by the generator but not loaded: its record
 * says no imaging of the primary and no staging CT chest have been done, and a loaded study would say otherwise.
 */
export const DEMO_IMAGE_KEYS: readonly string[] = ['rp-ddlps', 'thigh-ilms'];

/** DICOM PN: FAMILY^Given^Middle names. */
export function personName(familyName: string, givenNames: string): string {
  const [first = '', ...middle] = givenNames.trim().split(/\s+/).filter(Boolean);
  return [familyName.trim().toUpperCase(), first, middle.join(' ')].join('^').replace(/\^+$/, '');
}

const dicomDate = (iso: string) => iso.replace(/-/g, '');

function ageString(dateOfBirth: string, onDay: string): string {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = onDay.split('-').map(Number);
  const years = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  return `${String(Math.max(0, years)).padStart(3, '0')}Y`;
}

const SEX: Record<string, string> = { male: 'M', female: 'F', other: 'O', unknown: '' };

/** Case-level attributes shared by both series. */
function studyAttributes(
  demo: DemoCase,
  study: StudySpec,
  uids: { study: string; frame: string },
  which: GeneratedCaseImages['study'],
) {
  const p = demo.case.patient;
  const seed = which === 'baseline' ? demo.key : `${demo.key}/follow-up`;
  const accession = `SYN${BigInt(`0x${createHash('sha256').update(seed).digest('hex').slice(0, 12)}`)
    .toString(10)
    .slice(0, 8)}`;
  const text = [p.familyName, p.givenNames];
  const ascii = text.every((t) => /^[\x20-\x7e]*$/.test(t));
  return {
    ...(ascii ? {} : { SpecificCharacterSet: 'ISO_IR 192' }),
    StudyDate: dicomDate(study.date),
    SeriesDate: dicomDate(study.date),
    AcquisitionDate: dicomDate(study.date),
    ContentDate: dicomDate(study.date),
    StudyTime: study.time,
    AccessionNumber: accession,
    Modality: 'CT',
    Manufacturer: 'BoardPrep',
    InstitutionName: 'BoardPrep demo (synthetic)',
    ReferringPhysicianName: '',
    StudyDescription: study.description,
    ManufacturerModelName: 'Synthetic CT phantom',
    SoftwareVersions: 'BoardPrep synthetic CT 1',
    PatientName: personName(p.familyName, p.givenNames),
    PatientID: p.mrn,
    PatientBirthDate: dicomDate(p.dateOfBirth),
    PatientSex: SEX[p.sex] ?? '',
    PatientAge: ageString(p.dateOfBirth, study.date),
    BodyPartExamined: study.bodyPart,
    KVP: 120,
    PatientPosition: study.patientPosition,
    StudyInstanceUID: uids.study,
    StudyID: which === 'baseline' ? '1' : '2',
    AcquisitionNumber: 1,
    FrameOfReferenceUID: uids.frame,
    PositionReferenceIndicator: '',
    ...(study.laterality ? { Laterality: study.laterality } : {}),
    BurnedInAnnotation: 'NO',
    LossyImageCompression: '00',
    WindowCenter: study.windows.map((w) => w.center),
    WindowWidth: study.windows.map((w) => w.width),
    WindowCenterWidthExplanation: study.windows.map((w) => w.explanation),
  };
}

function range(center: number, step: number, lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let k = Math.ceil((lo - center) / step); center + k * step <= hi + 1e-9; k++) out.push(center + k * step);
  return out;
}

/**
 * What the history must say of a follow-up, worked out from the phantom: the follow-up size in cm, the change of the
 * long axis and of the density in whole per cent, and the two densities, e.g. "5.28 cm", "12%", "20%", "40 to 32 HU".
 */
export function followUpFacts(baseline: MassSpec, followUp: MassSpec): string[] {
  const long = (m: MassSpec) => Math.max(m.lrMm, m.apMm, m.ccMm);
  const pct = (a: number, b: number) => `${Math.round((Math.abs(b - a) / a) * 100)}%`;
  return [
    `${Number((long(followUp) / 10).toFixed(2))} cm`,
    pct(long(baseline), long(followUp)),
    pct(baseline.rimHu, followUp.rimHu),
    `${baseline.rimHu} to ${followUp.rimHu} HU`,
  ];
}

async function generateCase(
  demo: DemoCase,
  phantomCase: PhantomCase,
  study: StudySpec,
  outDir: string,
  which: GeneratedCaseImages['study'] = 'baseline',
): Promise<GeneratedCaseImages> {
  const history = `${demo.case.clinicalHistory ?? ''} ${demo.case.workingDiagnosis ?? ''}`;
  if (!study.documented.test(history)) {
    throw new Error(
      `Demo case ${demo.key}: the case record no longer states the size the synthetic CT draws (${study.documented})`,
    );
  }
  const { grid } = phantomCase;
  const drawn = which === 'baseline' ? phantomCase : phantomCase.followUp!;
  const mass = drawn.mass;
  if (which === 'follow-up') {
    // The response the demo teaches is only true if the history states the amounts the phantom draws.
    const missing = followUpFacts(phantomCase.mass, mass).filter((f) => !history.includes(f));
    if (missing.length) {
      throw new Error(
        `Demo case ${demo.key}: the case history does not state what the follow-up CT draws (${missing.join(', ')})`,
      );
    }
  }
  const [, cy, cz] = mass.center;
  const phantom = drawn.build();
  const prefix = which === 'baseline' ? demo.key : `${demo.key}/follow-up`;
  const uids = { study: uidFromName(`${prefix}/study`), frame: uidFromName(`${prefix}/frame-of-reference`) };
  const shared = studyAttributes(demo, study, uids, which);
  const comments = `${SYNTHETIC_NOTICE} Generated by BoardPrep from an analytic phantom for the demo case ${demo.key}. ${study.comment}`;
  const caseDir = path.join(outDir, demo.key);
  // The follow-up goes into the case folder's follow-up/ (the baseline, written first, empties the case folder).
  const studyDir = which === 'baseline' ? caseDir : path.join(caseDir, 'follow-up');
  await rm(studyDir, { recursive: true, force: true });

  const half = Math.floor(grid.zHalfRange / grid.sliceMm) * grid.sliceMm;
  const zPositions = range(cz, grid.sliceMm, cz - half, cz + half);
  const yPositions = range(cy, grid.sliceMm, grid.yRange[0], grid.yRange[1]);
  const series = [
    {
      number: 2,
      description: study.axialDescription,
      imageType: ['DERIVED', 'SECONDARY', 'AXIAL'],
      geometry: axialGeometry({
        rows: grid.axialRows,
        columns: grid.columns,
        spacing: grid.spacing,
        sliceThickness: grid.sliceMm,
        center: grid.center,
        zPositions,
      }),
    },
    {
      number: 3,
      description: study.coronalDescription,
      imageType: ['DERIVED', 'SECONDARY', 'REFORMATTED'],
      geometry: coronalGeometry({
        rows: Math.round((2 * half) / grid.spacing) + 1,
        columns: grid.columns,
        spacing: grid.spacing,
        sliceThickness: grid.sliceMm,
        centerX: grid.center[0],
        zTop: cz + half,
        yPositions,
      }),
    },
  ];

  const files: string[] = [];
  const written: GeneratedSeries[] = [];
  for (const s of series) {
    const orientation = s.geometry.orientation;
    const seriesUid = uidFromName(`${prefix}/${orientation}/series`);
    const paths = await writeSeries({
      phantom,
      geometry: s.geometry,
      dir: path.join(studyDir, orientation),
      sopInstanceUid: (i) => uidFromName(`${prefix}/${orientation}/${i + 1}`),
      dataset: {
        ...shared,
        ImageType: s.imageType,
        SeriesDate: shared.StudyDate,
        SeriesTime: study.time,
        AcquisitionTime: study.time,
        ContentTime: study.time,
        SeriesDescription: s.description,
        SeriesInstanceUID: seriesUid,
        SeriesNumber: s.number,
        SpacingBetweenSlices: grid.sliceMm,
        ImageComments: comments,
        DerivationDescription: `Sampled from an analytic phantom (${mass.note})`.slice(0, 1024),
      },
    });
    files.push(...paths);
    written.push({ description: s.description, orientation, count: paths.length, seriesInstanceUid: seriesUid });
  }
  return {
    key: demo.key,
    study: which,
    studyDate: study.date,
    files,
    series: written,
    mass: { longMm: Math.max(mass.lrMm, mass.apMm), shortMm: Math.min(mass.lrMm, mass.apMm), ccMm: mass.ccMm },
    studyInstanceUid: uids.study,
    frameOfReferenceUid: uids.frame,
  };
}

/**
 * Writes synthetic CT images for the board's cases with a documented tumour size into `outDir/<key>/axial/` and
 * `outDir/<key>/coronal/` (each case folder is emptied first), and a case's follow-up study into
 * `outDir/<key>/follow-up/` (one result per study, the baseline first). Deterministic: the same board gives byte-identical
 * files and the same UIDs.
 */
export async function generateDemoImages(
  board: DemoBoard,
  outDir: string,
  options: GenerateOptions = {},
): Promise<GeneratedCaseImages[]> {
  const keys = options.onlyKeys ?? board.cases.map((c) => c.key);
  for (const key of keys) {
    if (!board.cases.some((c) => c.key === key)) throw new Error(`No demo case "${key}" on the board`);
  }
  const results: GeneratedCaseImages[] = [];
  for (const demo of board.cases) {
    if (!keys.includes(demo.key)) continue;
    const phantomCase = PHANTOM_CASES[demo.key];
    const study = STUDIES[demo.key];
    if (!phantomCase || !study) continue; // no documented size: no images
    results.push(await generateCase(demo, phantomCase, study, outDir));
    const followUp = FOLLOW_UP_STUDIES[demo.key];
    if (followUp && phantomCase.followUp) {
      results.push(await generateCase(demo, phantomCase, followUp, outDir, 'follow-up'));
    }
  }
  return results;
}
