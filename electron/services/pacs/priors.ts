import type { PacsPriors } from '../../../shared/contract/pacs';
import type { PacsStudyQuery } from '../../../shared/domain/pacs';
import type { Db } from '../../db/open';
import { getCasePatient } from '../dicom/dicom-sql';
import { DomainError } from '../errors';
import type { PacsClient } from './client';
import { listNodes, type PacsNodeWithSecret } from './nodes-sql';
import { queryStudies } from './pacs-query';

export interface PriorStudiesDeps {
  db: Db;
  /** Runs `work` with a client of the node, closed after (PacsService.withClient). */
  withClient<T>(node: PacsNodeWithSecret, work: (client: PacsClient) => Promise<T>): Promise<T>;
  now?: () => number;
  /** How long an answer is kept before the next poll asks the PACS again. */
  maxAgeMs?: number;
}

interface Entry {
  nodeId: number;
  priors: PacsPriors;
  /** When the answer was made (ms); 0 while the first query runs. */
  at: number;
  running: Promise<void> | null;
}

const FIVE_MINUTES = 5 * 60 * 1000;

/**
 * The case patient's studies on the PACS that BoardPrep does not hold in full (issue 15 item 5). The case screen
 * polls pacs:priors; each call answers at once from a small cache per case and, when there is no answer yet or it
 * is older than ~5 minutes, starts ONE background query of the first node (by name) by the patient's MRN. Calls
 * meanwhile share that query and answer what is known; a failure is kept as the answer's error, in plain words.
 */
export class PriorStudies {
  private readonly cache = new Map<number, Entry>();
  private readonly now: () => number;
  private readonly maxAgeMs: number;

  constructor(private readonly deps: PriorStudiesDeps) {
    this.now = deps.now ?? Date.now;
    this.maxAgeMs = deps.maxAgeMs ?? FIVE_MINUTES;
  }

  get(caseId: number): PacsPriors {
    const patient = getCasePatient(this.deps.db, caseId);
    if (!patient) throw new DomainError('not-found', `Case ${caseId} does not exist`);
    const node = listNodes(this.deps.db)[0];
    if (!node || patient.mrn.trim() === '')
      return { node: node?.name ?? null, studies: [], error: null, checkedAt: null };

    let entry = this.cache.get(caseId);
    if (!entry || entry.nodeId !== node.id) {
      entry = {
        nodeId: node.id,
        priors: { node: node.name, studies: [], error: null, checkedAt: null },
        at: 0,
        running: null,
      };
      this.cache.set(caseId, entry);
    }
    if (!entry.running && (entry.at === 0 || this.now() - entry.at > this.maxAgeMs))
      entry.running = this.refresh(entry, node, patient.mrn);
    return entry.priors;
  }

  /**
   * Forgets every answer: a retrieval has just changed what BoardPrep holds, for this case and for any other case of
   * the same patient. The next poll asks the PACS again.
   */
  forgetAll(): void {
    for (const [caseId, entry] of this.cache) if (!entry.running) this.cache.delete(caseId);
  }

  /** Settles when the case's background query (if any) has ended: for tests and shutdown. */
  async settled(caseId: number): Promise<void> {
    await this.cache.get(caseId)?.running;
  }

  private async refresh(entry: Entry, node: PacsNodeWithSecret, mrn: string): Promise<void> {
    const query: PacsStudyQuery = {
      patientId: mrn,
      patientName: '',
      from: null,
      to: null,
      modality: '',
      accession: '',
    };
    let priors: PacsPriors;
    try {
      const studies = await this.deps.withClient(node, (client) => queryStudies(this.deps.db, client, query));
      priors = {
        node: node.name,
        studies: studies.filter((s) => s.imported !== 'all'),
        error: null,
        checkedAt: new Date(this.now()).toISOString(),
      };
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      priors = {
        node: node.name,
        studies: entry.priors.studies,
        error: `Could not ask ${node.name} for this patient's studies: ${why}`,
        checkedAt: new Date(this.now()).toISOString(),
      };
    }
    entry.priors = priors;
    entry.at = this.now();
    entry.running = null;
  }
}
