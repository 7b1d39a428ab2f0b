import { describe, expect, it } from 'vitest';
import type { PacsNode } from '../../../shared/domain/pacs';
import {
  authText,
  dimseText,
  draftKeyOf,
  draftOf,
  pacsNodeDraftSchema,
  type PacsNodeDraft,
} from '../../../renderer/features/pacs/pacs-node-draft';
import { notImported } from '../../../renderer/features/pacs/PriorStudiesNotice';

const node: PacsNode = {
  id: 3,
  name: 'Radiology PACS',
  dicomweb: { url: 'http://pacs.local:8042/dicom-web', auth: 'basic', username: 'radiology', caFile: '' },
  dimse: {
    calledAet: 'ORTHANC',
    host: '10.0.0.5',
    port: 4242,
    ourAet: 'BOARDPREP',
    tls: false,
    caFile: '',
    retrieve: 'c-move',
    movePort: 11112,
  },
  hasSecret: true,
  prefer: 'dimse',
  version: 2,
};

const issues = (d: PacsNodeDraft) => {
  const r = pacsNodeDraftSchema.safeParse(d);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe('the PACS node form', () => {
  it('gives back a saved node unchanged, keeping the saved secret (empty password is null)', () => {
    const r = pacsNodeDraftSchema.parse(draftOf(node));
    expect(r).toEqual({
      name: 'Radiology PACS',
      dicomweb: node.dicomweb,
      dimse: node.dimse,
      secret: null,
      prefer: 'dimse',
    });
  });

  it('puts the contract problems beside the form fields', () => {
    const d = { ...draftOf(), name: 'Radiology', url: 'pacs.local', useDimse: true, calledAet: 'A'.repeat(17) };
    const found = issues({ ...d, host: '', port: '70000' });
    expect(found.url).toMatch(/DICOMweb base URL/);
    expect(found.calledAet).toBe('An AE title has at most 16 characters');
    expect(found.host).toMatch(/host/);
    expect(found.port).toBe('A port is between 1 and 65535');
    expect(issues({ ...draftOf(), name: 'X', useDicomweb: false }).useDicomweb).toMatch(/DICOMweb URL or a DIMSE/);
    expect(issues({ ...draftOf(node), movePort: '' }).movePort).toMatch(/C-MOVE needs/);
  });

  it('maps the host field paths to the fields', () => {
    expect(draftKeyOf('node.dicomweb.url'.split('.'))).toBe('url');
    expect(draftKeyOf('node.dimse.caFile'.split('.'))).toBe('dimseCaFile');
    expect(draftKeyOf('node.dicomweb.caFile'.split('.'))).toBe('webCaFile');
    expect(draftKeyOf(['name'])).toBe('name');
    expect(draftKeyOf(['node', 'secret'])).toBe('secret');
  });

  it('lists a node in words, never its secret', () => {
    expect(authText(node)).toBe('Basic (user radiology), password saved');
    expect(authText({ ...node, dicomweb: { ...node.dicomweb!, auth: 'bearer' }, hasSecret: false })).toBe(
      'Bearer token, no token saved',
    );
    expect(dimseText(node)).toBe('ORTHANC@10.0.0.5:4242, as BOARDPREP, C-MOVE to port 11112');
  });
});

describe('the prior studies notice', () => {
  const study = (uid: string, instanceCount: number | null, imported: 'all' | 'some' | 'none' = 'none') => ({
    studyUid: uid,
    patientId: '0000006',
    patientName: 'Bellona',
    date: '2015-10-26',
    description: 'CT',
    accession: '',
    modalities: ['CT'],
    seriesCount: 1,
    instanceCount,
    imported,
  });
  const held = (uid: string, images: number) => ({
    studyInstanceUid: uid,
    studyDate: null,
    description: null,
    modalities: [],
    dicomPatientName: null,
    dicomPatientId: null,
    series: [
      {
        seriesInstanceUid: '1.2',
        modality: 'CT',
        seriesNumber: 1,
        description: null,
        bodyPart: null,
        instanceCount: images,
        frameCount: images,
        thumbnailSopInstanceUid: null,
      },
    ],
  });

  it('counts what is not held in full, also when the host answer predates a retrieval', () => {
    const priors = {
      node: 'Radiology PACS',
      error: null,
      checkedAt: '2026-12-03T10:00:00Z',
      studies: [study('1.1', 37), study('1.3', 10, 'some'), study('1.4', 5, 'all')],
    };
    expect(notImported(priors).map((s) => s.studyUid)).toEqual(['1.1', '1.3']);
    expect(notImported(priors, [held('1.1', 37), held('1.3', 4)]).map((s) => s.studyUid)).toEqual(['1.3']);
  });
});
