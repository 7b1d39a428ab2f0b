import { z } from 'zod';

/**
 * The hospital's PACS as BoardPrep sees it (issue 15): nodes it may query, retrieve from and send key images to,
 * over DICOMweb (QIDO-RS, WADO-RS, STOW-RS) and/or DIMSE (C-ECHO, C-FIND, C-GET or C-MOVE, C-STORE). One
 * definition of each shape for the settings screen, the case's PACS panel, the command line and the services.
 */

export const PACS_AUTH = ['none', 'basic', 'bearer'] as const;
export const PacsAuth = z.enum(PACS_AUTH);
export type PacsAuth = z.infer<typeof PacsAuth>;

export const PACS_TRANSPORTS = ['dicomweb', 'dimse'] as const;
export const PacsTransport = z.enum(PACS_TRANSPORTS);
export type PacsTransport = z.infer<typeof PacsTransport>;

/** How a DIMSE node sends us a study: C-GET on the same association, or C-MOVE to our own storage SCP. */
export const DIMSE_RETRIEVE = ['c-get', 'c-move'] as const;
export const DimseRetrieve = z.enum(DIMSE_RETRIEVE);
export type DimseRetrieve = z.infer<typeof DimseRetrieve>;

/** An AE title: 1 to 16 characters of the DICOM default repertoire, no backslash, not only spaces. */
export const AeTitle = z
  .string()
  .trim()
  .min(1, 'Give an AE title')
  .max(16, 'An AE title has at most 16 characters')
  .regex(/^[\x20-\x5b\x5d-\x7e]+$/, 'An AE title uses plain letters, digits and - _ . (no backslash)');

const Port = z
  .number({ message: 'Give a port number' })
  .int('A port is a whole number')
  .min(1, 'A port is between 1 and 65535')
  .max(65535, 'A port is between 1 and 65535');

export const DicomwebSettings = z
  .object({
    /** Base URL of the DICOMweb service: QIDO-RS at <url>/studies, WADO-RS and STOW-RS likewise. */
    url: z
      .string()
      .trim()
      .url('Give the DICOMweb base URL, e.g. http://pacs.local:8042/dicom-web')
      .refine((u) => /^https?:\/\//i.test(u), 'A DICOMweb URL starts with http:// or https://'),
    auth: PacsAuth.default('none'),
    username: z.string().max(200).default(''),
    /** Absolute path of a PEM file of CA certificates to trust for https (besides the system's). */
    caFile: z.string().max(1000).default(''),
  })
  .strict();
export type DicomwebSettings = z.infer<typeof DicomwebSettings>;

export const DimseSettings = z
  .object({
    calledAet: AeTitle,
    host: z.string().trim().min(1, 'Give the PACS host name or address').max(255),
    port: Port,
    ourAet: AeTitle.default('BOARDPREP'),
    tls: z.boolean().default(false),
    caFile: z.string().max(1000).default(''),
    retrieve: DimseRetrieve.default('c-get'),
    /** The port our storage SCP listens on during a C-MOVE (the PACS must know us as ourAet at this port). */
    movePort: Port.nullable().default(null),
  })
  .strict();
export type DimseSettings = z.infer<typeof DimseSettings>;

export const PacsNodeName = z
  .string()
  .trim()
  .min(1, 'Give the node a name')
  .max(64, 'A node name has at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, 'A node name uses letters, digits, spaces and - _ .');

/** A node as saved: at least one of the two transports. The secret (password or token) is write-only. */
export const PacsNodeInput = z
  .object({
    name: PacsNodeName,
    dicomweb: DicomwebSettings.nullable().default(null),
    dimse: DimseSettings.nullable().default(null),
    /** The password (basic) or token (bearer); null keeps the one saved. */
    secret: z.string().max(4000).nullable().default(null),
    /** Which transport queries, retrieves and sends when the node has both. */
    prefer: PacsTransport.default('dicomweb'),
  })
  .strict()
  .refine((n) => n.dicomweb !== null || n.dimse !== null, {
    message: 'Give a DICOMweb URL or a DIMSE AE title, host and port',
    path: ['dicomweb'],
  });
export type PacsNodeInput = z.infer<typeof PacsNodeInput>;

/** A node as listed: never its secret, only whether one is saved. */
export const PacsNode = z.object({
  id: z.number().int(),
  name: z.string(),
  dicomweb: DicomwebSettings.nullable(),
  dimse: DimseSettings.nullable(),
  hasSecret: z.boolean(),
  prefer: PacsTransport,
  version: z.number().int(),
});
export type PacsNode = z.infer<typeof PacsNode>;

/**
 * Why talking to a node failed, keyed by id (the words are the message's): the connection was refused, nothing
 * answered in time, the PACS does not know our AE title or its own, the certificate is not trusted, the credentials
 * were refused, the answer was not what DICOM says, or anything else.
 */
export const PACS_FAILURES = [
  'refused',
  'timeout',
  'unreachable',
  'wrong-aet',
  'certificate',
  'auth',
  'not-found',
  'bad-answer',
  'dropped',
  'other',
] as const;
export const PacsFailure = z.enum(PACS_FAILURES);
export type PacsFailure = z.infer<typeof PacsFailure>;

export const PacsTestResult = z.object({
  transport: PacsTransport,
  ok: z.boolean(),
  /** In plain words: "C-ECHO answered in 12 ms" or "Connection refused by 10.0.0.5:104: is the PACS running?". */
  message: z.string(),
  failure: PacsFailure.nullable(),
  ms: z.number().nullable(),
});
export type PacsTestResult = z.infer<typeof PacsTestResult>;

const Da = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Give a date as YYYY-MM-DD');

/** What a study query asks (QIDO-RS or C-FIND at study level); at least the patient ID or name. */
export const PacsStudyQuery = z
  .object({
    patientId: z.string().trim().max(64).default(''),
    patientName: z.string().trim().max(64).default(''),
    from: Da.nullable().default(null),
    to: Da.nullable().default(null),
    modality: z.string().trim().max(16).default(''),
    accession: z.string().trim().max(16).default(''),
  })
  .strict()
  .refine((q) => q.patientId !== '' || q.patientName !== '' || q.accession !== '', {
    message: 'Give the patient ID, the name or the accession number',
    path: ['patientId'],
  });
export type PacsStudyQuery = z.infer<typeof PacsStudyQuery>;

/** Is a study already in BoardPrep: all its instances, some of them, or none. */
export const PacsImported = z.enum(['all', 'some', 'none']);
export type PacsImported = z.infer<typeof PacsImported>;

export const PacsStudy = z.object({
  studyUid: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  /** ISO date (YYYY-MM-DD) or null; screens format it. */
  date: z.string().nullable(),
  description: z.string(),
  accession: z.string(),
  modalities: z.array(z.string()),
  seriesCount: z.number().int().nullable(),
  instanceCount: z.number().int().nullable(),
  imported: PacsImported,
});
export type PacsStudy = z.infer<typeof PacsStudy>;

export const PacsSeries = z.object({
  studyUid: z.string(),
  seriesUid: z.string(),
  modality: z.string(),
  number: z.number().int().nullable(),
  description: z.string(),
  instanceCount: z.number().int().nullable(),
  imported: PacsImported,
});
export type PacsSeries = z.infer<typeof PacsSeries>;
