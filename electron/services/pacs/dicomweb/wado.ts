import { dicomParser } from '../../dicom/dicom-parser';
import { PacsError, type RetrieveOptions, type RetrieveTarget } from '../client';
import type { DicomwebHttp } from './http';
import { MultipartError, multipartParts, parseContentType } from './multipart';
import { instanceCount, listInstances, seg, type InstanceRef } from './qido';

/**
 * WADO-RS retrieval (PS3.18 10.4): a study, a series or an instance as multipart/related Part 10 files. We ask for
 * each instance in the transfer syntax the PACS holds it in (transfer-syntax=*): the viewer decodes the common ones,
 * and the import refuses, with its reason, what it cannot; asking the PACS to transcode would cost it CPU and may
 * lose the original compression. Orthanc answers transfer-syntax=* with the stored files unchanged.
 */
const ACCEPT = 'multipart/related; type="application/dicom"; transfer-syntax=*';

export async function retrieve(http: DicomwebHttp, target: RetrieveTarget, options: RetrieveOptions): Promise<void> {
  const { signal, skip } = options;
  if (!skip || skip.size === 0) {
    const count = await instanceCount(http, target, signal);
    if (count !== null) options.onExpected?.(count);
    await fetchInstances(http, wadoPath(target), options);
    return;
  }
  // A resume: only what is missing, a whole series at once when none of it is held, else instance by instance.
  const listed = await listInstances(http, target, signal);
  const missing = listed.filter((i) => !skip.has(i.sopInstanceUid));
  options.onExpected?.(missing.length);
  for (const path of resumePaths(target.studyUid, listed, missing)) {
    await fetchInstances(http, path, options);
  }
}

function wadoPath(target: RetrieveTarget): string {
  return `/studies/${seg(target.studyUid)}${target.seriesUid ? `/series/${seg(target.seriesUid)}` : ''}`;
}

/** The WADO-RS paths that fetch the missing instances: a series with none held in one request, else each one. */
function resumePaths(studyUid: string, listed: readonly InstanceRef[], missing: readonly InstanceRef[]): string[] {
  const count = (refs: readonly InstanceRef[]) => {
    const bySeries = new Map<string, string[]>();
    for (const { seriesUid, sopInstanceUid } of refs)
      bySeries.set(seriesUid, [...(bySeries.get(seriesUid) ?? []), sopInstanceUid]);
    return bySeries;
  };
  const totals = count(listed);
  const paths: string[] = [];
  for (const [seriesUid, uids] of count(missing)) {
    const series = wadoPath({ studyUid, seriesUid });
    if (uids.length === totals.get(seriesUid)?.length) paths.push(series);
    else paths.push(...uids.map((uid) => `${series}/instances/${seg(uid)}`));
  }
  return paths;
}

/** One WADO-RS request; each part becomes a ReceivedInstance handed to onInstance (awaited) as it arrives. */
async function fetchInstances(http: DicomwebHttp, path: string, options: RetrieveOptions): Promise<void> {
  const { signal, skip, onInstance } = options;
  const res = await http.request(path, {
    headers: { Accept: ACCEPT },
    signal,
    notFound: `The PACS has no ${path.includes('/instances/') ? 'instance' : path.includes('/series/') ? 'series' : 'study'} at ${path}`,
  });
  const contentType = res.headers.get('content-type') ?? '';
  const { type, params } = parseContentType(contentType);
  if (type !== 'multipart/related')
    throw new PacsError(
      'bad-answer',
      `The PACS answered ${path} with ${contentType || 'no content type'}, not multipart/related (${http.nodeName})`,
    );
  if (!params.boundary)
    throw new PacsError(
      'bad-answer',
      `The PACS answered ${path} with a multipart answer without a boundary (${http.nodeName})`,
    );
  if (!res.body) throw new PacsError('bad-answer', `The PACS answered ${path} with an empty body (${http.nodeName})`);
  // Read until the server closes the connection (no length, not chunked): an early end is a dropped connection.
  const readUntilClose =
    !res.headers.get('content-length') && !/chunked/i.test(res.headers.get('transfer-encoding') ?? '');

  let index = 0;
  try {
    for await (const part of multipartParts(res.body, params.boundary)) {
      index++;
      const partType = part.headers['content-type'];
      if (partType !== undefined && parseContentType(partType).type !== 'application/dicom')
        throw new PacsError(
          'bad-answer',
          `Part ${index} of the answer to ${path} is ${partType}, not application/dicom (${http.nodeName})`,
        );
      const sopInstanceUid = sopInstanceUidOf(part.body);
      if (!sopInstanceUid)
        throw new PacsError(
          'bad-answer',
          `Part ${index} of the answer to ${path} is not a DICOM Part 10 file with a SOP Instance UID (${http.nodeName})`,
        );
      if (skip?.has(sopInstanceUid)) continue;
      await onInstance({ sopInstanceUid, bytes: part.body });
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    }
  } catch (error) {
    if (signal?.aborted) throw signal.reason ?? error;
    if (error instanceof MultipartError) {
      if (error.truncated && readUntilClose)
        throw new PacsError(
          'dropped',
          `The connection to ${http.hostPort} dropped in the middle of the answer to ${path} (${http.nodeName})`,
          error,
        );
      throw new PacsError(
        'bad-answer',
        `The PACS answered ${path} with a malformed multipart: ${error.message} (${http.nodeName})`,
        error,
      );
    }
    throw http.failure(error, signal, true);
  }
}

/** The SOP Instance UID from the file meta header (or, lacking it there, the data set's own). */
export function sopInstanceUidOf(bytes: Uint8Array): string | undefined {
  if (bytes.length < 132 || String.fromCharCode(...bytes.subarray(128, 132)) !== 'DICM') return undefined;
  try {
    const meta = dicomParser.readPart10Header(bytes);
    const uid = meta.string('x00020003')?.trim();
    if (uid) return uid;
    return dicomParser.parseDicom(bytes, { untilTag: 'x00080018' }).string('x00080018')?.trim() || undefined;
  } catch {
    return undefined;
  }
}
