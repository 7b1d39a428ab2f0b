import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { demoCaseId } from '../../../electron/services/demo/demo-case-ids';
import { readDemoBoard } from '../../../electron/services/demo/demo-board';
import { loadDemoImages } from '../../../electron/services/demo/demo-images';
import { loadDemoBoard } from '../../../electron/services/demo/demo-service';
import { KeyImagesService } from '../../../electron/services/imaging/key-images-service';
import { buildKeyObjects } from '../../../electron/services/pacs/key-objects/build';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';

const PYDICOM = `
import sys, json, pydicom
out = []
for f in sys.argv[1:]:
    d = pydicom.dcmread(f)
    if d.Modality == "KO":
        out.append({"kos": d.ConceptNameCodeSequence[0].CodeMeaning, "study": d.StudyInstanceUID,
          "images": len([i for i in d.ContentSequence if i.ValueType == "IMAGE"])})
    else:
        out.append({"shape": list(d.pixel_array.shape), "comments": d.ImageComments, "study": d.StudyInstanceUID})
print(json.dumps(out))`;

describe('key objects of the demo board', () => {
  it("write the thigh case's two key images (two studies) as two SCs of the PNG's size and one For Conference KOS per study", async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    loadDemoBoard(db, RESOURCES_DIR);
    await loadDemoImages(db, dataDir, RESOURCES_DIR);
    const caseId = demoCaseId(db, readDemoBoard(RESOURCES_DIR), 'thigh-ilms')!;
    const keyImages = new KeyImagesService(db, dataDir);
    const [baseline, restaging] = keyImages.list(caseId);
    const studies = buildKeyObjects(db, dataDir, caseId);
    expect(studies).toHaveLength(2);

    const files = studies.flatMap((s, i) =>
      [...s.secondaryCaptures, s.keyObject].map((o, j) => {
        const file = path.join(dataDir, `out-${i}-${j}.dcm`);
        writeFileSync(file, o.bytes);
        return file;
      }),
    );
    const size = (id: number) => {
      const png = PNG.sync.read(readFileSync(path.join(dataDir, keyImages.renderPath(id)!)));
      return [png.height, png.width, 3];
    };
    const [s0, s1] = studies.map((s) => s.studyUid);
    expect(JSON.parse(execFileSync('/usr/bin/python3', ['-c', PYDICOM, ...files], { encoding: 'utf8' }))).toEqual([
      { shape: size(baseline.id), comments: baseline.caption, study: s0 },
      { kos: 'For Conference', study: s0, images: 2 },
      { shape: size(restaging.id), comments: restaging.caption, study: s1 },
      { kos: 'For Conference', study: s1, images: 2 },
    ]);
    db.close();
  }, 120_000);
});
