import { describe, expect, it } from 'vitest';
import type { DimseSettings } from '../../../shared/domain/pacs';
import { networkFailure, rejectionFailure, statusText } from '../../../electron/services/pacs/dimse/failures';

const s: DimseSettings = {
  calledAet: 'PACS',
  host: 'pacs.local',
  port: 104,
  ourAet: 'BOARDPREP',
  tls: true,
  caFile: '',
  retrieve: 'c-get',
  movePort: null,
};

const socketError = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('DIMSE failures in plain words', () => {
  it('says which AE title the PACS refused, by the reason it gave', () => {
    expect(rejectionFailure(s, { result: 1, source: 1, reason: 3 })).toMatchObject({
      failure: 'wrong-aet',
      message: expect.stringMatching(
        /^The PACS does not know our AE title BOARDPREP: ask its administrator to add BOARDPREP at this workstation's address/,
      ),
    });
    expect(rejectionFailure(s, { result: 1, source: 1, reason: 7 })).toMatchObject({
      failure: 'wrong-aet',
      message: expect.stringMatching(/^The PACS is not called PACS/),
    });
    expect(rejectionFailure(s, { result: 2, source: 3, reason: 1 }).message).toMatch(/busy .*temporary congestion/);
  });

  it('maps socket errors by their code', () => {
    expect(networkFailure(s, 'C-ECHO', false, socketError('ECONNREFUSED'), '').failure).toBe('refused');
    expect(networkFailure(s, 'C-ECHO', false, socketError('EHOSTUNREACH'), '').failure).toBe('unreachable');
    expect(
      networkFailure(s, 'C-ECHO', false, socketError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), ''),
    ).toMatchObject({ failure: 'certificate', message: expect.stringMatching(/self-signed certificate.*CA file/) });
    expect(networkFailure(s, 'C-GET', true, socketError('ECONNRESET'), '')).toMatchObject({
      failure: 'dropped',
      message: 'The connection to pacs.local:104 dropped during the C-GET',
    });
    expect(networkFailure(s, 'C-FIND', true, undefined, 'Connection timeout').failure).toBe('timeout');
  });

  it('names DIMSE statuses', () => {
    expect(statusText(0xa801)).toBe('A801 (move destination unknown)');
    expect(statusText(0xa7ff)).toBe('A7FF (refused: out of resources)');
    expect(statusText(0x1234)).toBe('1234');
  });
});
