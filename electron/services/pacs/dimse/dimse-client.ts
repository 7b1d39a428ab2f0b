 
import type { DimseSettings } from '../../../../shared/domain/pacs';
import { PacsError, type PacsClient } from '../client';

/** PLACEHOLDER (the DIMSE helper replaces this file): C-ECHO, C-FIND, C-GET/C-MOVE, C-STORE with dcmjs-dimse. */
export function dimseClient(_settings: DimseSettings, nodeName: string): PacsClient {
  const notYet = (): never => {
    throw new PacsError('other', `DIMSE is not available yet for "${nodeName}"`);
  };
  return {
    transport: 'dimse',
    test: notYet,
    findStudies: notYet,
    findSeries: notYet,
    findInstances: notYet,
    retrieve: notYet,
    store: notYet,
    close: async () => {},
  };
}
