/**
 * Run by atomicity.test.ts in a child process that the test kills with SIGKILL in the middle of an import:
 *   node --import tsx tests/unit/dicom/crash-child.ts DATA_DIR SOURCE...
 * Each store write is slowed down and announced on stdout ("writing N"), so the test can kill it mid-import.
 */
import { writeFileSync } from 'node:fs';
import { openDatabase } from '../../../electron/db/open';
import { importDicom } from '../../../electron/services/dicom/import-service';

const [dataDir, ...sources] = process.argv.slice(2);
const db = openDatabase(dataDir);
let n = 0;
await importDicom(db, dataDir, sources, {
  writeFile: (file, bytes) => {
    writeFileSync(file, bytes);
    n += 1;
    process.stdout.write(`writing ${n}\n`);
    // Slow each write down (synchronously, as the store writes) so the test can kill the import in the middle.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 40);
  },
});
process.stdout.write('finished\n');
