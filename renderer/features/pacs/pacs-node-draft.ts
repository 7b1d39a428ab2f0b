import { z } from 'zod';
import { DimseRetrieve, PacsAuth, PacsNodeInput, PacsTransport, type PacsNode } from '../../../shared/domain/pacs';

/**
 * A PACS node as the form edits it: every field as typed, both transports' fields at once (each switched on or
 * off). The contract's PacsNodeInput checks it; its issues come back keyed by these names, beside each field.
 */
export const PacsNodeDraft = z.object({
  name: z.string(),
  useDicomweb: z.boolean(),
  url: z.string(),
  auth: PacsAuth,
  username: z.string(),
  /** Write-only: empty keeps the saved password or token. */
  secret: z.string(),
  webCaFile: z.string(),
  useDimse: z.boolean(),
  calledAet: z.string(),
  host: z.string(),
  port: z.string(),
  ourAet: z.string(),
  tls: z.boolean(),
  dimseCaFile: z.string(),
  retrieve: DimseRetrieve,
  movePort: z.string(),
  prefer: PacsTransport,
});
export type PacsNodeDraft = z.infer<typeof PacsNodeDraft>;
export type DraftKey = keyof PacsNodeDraft;

export function draftOf(n?: PacsNode): PacsNodeDraft {
  return {
    name: n?.name ?? '',
    useDicomweb: n ? n.dicomweb !== null : true,
    url: n?.dicomweb?.url ?? '',
    auth: n?.dicomweb?.auth ?? 'none',
    username: n?.dicomweb?.username ?? '',
    secret: '',
    webCaFile: n?.dicomweb?.caFile ?? '',
    useDimse: n ? n.dimse !== null : false,
    calledAet: n?.dimse?.calledAet ?? '',
    host: n?.dimse?.host ?? '',
    port: n?.dimse ? String(n.dimse.port) : '104',
    ourAet: n?.dimse?.ourAet ?? 'BOARDPREP',
    tls: n?.dimse?.tls ?? false,
    dimseCaFile: n?.dimse?.caFile ?? '',
    retrieve: n?.dimse?.retrieve ?? 'c-get',
    movePort: n?.dimse?.movePort != null ? String(n.dimse.movePort) : '',
    prefer: n?.prefer ?? 'dicomweb',
  };
}

const portOf = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

/** The draft as the contract's input: a switched-off transport is null, an empty secret keeps the saved one. */
export function toInput(d: PacsNodeDraft) {
  return {
    name: d.name,
    dicomweb: d.useDicomweb
      ? { url: d.url, auth: d.auth, username: d.auth === 'basic' ? d.username : '', caFile: d.webCaFile.trim() }
      : null,
    dimse: d.useDimse
      ? {
          calledAet: d.calledAet,
          host: d.host,
          port: portOf(d.port),
          ourAet: d.ourAet,
          tls: d.tls,
          caFile: d.tls ? d.dimseCaFile.trim() : '',
          retrieve: d.retrieve,
          movePort: d.retrieve === 'c-move' && d.movePort.trim() !== '' ? portOf(d.movePort) : null,
        }
      : null,
    secret: d.useDicomweb && d.auth !== 'none' && d.secret !== '' ? d.secret : null,
    prefer: d.useDicomweb && d.useDimse ? d.prefer : d.useDimse ? ('dimse' as const) : ('dicomweb' as const),
  };
}

/**
 * The draft field a contract path names: ['dicomweb', 'url'] is url, ['dimse', 'caFile'] is dimseCaFile, the
 * "give one transport" rule (['dicomweb']) sits by the DICOMweb switch. A path from the host starts with 'node'.
 */
export function draftKeyOf(path: readonly (string | number)[]): DraftKey | null {
  const p = path[0] === 'node' ? path.slice(1) : path;
  const [group, field] = p.map(String);
  if (group === 'dicomweb') {
    if (field === undefined) return 'useDicomweb';
    if (field === 'caFile') return 'webCaFile';
    return field in DRAFT_KEYS ? (field as DraftKey) : 'url';
  }
  if (group === 'dimse') {
    if (field === undefined) return 'useDimse';
    if (field === 'caFile') return 'dimseCaFile';
    return field in DRAFT_KEYS ? (field as DraftKey) : 'host';
  }
  return group in DRAFT_KEYS ? (group as DraftKey) : null;
}

const DRAFT_KEYS = PacsNodeDraft.shape;

/** The form's schema: the contract's issues on the draft's fields; a valid draft becomes the contract's input. */
export const pacsNodeDraftSchema = PacsNodeDraft.superRefine((d, ctx) => {
  if (d.useDimse && d.retrieve === 'c-move' && d.movePort.trim() === '')
    ctx.addIssue({ code: 'custom', path: ['movePort'], message: 'C-MOVE needs the port our storage listens on' });
  const parsed = PacsNodeInput.safeParse(toInput(d));
  if (parsed.success) return;
  const seen = new Set<string>();
  for (const issue of parsed.error.issues) {
    const key = draftKeyOf(issue.path as (string | number)[]) ?? 'name';
    if (seen.has(key)) continue;
    seen.add(key);
    ctx.addIssue({ code: 'custom', path: [key], message: issue.message });
  }
}).transform((d) => PacsNodeInput.parse(toInput(d)));

/** "Basic (user radiology), password saved": how a node signs in, never the secret itself. */
export function authText(n: PacsNode): string {
  const web = n.dicomweb;
  if (!web || web.auth === 'none') return 'no sign-in';
  if (web.auth === 'basic')
    return `Basic${web.username ? ` (user ${web.username})` : ''}, ${n.hasSecret ? 'password saved' : 'no password saved'}`;
  return `Bearer token, ${n.hasSecret ? 'token saved' : 'no token saved'}`;
}

export const TRANSPORT_LABEL: Record<PacsTransport, string> = { dicomweb: 'DICOMweb', dimse: 'DIMSE' };

/** "ORTHANC@10.0.0.5:4242, as BOARDPREP, C-GET": a DIMSE node's address as a PACS administrator writes it. */
export function dimseText(n: PacsNode): string | null {
  const d = n.dimse;
  if (!d) return null;
  const how = d.retrieve === 'c-move' ? `C-MOVE to port ${d.movePort ?? '?'}` : 'C-GET';
  return `${d.calledAet}@${d.host}:${d.port}, as ${d.ourAet}, ${how}${d.tls ? ', TLS' : ''}`;
}
