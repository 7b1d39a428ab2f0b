/**
 * Run by store-races.test.ts: an import in another process (as the CLI runs one beside the app) that stops before
 * indexing until told to go on:
 *   node --import tsx tests/unit/dicom/import-child.ts DATA_DIR SOURCE...
 * Prints "stored" once every file is in the store (and claimed), waits for a line on stdin, then indexes and prints
 * the result as one JSON line.
 */
import { openDatabase } from '../../../electron/db/open';
import { importDicom } from '../../../electron/services/dicom/import-service';

const [dataDir, ...sources] = process.argv.slice(2);
const db = openDatabase(dataDir);
const result = await importDicom(db, dataDir, sources, {
  hooks: {
    beforeIndex: () =>
      new Promise<void>((resolve) => {
        process.stdout.write('stored\n');
        process.stdin.once('data', () => resolve());
      }),
  },
});
db.close();
process.stdout.write(`${JSON.stringify({ status: result.status, imported: result.imported })}\n`);
process.exit(0);
