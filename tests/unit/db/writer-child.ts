/**
 * Run by transactions.test.ts, twice at once: one of two processes writing to the same database.
 *   node --import tsx tests/unit/db/writer-child.ts DATA_DIR NAME COUNT
 * Opens the database, says "ready", waits for "go" on stdin, then creates COUNT cases (each one transaction that
 * reads before it writes: the MRN check, then the inserts) and prints one JSON line: how many it created and the
 * errors it met.
 */
import { openDatabase } from '../../../electron/db/open';
import { CasesService } from '../../../electron/services/cases/cases-service';
import { CaseInput } from '../../../shared/domain/case';
import { caseInput } from '../helpers/case-input';

const [dataDir, name, count] = process.argv.slice(2);
const db = openDatabase(dataDir);
const cases = new CasesService(db);
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  let created = 0;
  const errors: string[] = [];
  for (let i = 0; i < Number(count); i++) {
    try {
      cases.create(CaseInput.parse(caseInput({ patient: { mrn: `${name}-${i}` } })));
      created += 1;
    } catch (e) {
      errors.push(`${(e as { code?: string }).code ?? ''} ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  db.close();
  process.stdout.write(`${JSON.stringify({ created, errors })}\n`);
  process.exit(0);
});
