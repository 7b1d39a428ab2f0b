/**
 * Run by atomicity.test.ts in a child process that the test kills with SIGKILL in the middle of an import:
 *   node --import tsx tests/unit/dicom/crash-child.ts DATA_DIR SOURCE...
 * Each store write is slowed down and announced on stdout ("writing N"), so the test can kill it mid-import.
 */
import { writeFile } from 'node:fs/promises';
import { openDatabase } from '../../../electron/db/open';
import { importDicom } from '../../../electron/services/dicom/import-service';

const [dataDir, ...sources] = process.argv.slice(2);
const db = openDatabase(dataDir);
let n = 0;
await importDicom(db, dataDir, sources, {
  writeFile: async (file, bytes) => {
    await writeFile(file, bytes);
    n += 1;
    process.stdout.write(`writing ${n}\n`);
    await new Promise((r) => setTimeout(r, 40));
  },
});
process.stdout.write('finished\n');
