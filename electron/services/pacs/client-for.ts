import type { PacsTransport } from '../../../shared/domain/pacs';
import { DomainError } from '../errors';
import type { PacsClient } from './client';
import { dicomwebClient } from './dicomweb/dicomweb-client';
import { dimseClient } from './dimse/dimse-client';
import type { PacsNodeWithSecret } from './nodes-sql';

/** The client for a node: the transport asked for, or the node's preferred one. */
export function clientFor(node: PacsNodeWithSecret, transport: PacsTransport = node.prefer): PacsClient {
  if (transport === 'dicomweb') {
    if (!node.dicomweb) throw new DomainError('invalid-input', `The PACS node "${node.name}" has no DICOMweb URL`);
    return dicomwebClient(node.dicomweb, node.secret, node.name);
  }
  if (!node.dimse) throw new DomainError('invalid-input', `The PACS node "${node.name}" has no DIMSE address`);
  return dimseClient(node.dimse, node.name);
}

/** Every transport the node has, preferred first (what "Test" checks). */
export function transportsOf(node: PacsNodeWithSecret): PacsTransport[] {
  const all: PacsTransport[] = [];
  if (node.dicomweb) all.push('dicomweb');
  if (node.dimse) all.push('dimse');
  return all.sort((a, b) => (a === node.prefer ? -1 : b === node.prefer ? 1 : 0));
}
