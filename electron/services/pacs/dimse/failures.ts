import type { DimseSettings } from '../../../../shared/domain/pacs';
import { PacsError } from '../client';
import { STATUS } from './lib';

/**
 * How a DIMSE exchange went wrong, in the user's words: the socket error (by its code), the association rejection
 * (by the reason the PACS gave), a peer abort, or a DIMSE status. One place for every message the DIMSE client shows.
 */

export const where = (s: DimseSettings): string => `${s.host}:${s.port}`;

const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * A socket failure. `socketError` is the error the socket itself raised (with its code), when it raised one;
 * `libraryMessage` is what dcmjs-dimse reported (its timeouts have no code). `associated` says whether the
 * association was up, i.e. whether the failure cut an exchange short.
 */
export function networkFailure(
  s: DimseSettings,
  what: string,
  associated: boolean,
  socketError: (Error & { code?: string }) | undefined,
  libraryMessage: string,
): PacsError {
  const code = socketError?.code ?? '';
  const cause = socketError ?? new Error(libraryMessage);
  if (code === 'ECONNREFUSED')
    return new PacsError('refused', `Connection refused by ${where(s)}: is the PACS running?`, cause);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new PacsError('unreachable', `The host name ${s.host} is not known: check the PACS address`, cause);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EHOSTDOWN')
    return new PacsError(
      'unreachable',
      `${s.host} cannot be reached from this workstation: check the address and the network`,
      cause,
    );
  if (CERTIFICATE_CODES.has(code) || /certificate|ssl|tls/i.test(socketError?.message ?? ''))
    return new PacsError(
      'certificate',
      `The TLS connection to ${where(s)} failed (${socketError?.message ?? code}): is the PACS certificate trusted (CA file)?`,
      cause,
    );
  if (code === 'ETIMEDOUT' || /timeout/i.test(libraryMessage))
    return associated
      ? new PacsError('timeout', `The PACS at ${where(s)} stopped answering during the ${what}`, cause)
      : new PacsError(
          'timeout',
          `${where(s)} did not answer in time: is the address right, and does the network let us through?`,
          cause,
        );
  if (associated || code === 'ECONNRESET' || code === 'EPIPE')
    return new PacsError('dropped', `The connection to ${where(s)} dropped during the ${what}`, cause);
  return new PacsError('other', `Could not talk to ${where(s)}: ${socketError?.message ?? libraryMessage}`, cause);
}

/** The connection closed before the exchange was over, with no socket error: the PACS hung up. */
export function droppedFailure(s: DimseSettings, what: string, peerAborted: boolean): PacsError {
  return new PacsError(
    'dropped',
    peerAborted
      ? `The PACS at ${where(s)} aborted the association during the ${what}`
      : `The connection to ${where(s)} dropped during the ${what}`,
  );
}

/** An A-ASSOCIATE-RJ: which party refused and why (PS3.8 9.3.4). */
export function rejectionFailure(s: DimseSettings, rj: { result: number; source: number; reason: number }): PacsError {
  const permanence = rj.result === 2 ? 'transient' : 'permanent';
  if (rj.source === 1 && rj.reason === 3)
    return new PacsError(
      'wrong-aet',
      `The PACS does not know our AE title ${s.ourAet}: ask its administrator to add ${s.ourAet} at this workstation's address (association rejected: calling AE title not recognised)`,
    );
  if (rj.source === 1 && rj.reason === 7)
    return new PacsError(
      'wrong-aet',
      `The PACS is not called ${s.calledAet} (association rejected: called AE title not recognised): check the node's called AE title`,
    );
  if (rj.source === 3)
    return new PacsError(
      'other',
      `The PACS is busy (association rejected, ${permanence}: ${rj.reason === 1 ? 'temporary congestion' : 'local limit exceeded'}): try again later`,
    );
  if (rj.source === 2 && rj.reason === 2)
    return new PacsError('bad-answer', `The PACS does not speak our DICOM protocol version (association rejected)`);
  return new PacsError(
    'wrong-aet',
    `The PACS rejected the association without giving a reason (${permanence}): check that it knows our AE title ${s.ourAet} and is called ${s.calledAet}`,
  );
}

const STATUS_NAMES: Record<number, string> = {
  0xa700: 'out of resources',
  0xa701: 'out of resources: unable to calculate the number of matches',
  0xa702: 'out of resources: unable to perform sub-operations',
  0xa801: 'move destination unknown',
  0xa900: 'data set does not match the SOP class',
  0xaa00: 'none of the instances could be sent',
  0xb000: 'some instances could not be sent',
  0xb006: 'elements discarded',
  0xb007: 'data set does not match the SOP class (stored anyway)',
  0xc000: 'unable to process',
  0x0110: 'processing failure',
  0x0111: 'duplicate SOP instance',
  0x0112: 'no such object instance',
  0x0117: 'invalid object instance',
  0x0122: 'SOP class not supported',
  0x0124: 'not authorised',
  0x0211: 'unrecognised operation',
};

/** "A801 (move destination unknown)": a DIMSE status as the user reads it. */
export function statusText(status: number): string {
  const hex = status.toString(16).toUpperCase().padStart(4, '0');
  const name =
    STATUS_NAMES[status] ??
    ((status & 0xf000) === 0xa000
      ? 'refused: out of resources'
      : (status & 0xf000) === 0xc000
        ? 'unable to process'
        : '');
  return name ? `${hex} (${name})` : hex;
}

export const isFailureStatus = (status: number): boolean =>
  status !== STATUS.success &&
  status !== STATUS.pending &&
  status !== STATUS.pendingWarning &&
  (status & 0xf000) !== 0xb000;

/** The PACS did not accept the presentation context a request needs: it does not offer that service. */
export function notOffered(s: DimseSettings, what: string): PacsError {
  return new PacsError('bad-answer', `The PACS at ${where(s)} does not offer ${what} to ${s.ourAet}`);
}
