import type { PacsPriors } from '../../../shared/contract/pacs';
import type { PacsSeries, PacsStudy, PacsStudyQuery, PacsTestResult } from '../../../shared/domain/pacs';
import type { Db } from '../../db/open';
import { DomainError } from '../errors';
import type { JobRegistry } from '../jobs/job-registry';
import { PacsError, type PacsClient } from './client';
import { clientFor, transportsOf } from './client-for';
import { PacsNodesService } from './nodes-service';
import type { PacsNodeWithSecret } from './nodes-sql';
import { queryStudies, querySeries } from './pacs-query';
import { PriorStudies } from './priors';
import { retrieveIntoCase, type RetrieveRequest } from './retrieve-service';
import { sendKeyImages } from './send-service';

export interface PacsServiceDeps {
  db: Db;
  dataDir: string;
  jobs: JobRegistry;
  log?: (message: string, error: unknown) => void;
  /** Builds a node's client; tests may wrap it (e.g. to count requests). */
  clientFor?: typeof clientFor;
}

/**
 * The hospital's PACS from BoardPrep (issue 15): its nodes, a test of each, queries, retrievals into a case and key
 * images back. Every call opens a client for the node and closes it when done, so no socket or listener outlives
 * the work; long work (retrieve, send) runs as a job with progress and cancel.
 */
export class PacsService {
  readonly nodes: PacsNodesService;
  readonly priorStudies: PriorStudies;
  private readonly clientFor: typeof clientFor;
  /** Node id / Study Instance UID of the retrievals running now. */
  private readonly retrieving = new Set<string>();

  constructor(private readonly deps: PacsServiceDeps) {
    this.nodes = new PacsNodesService(deps.db);
    this.clientFor = deps.clientFor ?? clientFor;
    this.priorStudies = new PriorStudies({
      db: deps.db,
      withClient: (node, work) => this.withClient(node, work),
    });
  }

  /** Each transport the node has, preferred first; a failure is an answer here, not an error. */
  async test(id: number): Promise<PacsTestResult[]> {
    const node = this.nodes.get(id);
    const results: PacsTestResult[] = [];
    for (const transport of transportsOf(node)) {
      results.push(await this.withClient(node, (client) => client.test(), transport));
    }
    return results;
  }

  query(nodeId: number, query: PacsStudyQuery): Promise<PacsStudy[]> {
    return this.withClient(this.nodes.get(nodeId), (client) => queryStudies(this.deps.db, client, query));
  }

  series(nodeId: number, studyUid: string): Promise<PacsSeries[]> {
    return this.withClient(this.nodes.get(nodeId), (client) => querySeries(this.deps.db, client, studyUid));
  }

  retrieve(nodeId: number, request: RetrieveRequest): { jobId: string } {
    const node = this.nodes.get(nodeId);
    // One retrieval per study and node at a time: they would share the study's incoming folder.
    const key = `${node.id}/${request.studyUid}`;
    if (this.retrieving.has(key))
      throw new DomainError(
        'conflict',
        `This study is already being retrieved from ${node.name}: wait for that retrieval to end (or cancel it).`,
      );
    this.retrieving.add(key);
    const jobId = this.deps.jobs.start('pacs-retrieve', {
      progress: { phase: 'starting', expected: null, received: 0, skipped: 0, imported: 0 },
      run: async (control) => {
        const result = await this.withClient(node, (client) =>
          retrieveIntoCase({ db: this.deps.db, dataDir: this.deps.dataDir, node, client }, request, control),
        );
        this.priorStudies.forgetAll();
        return result;
      },
      cancelled: 'Cancelled: nothing was added to the case; what arrived is kept for a retry',
      log: this.deps.log,
    });
    void this.deps.jobs.ended(jobId).then(() => this.retrieving.delete(key));
    return { jobId };
  }

  priors(caseId: number): PacsPriors {
    return this.priorStudies.get(caseId);
  }

  send(nodeId: number, caseId: number): { jobId: string } {
    const node = this.nodes.get(nodeId);
    const jobId = this.deps.jobs.start('pacs-send', {
      progress: { phase: 'starting', total: null, sent: 0 },
      run: (control) =>
        this.withClient(node, (client) =>
          sendKeyImages({ db: this.deps.db, dataDir: this.deps.dataDir, node, client }, caseId, control),
        ),
      log: this.deps.log,
    });
    return { jobId };
  }

  /** Runs `work` with a client of the node, always closed after; a PacsError becomes a DomainError the user reads. */
  private async withClient<T>(
    node: PacsNodeWithSecret,
    work: (client: PacsClient) => Promise<T>,
    transport = node.prefer,
  ): Promise<T> {
    const client = this.clientFor(node, transport);
    try {
      return await work(client);
    } catch (e) {
      if (e instanceof PacsError) throw new DomainError('unavailable', e.message);
      throw e;
    } finally {
      await client.close();
    }
  }
}
