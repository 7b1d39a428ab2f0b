 
import type { DicomwebSettings } from '../../../../shared/domain/pacs';
import { PacsError, type PacsClient } from '../client';

/** PLACEHOLDER (the DICOMweb helper replaces this file): QIDO-RS, WADO-RS and STOW-RS over HTTP(S). */
export function dicomwebClient(_settings: DicomwebSettings, _secret: string, nodeName: string): PacsClient {
  const notYet = (): never => {
    throw new PacsError('other', `DICOMweb is not available yet for "${nodeName}"`);
  };
  return {
    transport: 'dicomweb',
    test: notYet,
    findStudies: notYet,
    findSeries: notYet,
    findInstances: notYet,
    retrieve: notYet,
    store: notYet,
    close: async () => {},
  };
}
