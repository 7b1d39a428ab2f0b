import { useEffect, useRef, useState } from 'react';
import type { PacsRetrieveJobStatus } from '../../../shared/contract/pacs';
import type { PacsNode, PacsStudyQuery } from '../../../shared/domain/pacs';
import { isJobActive } from '../../../shared/contract/job';
import { useCan } from '../../auth/useCan';
import { Banner } from '../../components/Banner';
import { useRead, useWrite } from '../../data/hooks';
import { useJobStatus } from '../../data/jobs';
import { plainMessage } from '../clinical/clinical-format';
import { ImportOutcomeReport, Progress } from '../imaging/ImportReport';
import { takeRequest, usePanelRequest } from './panel-request';
import { PacsQueryForm, type QueryDraft } from './PacsQueryForm';
import { PacsStudies } from './PacsStudies';
import '../../styles/pacs.css';

/** What to retrieve: a study, or some of its series; `label` names it in the progress line. */
export interface RetrieveChoice {
  studyUid: string;
  seriesUids: string[];
  label: string;
}

/**
 * Issue 15 item 2: the case's PACS panel on the Imaging tab. Query a node for the patient's studies (by MRN, name,
 * dates, modality, accession), see which are already imported, and retrieve a study or chosen series into the
 * case with progress and Cancel; the outcome reads as a file import's. A patient mismatch asks the same question
 * as a file import (the import panel's prompts). Only for those who may import images.
 */
export function PacsPanel({ caseId }: { caseId: number }) {
  const can = useCan('imaging.import');
  const nodes = useRead('pacs:nodes', {}, { enabled: can });
  if (!can || !nodes.data || nodes.data.length === 0) return null;
  return <Panel caseId={caseId} nodes={nodes.data} />;
}

function Panel({ caseId, nodes }: { caseId: number; nodes: PacsNode[] }) {
  const { data: record } = useRead('cases:get', { id: caseId });
  const [open, setOpen] = useState(false);
  const [nodeId, setNodeId] = useState(nodes[0].id);
  const [query, setQuery] = useState<PacsStudyQuery | null>(null);
  const [retrieval, setRetrieval] = useState<{ jobId: string; choice: RetrieveChoice; node: string } | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const request = usePanelRequest(caseId);
  const ref = useRef<HTMLElement>(null);
  const node = nodes.find((n) => n.id === nodeId) ?? nodes[0];
  const mrn = record?.patient.mrn ?? '';

  // The prior-studies notice asked for the panel: open it on that node with the patient's studies listed.
  useEffect(() => {
    if (!request || !mrn) return;
    const asked = nodes.find((n) => n.name === request.node) ?? nodes[0];
    setNodeId(asked.id);
    setOpen(true);
    setQuery(byMrn(mrn));
    takeRequest();
    ref.current?.scrollIntoView({ block: 'start' });
  }, [request, mrn, nodes]);

  const studies = useRead(
    'pacs:query',
    { nodeId: node.id, query: query ?? byMrn(mrn) },
    {
      enabled: open && query !== null,
      retry: false,
    },
  );
  const retrieve = useWrite('pacs:retrieve');
  const status = useJobStatus('jobs:status', retrieval?.jobId ?? null);
  const job = status.data?.kind === 'pacs-retrieve' ? status.data : undefined;
  const active = retrieve.isPending || (retrieval !== null && !status.error && (!job || isJobActive(job.state)));

  async function start(choice: RetrieveChoice) {
    setStartError(null);
    try {
      const r = await retrieve.mutateAsync({
        nodeId: node.id,
        caseId,
        studyUid: choice.studyUid,
        seriesUids: choice.seriesUids,
        confirmMismatch: false,
      });
      if (r.ok) setRetrieval({ jobId: r.value.jobId, choice, node: node.name });
      else setStartError(plainMessage(r.error));
    } catch (err) {
      setStartError((err as Error).message);
    }
  }

  const title = `PACS${nodes.length === 1 ? `: ${node.name}` : ''}`;
  return (
    <section ref={ref} className="pacs-panel" aria-label="PACS">
      <div className="pacs-panel__row">
        <div>
          <strong>{title}</strong>
          <span className="muted">
            {' '}
            · find this patient&apos;s studies on the hospital&apos;s PACS and retrieve them
          </span>
        </div>
        <button
          type="button"
          className="button"
          aria-expanded={open}
          onClick={() => {
            if (!open && query === null && mrn) setQuery(byMrn(mrn));
            setOpen(!open);
          }}
        >
          {open ? 'Hide PACS' : 'Search the PACS'}
        </button>
      </div>
      {open && (
        <>
          {nodes.length > 1 && (
            <label className="pacs-panel__node">
              PACS node{' '}
              <select value={node.id} onChange={(e) => setNodeId(Number(e.target.value))}>
                {nodes.map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <PacsQueryForm
            key={mrn}
            initial={draftFor(mrn)}
            // The same question again asks the PACS again (a study may have arrived there since).
            onSearch={(q) => (JSON.stringify(q) === JSON.stringify(query) ? void studies.refetch() : setQuery(q))}
          />
          {studies.isFetching && !studies.data && <p role="status">Asking {node.name}...</p>}
          {studies.error && (
            <Banner message={{ kind: 'error', text: `${node.name} could not be queried: ${studies.error.message}` }} />
          )}
          {studies.data && query && (
            <PacsStudies
              nodeId={node.id}
              nodeName={node.name}
              studies={studies.data}
              busy={active}
              onRetrieve={(c) => void start(c)}
              retrieving={retrieval?.choice.studyUid ?? null}
            />
          )}
        </>
      )}
      {startError && <Banner message={{ kind: 'error', text: `Not retrieved: ${startError}` }} />}
      {retrieval && (
        <RetrievalStatus
          jobId={retrieval.jobId}
          choice={retrieval.choice}
          node={retrieval.node}
          job={job}
          error={status.error?.message ?? null}
        />
      )}
    </section>
  );
}

const byMrn = (mrn: string): PacsStudyQuery => ({
  patientId: mrn,
  patientName: '',
  from: null,
  to: null,
  modality: '',
  accession: '',
});

const draftFor = (mrn: string): QueryDraft => ({
  patientId: mrn,
  patientName: '',
  from: '',
  to: '',
  modality: '',
  accession: '',
});

/** A retrieval's progress with Cancel, then what it brought into the case (as a file import reports it). */
function RetrievalStatus({
  jobId,
  choice,
  node,
  job,
  error,
}: {
  jobId: string;
  choice: RetrieveChoice;
  node: string;
  job: PacsRetrieveJobStatus | undefined;
  error: string | null;
}) {
  const cancelJob = useWrite('jobs:cancel');
  if (error) return <Banner message={{ kind: 'error', text: error }} />;
  if (!job) return <p role="status">Starting the retrieval of {choice.label}...</p>;
  if (isJobActive(job.state)) {
    const p = job.progress;
    return (
      <Progress
        label={progressText(job, choice.label, node)}
        value={p.phase === 'importing' ? p.imported : p.received + p.skipped}
        max={p.expected ?? 0}
        progressLabel="Retrieval progress"
        onCancel={() => cancelJob.mutate({ jobId })}
      />
    );
  }
  if (job.state === 'cancelled')
    return (
      <div className="banner banner--error" role="status">
        Retrieval of {choice.label} cancelled: nothing was added to the case. What arrived is kept, so Retrieve again
        goes on from there.
      </div>
    );
  if (job.state === 'failed')
    return <Banner message={{ kind: 'error', text: `Retrieval of ${choice.label} failed: ${job.error ?? ''}` }} />;
  if (!job.result) return null;
  const r = job.result;
  return (
    <div className="pacs-panel__done">
      <div className="banner banner--saved" role="status">
        Retrieved {choice.label} from {r.node}: {r.received} received
        {r.skipped > 0 ? `, ${r.skipped} already here` : ''}.
      </div>
      <ImportOutcomeReport outcome={r.import} uploaded={false} />
    </div>
  );
}

/** "Receiving CT CHEST from Radiology PACS: 12 of 37 images (5 already here)", then "Importing: 30 of 37". */
function progressText(job: PacsRetrieveJobStatus, label: string, node: string): string {
  const p = job.progress;
  const of = p.expected !== null ? ` of ${p.expected}` : '';
  switch (p.phase) {
    case 'starting':
      return `Starting the retrieval of ${label}...`;
    case 'querying':
      return `Asking ${node} what ${label} holds...`;
    case 'receiving':
      return `Receiving ${label} from ${node}: ${p.received + p.skipped}${of} images${p.skipped > 0 ? ` (${p.skipped} already here)` : ''}`;
    case 'importing':
      return `Importing ${label}: ${p.imported}${of} images`;
  }
}
