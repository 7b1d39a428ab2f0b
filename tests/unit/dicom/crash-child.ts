/**
 * Run by atomicity.test.ts and store-races.test.ts in a child process that the test kills with SIGKILL in the
 * middle of an import:
 *   node --import tsx tests/unit/dicom/crash-child.ts DATA_DIR HOLD_AT SOURCE...
 * Each store write is announced on stdout ("writing N"); after write number HOLD_AT the import stops there until the
 * process is killed, so the kill lands after exactly that many files whatever the machine's speed.
 */
import { writeFileSync } from 'node:fs';
import { openDatabase } from '../../../electron/db/open';
import { importDicom } from '../../../electron/services/dicom/import-service';

const [dataDir, holdAt, ...sources] = process.argv.slice(2);
const db = openDatabase(dataDir);
let n = 0;
await importDicom(db, dataDir, sources, {
  writeFile: (file, bytes) => {
    writeFileSync(file, bytes);
    n += 1;
    process.stdout.write(`writing ${n}\n`);
    // Block (synchronously, as the store writes) until the test kills this process: no timeout.
    if (n === Number(holdAt)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  },
});
process.stdout.write('finished\n');
