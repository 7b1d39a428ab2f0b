import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/db/open';
import { clientFor } from '../../../electron/services/pacs/client-for';
import { PacsNodesService } from '../../../electron/services/pacs/nodes-service';
import { sendKeyImages } from '../../../electron/services/pacs/send-service';
import { PacsNodeInput } from '../../../shared/domain/pacs';
import { startOrthanc, type Orthanc } from '../../orthanc/orthanc';
import { caseWithKeyImages } from './key-objects-fixture';
import { runBoardprep } from '../helpers/cli';

let orthanc: Orthanc;
beforeAll(async () => {
  orthanc = await startOrthanc();
}, 60_000);
afterAll(() => orthanc?.stop());

interface OrthancSeries {
  ID: string;
  Instances: string[];
  MainDicomTags: { SeriesDescription?: string; Modality?: string; SeriesInstanceUID: string };
}

/** The series of a study as Orthanc's REST shows them, by description: modality and instance count. */
async function seriesInOrthanc(studyUid: string) {
  const [studyId] = await orthanc
    .rest<string[]>('/tools/lookup', { method: 'POST', body: studyUid })
    .then((hits) =>
      (hits as unknown as { ID: string; Type: string }[]).filter((h) => h.Type === 'Study').map((h) => h.ID),
    );
  const series = await orthanc.rest<OrthancSeries[]>(`/studies/${studyId}/series`);
  return series
    .map((s) => ({
      description: s.MainDicomTags.SeriesDescription,
      modality: s.MainDicomTags.Modality,
      uid: s.MainDicomTags.SeriesInstanceUID,
      instances: s.Instances.length,
    }))
    .sort((a, b) => (a.description ?? '').localeCompare(b.description ?? ''));
}

function node(db: Db, prefer: 'dicomweb' | 'dimse') {
  const nodes = new PacsNodesService(db);
  const { id } = nodes.save(
    null,
    0,
    PacsNodeInput.parse({
      name: 'Radiology PACS',
      dicomweb: { url: orthanc.dicomweb },
      dimse: { calledAet: orthanc.aet, host: '127.0.0.1', port: orthanc.dicomPort },
      prefer,
    }),
  );
  return nodes.get(id);
}

const control = () => ({
  signal: new AbortController().signal,
  report: () => {},
});

describe('key images sent to a real PACS (Orthanc)', () => {
  it('arrive by STOW-RS as the series "BoardPrep key images" beside one KOS, and a second send adds nothing', async () => {
    const { db, dataDir, caseId, keyImages } = await caseWithKeyImages();
    const pacs = node(db, 'dicomweb');
    const send = async () => {
      const client = clientFor(pacs);
      try {
        return await sendKeyImages({ db, dataDir, node: pacs, client }, caseId, control());
      } finally {
        await client.close();
      }
    };
    const studyUid = db.prepare('SELECT study_instance_uid FROM dicom_studies').pluck().get() as string;
    const first = await send();
    expect(first).toMatchObject({ transport: 'dicomweb', secondaryCaptures: 2, keyObjects: 1 });
    const expected = [
      { description: 'BoardPrep key images', modality: 'OT', uid: first.seriesUids[0], instances: 2 },
      { description: 'BoardPrep key images (For Conference)', modality: 'KO', uid: expect.any(String), instances: 1 },
    ];
    expect(await seriesInOrthanc(studyUid)).toEqual(expected);
    // Read back through Orthanc's REST: the SOP classes and the captions as the PACS holds them.
    const tags = await orthanc
      .rest<{ SOPClassUID: string; ImageComments?: string; PatientID: string }[]>('/tools/find', {
        method: 'POST',
        body: JSON.stringify({ Level: 'Instance', Query: { StudyInstanceUID: studyUid }, Expand: true }),
      })
      .then((found) =>
        Promise.all(
          (found as unknown as { ID: string }[]).map((i) =>
            orthanc.rest<Record<string, string>>(`/instances/${i.ID}/simplified-tags`),
          ),
        ),
      );
    const ours = tags.filter((t) => t.SOPClassUID !== '1.2.840.10008.5.1.4.1.1.2');
    expect(ours.map((t) => [t.SOPClassUID, t.ImageComments ?? null]).sort()).toEqual(
      [
        ['1.2.840.10008.5.1.4.1.1.7', keyImages[0].caption],
        ['1.2.840.10008.5.1.4.1.1.7', keyImages[1].caption],
        ['1.2.840.10008.5.1.4.1.1.88.59', null],
      ].sort(),
    );

    const again = await send();
    expect(again.seriesUids).toEqual(first.seriesUids);
    expect(await seriesInOrthanc(studyUid)).toEqual(expected);
    expect(db.prepare("SELECT status, files FROM pacs_transfers WHERE direction = 'send'").all()).toEqual([
      { status: 'done', files: 3 },
      { status: 'done', files: 3 },
    ]);
  });

  it('go by the command line: boardprep pacs send NAME --case ID, and a plain message and exit 1 on failure', async () => {
    const { db, dataDir, caseId } = await caseWithKeyImages();
    node(db, 'dicomweb');
    const sent = await runBoardprep('pacs', 'send', 'Radiology PACS', '--case', String(caseId), '--data', dataDir);
    expect(sent).toMatchObject({ code: 0, err: '' });
    expect(sent.out).toBe(
      "2 key images and 1 key object sent to Radiology PACS as the series 'BoardPrep key images' (STOW-RS).",
    );
    const json = await runBoardprep(
      'pacs',
      'send',
      'radiology pacs',
      '--case',
      String(caseId),
      '--json',
      '--data',
      dataDir,
    );
    expect(JSON.parse(json.out)).toMatchObject({ node: 'Radiology PACS', secondaryCaptures: 2, keyObjects: 1 });

    db.prepare('DELETE FROM key_images').run();
    const none = await runBoardprep('pacs', 'send', 'Radiology PACS', '--case', String(caseId), '--data', dataDir);
    expect(none).toMatchObject({ code: 1, err: 'boardprep pacs send: This case has no key images to send' });
    const missingCase = await runBoardprep('pacs', 'send', 'Radiology PACS', '--case', '999', '--data', dataDir);
    expect(missingCase.code).not.toBe(0);
    expect(missingCase.err).toMatch(/Case 999 does not exist/);
  });

  it('arrive by C-STORE just the same, and a second send adds nothing', async () => {
    const { db, dataDir, caseId } = await caseWithKeyImages();
    const studyUid = db.prepare('SELECT study_instance_uid FROM dicom_studies').pluck().get() as string;
    // The same CT was sent to this Orthanc by the STOW-RS test: start from an empty study.
    for (const hit of await orthanc.rest<{ ID: string; Type: string }[]>('/tools/lookup', {
      method: 'POST',
      body: studyUid,
    }))
      if (hit.Type === 'Study') await orthanc.rest(`/studies/${hit.ID}`, { method: 'DELETE' });
    const pacs = node(db, 'dimse');
    const send = async () => {
      const client = clientFor(pacs);
      try {
        return await sendKeyImages({ db, dataDir, node: pacs, client }, caseId, control());
      } finally {
        await client.close();
      }
    };
    const first = await send();
    expect(first).toMatchObject({ transport: 'dimse', secondaryCaptures: 2, keyObjects: 1 });
    const expected = [
      { description: 'BoardPrep key images', modality: 'OT', uid: first.seriesUids[0], instances: 2 },
      { description: 'BoardPrep key images (For Conference)', modality: 'KO', uid: expect.any(String), instances: 1 },
    ];
    expect(await seriesInOrthanc(studyUid)).toEqual(expected);
    await send();
    expect(await seriesInOrthanc(studyUid)).toEqual(expected);
  });
});
