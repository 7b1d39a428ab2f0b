import type { DicomwebSettings, PacsTestResult } from '../../../../shared/domain/pacs';
import { PacsError, type PacsClient } from '../client';
import { DicomwebHttp } from './http';
import { findSeries, findStudies, JSON_ACCEPT, listInstances, notDicomweb, readJsonArray } from './qido';
import { store } from './stow';
import { retrieve } from './wado';

/**
 * A DICOMweb node as a PacsClient: QIDO-RS queries (qido.ts), WADO-RS retrieval (wado.ts) and STOW-RS storage
 * (stow.ts) over one HTTP(S) connection pool with the node's authentication and CA file (http.ts).
 */
export function dicomwebClient(settings: DicomwebSettings, secret: string, nodeName: string): PacsClient {
  const http = new DicomwebHttp(settings, secret, nodeName);
  return {
    transport: 'dicomweb',
    test: () => testNode(http),
    findStudies: (query, signal) => findStudies(http, query, signal),
    findSeries: (studyUid, signal) => findSeries(http, studyUid, signal),
    findInstances: async (target, signal) => (await listInstances(http, target, signal)).map((i) => i.sopInstanceUid),
    retrieve: (target, options) => retrieve(http, target, options),
    store: (files, signal) => store(http, files, signal),
    close: () => http.close(),
  };
}

/** "Test" waits this long at most, whatever the idle timeout of a retrieval. */
const TEST_TIMEOUT_MS = 30_000;

/** One small QIDO-RS search (a single study): the node answers DICOM JSON, or the failure says why not. */
async function testNode(http: DicomwebHttp): Promise<PacsTestResult> {
  const started = performance.now();
  const signal = AbortSignal.timeout(TEST_TIMEOUT_MS);
  try {
    const res = await http.request('/studies', { params: { limit: '1' }, headers: JSON_ACCEPT, signal, alsoOk: [400] });
    // A real QIDO-RS service does not call this request bad; a web server that is not one (Orthanc's REST root) does.
    if (res.status === 400) throw notDicomweb(http);
    await readJsonArray(http, res, '/studies', signal);
    const ms = Math.round(performance.now() - started);
    return { transport: 'dicomweb', ok: true, failure: null, ms, message: `QIDO-RS answered in ${ms} ms` };
  } catch (error) {
    const failure = signal.aborted ? undefined : http.failure(error);
    if (failure instanceof PacsError)
      return { transport: 'dicomweb', ok: false, failure: failure.failure, ms: null, message: failure.message };
    const message = `No answer from ${http.hostPort} within ${TEST_TIMEOUT_MS / 1000} s (${http.nodeName})`;
    return { transport: 'dicomweb', ok: false, failure: 'timeout', ms: null, message };
  }
}
