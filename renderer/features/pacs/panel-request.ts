import { useSyncExternalStore } from 'react';

/**
 * "Show them" on the prior studies notice: asks the case's PACS panel (on the Imaging tab, perhaps not mounted yet)
 * to open on the node the priors came from and list the patient's studies. Kept here until the panel takes it.
 */
export interface PanelRequest {
  caseId: number;
  /** The node's name, as pacs:priors gives it. */
  node: string | null;
}

let pending: PanelRequest | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function set(next: PanelRequest | null): void {
  pending = next;
  for (const l of listeners) l();
}

export const requestPanel = (request: PanelRequest): void => set(request);

/** Takes the request once it has been acted on, so it does not open the panel again on the next visit. */
export const takeRequest = (): void => set(null);

/** The open request for this case, or null. */
export function usePanelRequest(caseId: number): PanelRequest | null {
  const request = useSyncExternalStore(subscribe, () => pending);
  return request?.caseId === caseId ? request : null;
}
