import { useState } from 'react';
import type { PacsNode, PacsTestResult } from '../../../shared/domain/pacs';
import { Banner } from '../../components/Banner';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useRead, useWrite } from '../../data/hooks';
import { plainMessage } from '../clinical/clinical-format';
import { authText, dimseText, TRANSPORT_LABEL } from './pacs-node-draft';
import { PacsNodeForm } from './PacsNodeForm';
import '../../styles/pacs.css';

/**
 * #/admin/pacs (issue 15 item 1): the hospital's PACS nodes BoardPrep may query, retrieve from and send key images
 * to, each with a Test that says in plain words what answered or what failed; add, edit and remove.
 */
export function PacsNodesScreen() {
  const nodes = useRead('pacs:nodes', {});
  const [editing, setEditing] = useState<number | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <section className="pacs-nodes" aria-labelledby="pacs-title">
      <h1 id="pacs-title">PACS nodes</h1>
      <p className="muted">
        The hospital&apos;s PACS: presenters query it from a case&apos;s Imaging tab, retrieve studies into the case and
        send key images back. The first node is the one checked for a patient&apos;s prior studies.
      </p>
      <Banner message={saved ? { kind: 'saved', text: saved } : null} />
      {nodes.isError && <Banner message={{ kind: 'error', text: nodes.error.message }} />}
      {nodes.data && nodes.data.length === 0 && <p role="status">No PACS node yet: add one below.</p>}
      {nodes.data && nodes.data.length > 0 && (
        <ul className="pacs-nodes__list" aria-label="PACS nodes">
          {nodes.data.map((n) =>
            editing === n.id ? (
              <li key={n.id} className="pacs-node">
                <PacsNodeForm
                  node={n}
                  onCancel={() => setEditing(null)}
                  onSaved={(s) => {
                    setEditing(null);
                    setSaved(`${s.name} saved.`);
                  }}
                />
              </li>
            ) : (
              <NodeRow key={n.id} node={n} onEdit={() => setEditing(n.id)} onRemoved={setSaved} />
            ),
          )}
        </ul>
      )}
      {nodes.data && <PacsNodeForm onSaved={(s) => setSaved(`${s.name} added: use Test to check it answers.`)} />}
    </section>
  );
}

function NodeRow({ node, onEdit, onRemoved }: { node: PacsNode; onEdit: () => void; onRemoved: (m: string) => void }) {
  const test = useWrite('pacs:test');
  const remove = useWrite('pacs:removeNode');
  const [results, setResults] = useState<PacsTestResult[] | null>(null);
  const [testError, setTestError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const dimse = dimseText(node);

  async function runTest() {
    setResults(null);
    setTestError(null);
    try {
      const r = await test.mutateAsync({ id: node.id });
      if (r.ok) setResults(r.value);
      else setTestError(plainMessage(r.error));
    } catch (err) {
      setTestError((err as Error).message);
    }
  }

  return (
    <li className="pacs-node" aria-label={node.name}>
      <div className="pacs-node__head">
        <h2>{node.name}</h2>
        <div className="pacs-node__actions">
          <button type="button" className="button" disabled={test.isPending} onClick={() => void runTest()}>
            {test.isPending ? 'Testing...' : 'Test'}
          </button>
          <button type="button" className="button button--ghost" onClick={onEdit}>
            Edit
          </button>
          <button type="button" className="button button--ghost" onClick={() => setConfirming(true)}>
            Remove
          </button>
        </div>
      </div>
      <dl className="pacs-node__facts">
        {node.dicomweb && (
          <>
            <dt>DICOMweb</dt>
            <dd>
              <code>{node.dicomweb.url}</code> · {authText(node)}
              {node.dicomweb.caFile ? ` · CA file ${node.dicomweb.caFile}` : ''}
            </dd>
          </>
        )}
        {dimse && (
          <>
            <dt>DIMSE</dt>
            <dd>{dimse}</dd>
          </>
        )}
        {node.dicomweb && node.dimse && (
          <>
            <dt>Preferred</dt>
            <dd>{TRANSPORT_LABEL[node.prefer]}</dd>
          </>
        )}
      </dl>
      <div className="pacs-node__test" role="status" aria-live="polite" aria-label={`Test of ${node.name}`}>
        {test.isPending && <span>Testing {node.name}...</span>}
        {testError && <span className="pacs-test pacs-test--failed">Test failed: {testError}</span>}
        {results?.map((r) => (
          <div key={r.transport} className={`pacs-test pacs-test--${r.ok ? 'ok' : 'failed'}`}>
            {testText(r)}
          </div>
        ))}
      </div>
      {confirming && (
        <ConfirmDialog
          title={`Remove the PACS node ${node.name}?`}
          confirmLabel="Remove"
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            const r = await remove.mutateAsync({ id: node.id });
            if (!r.ok) return plainMessage(r.error);
            setConfirming(false);
            onRemoved(`${node.name} removed.`);
          }}
        >
          <p>Presenters can no longer query or retrieve from it. Studies already retrieved stay in their cases.</p>
        </ConfirmDialog>
      )}
    </li>
  );
}

/** "DICOMweb: OK, answered in 12 ms" or "DIMSE: failed: The PACS refused our AE title ...". */
export function testText(r: PacsTestResult): string {
  const label = TRANSPORT_LABEL[r.transport];
  if (r.ok) return `${label}: OK${r.ms !== null ? `, answered in ${Math.round(r.ms)} ms` : ''}.`;
  return `${label}: failed: ${r.message}`;
}
