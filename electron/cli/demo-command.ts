import { openDatabase } from '../db/open';
import { loadDemoImages } from '../services/demo/demo-images';
import { loadDemoBoard } from '../services/demo/demo-service';
import { addDemoUsers, DEMO_PASSWORD, DEMO_USERS } from '../services/demo/demo-users';
import { EXTRA_CASES_MAX, loadExtraDemoCases } from '../services/demo/demo-extra-cases';
import { loadExtraDemoKeyImages } from '../services/demo/demo-extra-key-images';
import { AuthService } from '../services/auth/auth-service';
import { parseOptions, UsageError, type Command } from './command';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Load the demo sarcoma board (fictional patients) into the database',
  help: `Usage: boardprep demo [--cases N] [--no-images] [--data DIR] [--json]

Loads the demo board: fictional patients whose stories come from published sarcoma cases, with their
pathology, lesions and plans, and synthetic CT series (axial and coronal) drawn at the documented tumour
sizes. Patients whose MRN is already in the database are left untouched, and images already stored are
not stored again, so running it twice adds nothing twice.

Options:
  --cases N    also add N generated fictional cases (0-${EXTRA_CASES_MAX}: varied sites, histotypes and lengths of
               text, some with a key image) to the demo board's next meeting, to try the app at full size; the same
               N cases every time, and cases already added are not added again
  --no-images  load the records only
  --json       print the result as JSON
  --data DIR use this data folder (default: BOARDPREP_DATA, else the platform's user-data folder)`,
  async run(args, env, io) {
    const { values } = parseOptions(args, {
      json: { type: 'boolean' },
      'no-images': { type: 'boolean' },
      cases: { type: 'string' },
    });
    const extra = values.cases === undefined ? 0 : Number(values.cases);
    if (!Number.isInteger(extra) || extra < 0 || extra > EXTRA_CASES_MAX)
      throw new UsageError(`--cases takes a whole number from 0 to ${EXTRA_CASES_MAX}, not "${values.cases}"`);
    const db = openDatabase(env.dataDir);
    try {
      // Users first: the demo decisions' attendance names them.
      await addDemoUsers(new AuthService(db));
      const result = loadDemoBoard(db, env.resourcesDir);
      // Counts only: the skipped lines name MRNs.
      env.log.info('demo board loaded', { casesCreated: result.casesCreated, skipped: result.skipped.length });
      const generated = extra > 0 ? loadExtraDemoCases(db, env.resourcesDir, extra) : null;
      if (generated)
        env.log.info('generated demo cases added', {
          casesCreated: generated.casesCreated,
          skipped: generated.skipped,
        });
      if (!values.json) {
        io.out(
          `Demo board loaded into ${env.dataDir}: ${result.casesCreated} cases created` +
            (result.referralsCreated
              ? `, and ${result.referralsCreated} referral${result.referralsCreated === 1 ? '' : 's'} (each with its draft case) waiting for triage.`
              : '.'),
        );
        for (const s of result.skipped) io.out(`  skipped ${s}`);
        if (generated)
          io.out(
            `  ${generated.casesCreated} generated case${generated.casesCreated === 1 ? '' : 's'} added to the next meeting${generated.skipped ? ` (${generated.skipped} already there)` : ''}; the meeting is ${generated.durationMinutes} minutes long`,
          );
        io.out(`Demo users (password ${DEMO_PASSWORD}): ${DEMO_USERS.map((u) => u.username).join(', ')}.`);
      }
      const images = values['no-images']
        ? null
        : await loadDemoImages(db, env.dataDir, env.resourcesDir, {
            onProgress: (key, p) =>
              io.progress(`demo images ${key}: ${p.phase} ${p.imported + p.duplicates}/${p.total || '?'}`),
          });
      // About every third generated case gets a key image (a synthetic CT slice imported into it).
      const extraKeyImages =
        images && generated ? await loadExtraDemoKeyImages(db, env.dataDir, env.resourcesDir, generated.cases) : 0;
      for (const c of images?.cases ?? [])
        env.log.info('demo images stored', {
          demoCase: c.key,
          caseId: c.caseId,
          imported: c.imported,
          duplicates: c.duplicates,
        });
      if (values.json) {
        io.out(
          JSON.stringify({
            dataDir: env.dataDir,
            ...result,
            generated: generated && {
              casesCreated: generated.casesCreated,
              skipped: generated.skipped,
              keyImages: extraKeyImages,
            },
            images: images?.cases ?? null,
            keyImages: images?.keyImages ?? null,
          }),
        );
      } else if (images) {
        for (const c of images.cases)
          io.out(
            `  ${c.key}: ${c.imported} synthetic CT images stored${c.duplicates ? `, ${c.duplicates} already there` : ''}`,
          );
        io.out(`  ${images.keyImages} measured key image${images.keyImages === 1 ? '' : 's'} added`);
        if (generated)
          io.out(`  ${extraKeyImages} key image${extraKeyImages === 1 ? '' : 's'} added to generated cases`);
      }
      return 0;
    } finally {
      db.close();
    }
  },
};
