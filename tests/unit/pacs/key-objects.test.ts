import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import dcmjs from 'dcmjs';
import { describe, expect, it } from 'vitest';
import { buildKeyObjects } from '../../../electron/services/pacs/key-objects/build';
import type { PacsClient } from '../../../electron/services/pacs/client';
import { sendKeyImages } from '../../../electron/services/pacs/send-service';
import type { PacsNodeWithSecret } from '../../../electron/services/pacs/nodes-sql';
import { PacsNodesService } from '../../../electron/services/pacs/nodes-service';
import type { Db } from '../../../electron/db/open';
import { PacsNodeInput } from '../../../shared/domain/pacs';
import type { PacsSendProgress } from '../../../shared/contract/pacs';
import { caseWithKeyImages } from './key-objects-fixture';
import { tempDataDir } from '../helpers/temp';

/** dcmdump's line for a tag, e.g. '(0008,0016) UI =SecondaryCaptureImageStorage'. */
const dump = (file: string, tag: string) =>
  execFileSync('dcmdump', ['+P', tag, file], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => l.replace(/\s+#.*$/, '').trim());

const py = (script: string, ...args: string[]) =>
  JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, ...args], { encoding: 'utf8' }));

const PYDICOM_SC = `
import sys, json, pydicom
d = pydicom.dcmread(sys.argv[1])
print(json.dumps({"shape": list(d.pixel_array.shape), "comments": d.ImageComments, "pid": d.PatientID,
  "study": d.StudyInstanceUID, "series": d.SeriesDescription, "ts": str(d.file_meta.TransferSyntaxUID),
  "source": d.SourceImageSequence[0].ReferencedSOPInstanceUID, "pixel": [int(v) for v in d.pixel_array[5, 7]]}))`;

const PYDICOM_KOS = `
import sys, json, pydicom
d = pydicom.dcmread(sys.argv[1])
title = d.ConceptNameCodeSequence[0]
images = [i.ReferencedSOPSequence[0].ReferencedSOPInstanceUID for i in d.ContentSequence if i.ValueType == "IMAGE"]
evidence = [s.ReferencedSOPInstanceUID for st in d.CurrentRequestedProcedureEvidenceSequence
  for se in st.ReferencedSeriesSequence for s in se.ReferencedSOPSequence]
print(json.dumps({"title": [title.CodeValue, title.CodingSchemeDesignator, title.CodeMeaning], "images": images,
  "evidence": evidence, "sop": d.SOPClassUID, "modality": d.Modality, "study": d.StudyInstanceUID,
  "pid": d.PatientID, "text": [i.TextValue for i in d.ContentSequence if i.ValueType == "TEXT"]}))`;

/** A saved node (the transfer rows reference it); the client is a stand-in, the node's address is never called. */
function savedNode(db: Db): PacsNodeWithSecret {
  const nodes = new PacsNodesService(db);
  const { id } = nodes.save(
    null,
    0,
    PacsNodeInput.parse({ name: 'Radiology PACS', dicomweb: { url: 'http://127.0.0.1:9/dicom-web' } }),
  );
  return nodes.get(id);
}

/** The SOP Instance UID of a Part 10 file, from its meta group. */
function sopOf(file: Uint8Array): string {
  const buffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
  return dcmjs.data.DicomMessage.readFile(buffer).meta['00020003'].Value![0] as string;
}

function recordingClient(stored: Uint8Array[][]): PacsClient {
  return {
    transport: 'dicomweb',
    store: async (files) => {
      stored.push([...files]);
      return files.map(sopOf);
    },
  } as PacsClient;
}

const control = (seen: PacsSendProgress[] = []) => ({
  signal: new AbortController().signal,
  report: (p: Partial<PacsSendProgress>) =>
    seen.push({ ...(seen.at(-1) ?? { phase: 'starting', total: null, sent: 0 }), ...p }),
});

describe('key objects (Secondary Capture and Key Object Selection)', () => {
  it('write one RGB Secondary Capture per key image with the source patient and study, and a For Conference KOS', async () => {
    const { db, dataDir, caseId, keyImages, sizes, sops } = await caseWithKeyImages();
    const studies = buildKeyObjects(db, dataDir, caseId);
    expect(studies).toHaveLength(1);
    const [study] = studies;
    const source = db.prepare('SELECT study_instance_uid, patient_id_dicom FROM dicom_studies').get() as {
      study_instance_uid: string;
      patient_id_dicom: string;
    };
    expect(study.studyUid).toBe(source.study_instance_uid);
    const out = tempDataDir();
    const scFiles = study.secondaryCaptures.map((sc, i) => {
      const file = path.join(out, `sc${i}.dcm`);
      writeFileSync(file, sc.bytes);
      return file;
    });
    const kosFile = path.join(out, 'kos.dcm');
    writeFileSync(kosFile, study.keyObject.bytes);

    for (const [i, file] of scFiles.entries()) {
      const [width, height] = sizes[i];
      expect(dump(file, '0008,0016')).toEqual(['(0008,0016) UI =SecondaryCaptureImageStorage']);
      expect(dump(file, '0028,0004')).toEqual(['(0028,0004) CS [RGB]']);
      expect(dump(file, '0028,0002')).toEqual(['(0028,0002) US 3']);
      expect(dump(file, '0028,0006')).toEqual(['(0028,0006) US 0']);
      expect(dump(file, '0028,0010')).toEqual([`(0028,0010) US ${height}`]);
      expect(dump(file, '0028,0011')).toEqual([`(0028,0011) US ${width}`]);
      expect(dump(file, '0020,4000')).toEqual([`(0020,4000) LT [${keyImages[i].caption}]`]);
      expect(dump(file, '0010,0020')).toEqual([`(0010,0020) LO [${source.patient_id_dicom}]`]);
      expect(dump(file, '0020,000d')).toEqual([`(0020,000d) UI [${source.study_instance_uid}]`]);
      expect(dump(file, '0008,0064')).toEqual(['(0008,0064) CS [WSD]']);
      expect(dump(file, '0008,0060')).toEqual(['(0008,0060) CS [OT]']);

      const sc = py(PYDICOM_SC, file);
      expect(sc).toMatchObject({
        shape: [height, width, 3],
        comments: keyImages[i].caption,
        pid: source.patient_id_dicom,
        study: source.study_instance_uid,
        series: 'BoardPrep key images',
        ts: '1.2.840.10008.1.2.1',
        source: sops[10 + i * 10],
        // The gradient: red = x, green = y, blue 200 (alpha dropped).
        pixel: [7, 5, 200],
      });
    }

    expect(dump(kosFile, '0008,0016')).toEqual(['(0008,0016) UI =KeyObjectSelectionDocumentStorage']);
    const kos = py(PYDICOM_KOS, kosFile);
    const scUids = study.secondaryCaptures.map((s) => s.sopInstanceUid);
    expect(kos).toMatchObject({
      title: ['113005', 'DCM', 'For Conference'],
      sop: '1.2.840.10008.5.1.4.1.1.88.59',
      modality: 'KO',
      study: source.study_instance_uid,
      pid: source.patient_id_dicom,
      images: [sops[10], scUids[0], sops[20], scUids[1]],
      text: [`1. ${keyImages[0].caption}\n2. ${keyImages[1].caption}`],
    });
    expect([...kos.evidence].sort()).toEqual([sops[10], sops[20], ...scUids].sort());
  });

  it('keep their UIDs when written again, and give a re-captioned key image a new instance', async () => {
    const { db, dataDir, caseId, keyImages, service } = await caseWithKeyImages();
    const uids = () =>
      buildKeyObjects(db, dataDir, caseId).flatMap((s) => [
        s.seriesUid,
        s.keyObjectSeriesUid,
        s.keyObject.sopInstanceUid,
        ...s.secondaryCaptures.map((c) => c.sopInstanceUid),
      ]);
    const first = uids();
    expect(uids()).toEqual(first);
    for (const uid of first) expect(uid).toMatch(/^2\.25\.[1-9][0-9]{0,38}$/);
    expect(new Set(first).size).toBe(first.length);
    service.updateCaption(keyImages[1].id, 'Axial CT: node, remeasured');
    const [series, koSeries, kos, sc0, sc1] = uids();
    expect([series, koSeries, sc0]).toEqual([first[0], first[1], first[3]]);
    expect(kos).not.toBe(first[2]);
    expect(sc1).not.toBe(first[4]);
  });

  it('are sent per study with progress and a send row in the transfers; a case without key images is refused', async () => {
    const { db, dataDir, caseId } = await caseWithKeyImages();
    const stored: Uint8Array[][] = [];
    const seen: PacsSendProgress[] = [];
    const deps = { db, dataDir, node: savedNode(db), client: recordingClient(stored) };
    const result = await sendKeyImages(deps, caseId, control(seen));
    expect(result).toMatchObject({
      node: 'Radiology PACS',
      transport: 'dicomweb',
      secondaryCaptures: 2,
      keyObjects: 1,
    });
    expect(stored.map((s) => s.length)).toEqual([3]);
    expect(seen.at(-1)).toEqual({ phase: 'sending', total: 3, sent: 3 });
    expect(seen.some((p) => p.phase === 'writing')).toBe(true);
    expect(db.prepare('SELECT direction, status, files, series_uid, node_name FROM pacs_transfers').all()).toEqual([
      { direction: 'send', status: 'done', files: 3, series_uid: result.seriesUids[0], node_name: 'Radiology PACS' },
    ]);

    db.prepare('DELETE FROM key_images').run();
    await expect(sendKeyImages(deps, caseId, control())).rejects.toThrow('This case has no key images to send');
  });

  it('name the key image whose source image is no longer in the store, and record a refused store as failed', async () => {
    const { db, dataDir, caseId, sops } = await caseWithKeyImages();
    const stored = db
      .prepare('SELECT stored_path FROM dicom_instances WHERE sop_instance_uid = ?')
      .pluck()
      .get(sops[20]);
    const refusing = {
      transport: 'dimse',
      store: async () => [],
    } as unknown as PacsClient;
    await expect(
      sendKeyImages({ db, dataDir, node: savedNode(db), client: refusing }, caseId, control()),
    ).rejects.toThrow(/Radiology PACS accepted 0 of the 3 key objects/);
    expect(db.prepare('SELECT status, files, transport FROM pacs_transfers').get()).toEqual({
      status: 'failed',
      files: 0,
      transport: 'dimse',
    });

    rmSync(path.join(dataDir, stored as string));
    expect(() => buildKeyObjects(db, dataDir, caseId)).toThrow(
      `Key image 2 ("Axial CT: node, café-au-lait") cannot be sent: its source image ${sops[20]} is no longer in the image store`,
    );
  });
});
