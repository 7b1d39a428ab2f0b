import { randomUUID } from 'node:crypto';
import { PacsError, type DicomJson } from '../client';
import type { DicomwebHttp } from './http';

/**
 * STOW-RS (PS3.18 10.5): Part 10 files POSTed to {base}/studies as multipart/related, in batches so that one
 * request stays small enough for any proxy in between, and the PACS's answer (the Store Instances Response
 * Module, PS3.18 table 10.5.3-1) read for what it accepted and what it refused and why.
 */

const BATCH_FILES = 20;
const BATCH_BYTES = 20 * 1024 * 1024;

const REFERENCED_SOP_SEQUENCE = '00081199';
const FAILED_SOP_SEQUENCE = '00081198';
const REFERENCED_SOP_INSTANCE_UID = '00081155';
const FAILURE_REASON = '00081197';

export async function store(http: DicomwebHttp, files: readonly Uint8Array[], signal?: AbortSignal): Promise<string[]> {
  const accepted: string[] = [];
  for (const batch of batches(files)) {
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    accepted.push(...(await storeBatch(http, batch, signal)));
  }
  return accepted;
}

/** Consecutive batches of at most BATCH_FILES files and BATCH_BYTES bytes (a larger file goes alone). */
export function batches(files: readonly Uint8Array[]): Uint8Array[][] {
  const out: Uint8Array[][] = [];
  let current: Uint8Array[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length > 0 && (current.length >= BATCH_FILES || bytes + file.length > BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.length;
  }
  if (current.length > 0) out.push(current);
  return out;
}

async function storeBatch(http: DicomwebHttp, files: readonly Uint8Array[], signal?: AbortSignal): Promise<string[]> {
  const boundary = `boardprep-${randomUUID()}`;
  const pieces: Uint8Array[] = [];
  for (const file of files) {
    pieces.push(
      Buffer.from(
        `--${boundary}\r\nContent-Type: application/dicom\r\nContent-Length: ${file.length}\r\n\r\n`,
        'latin1',
      ),
    );
    pieces.push(file);
    pieces.push(Buffer.from('\r\n', 'latin1'));
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  const res = await http.request('/studies', {
    method: 'POST',
    headers: {
      'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
      Accept: 'application/dicom+json, application/json;q=0.9',
    },
    body: Buffer.concat(pieces),
    signal,
    // 409 Conflict is how STOW-RS says "none stored": its body says why, which is the useful message.
    alsoOk: [409],
  });
  let text: string;
  try {
    text = res.status === 204 ? '' : await res.text();
  } catch (error) {
    throw http.failure(error, signal, true);
  }
  return acceptedOrFailure(http, readAnswer(http, text), files.length, res.status);
}

function readAnswer(http: DicomwebHttp, text: string): DicomJson | undefined {
  if (text.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    const item = Array.isArray(parsed) ? parsed[0] : parsed;
    return item && typeof item === 'object' ? (item as DicomJson) : undefined;
  } catch {
    throw new PacsError(
      'bad-answer',
      `The PACS answered the store with something that is not DICOM JSON (${http.nodeName})`,
    );
  }
}

function acceptedOrFailure(http: DicomwebHttp, answer: DicomJson | undefined, sent: number, status: number): string[] {
  if (!answer)
    throw new PacsError(
      status === 409 ? 'other' : 'bad-answer',
      status === 409
        ? `The PACS refused all ${sent} files without saying why (HTTP 409) (${http.nodeName})`
        : `The PACS did not say which of the ${sent} files it stored (${http.nodeName})`,
    );
  const accepted = items(answer, REFERENCED_SOP_SEQUENCE).flatMap((item) => uid(item));
  const failed = items(answer, FAILED_SOP_SEQUENCE);
  if (failed.length > 0) {
    const first = failed[0];
    const reason = first[FAILURE_REASON]?.Value?.[0];
    const which = uid(first)[0] ?? 'an instance';
    throw new PacsError(
      'other',
      `The PACS refused ${failed.length} of ${sent} files: ${which}: ${failureReason(typeof reason === 'number' ? reason : Number(reason))} (${http.nodeName})`,
    );
  }
  return accepted;
}

function items(answer: DicomJson, tag: string): DicomJson[] {
  const value = answer[tag]?.Value ?? [];
  return value.filter((v): v is DicomJson => v !== null && typeof v === 'object');
}

function uid(item: DicomJson): string[] {
  const value = item[REFERENCED_SOP_INSTANCE_UID]?.Value?.[0];
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** PS3.4 C.4.2.1.4 and PS3.18 table 10.5.3-2 failure reasons, in words. */
export function failureReason(code: number): string {
  if (!Number.isFinite(code)) return 'no reason given';
  const hex = `0x${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code === 0x0110) return `processing failure (${hex})`;
  if (code === 0x0122) return `SOP Class not supported (${hex})`;
  if (code === 0x0124) return `not authorised (${hex})`;
  if (code === 0x0111) return `duplicate SOP Instance (${hex})`;
  if (code === 0xc122) return `transfer syntax not supported (${hex})`;
  if ((code & 0xff00) === 0xa700) return `out of resources (${hex})`;
  if ((code & 0xff00) === 0xa900) return `the data set does not match its SOP Class (${hex})`;
  if ((code & 0xf000) === 0xc000) return `cannot understand (${hex})`;
  return `failure ${hex}`;
}
