import { handlersFor } from '../host/handlers';
import { answerMedia } from '../host/media';
import { createServices } from '../host/services';
import { startupSweep } from '../host/startup';
import { startWebHost } from '../host/web';
import { currentActor } from '../db/actor';
import { openDatabase } from '../db/open';
import { CasesService } from '../services/cases/cases-service';
import { loadDemoImages } from '../services/demo/demo-images';
import { loadDemoBoard } from '../services/demo/demo-service';
import { addDemoUsers, DEMO_PASSWORD, DEMO_USERS } from '../services/demo/demo-users';
import { AuthService } from '../services/auth/auth-service';
import { parseOptions, UsageError, type Command } from './command';
import { ChromiumPdfPrinter, webHostPdfSource } from '../services/export';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the app on 127.0.0.1 for a browser (the web host)',
  help: `Usage: boardprep serve [--port N] [--demo] [--data DIR]

Serves the BoardPrep app and its API on http://127.0.0.1 only, guarded by a token made for this run,
and prints the address to open (it carries the token). Stop with Ctrl+C.

Options:
  --port N   listen on port N (default: any free port)
  --demo     load the demo board (with its synthetic CT images) first if the database has no cases
  --data DIR use this data folder (default: BOARDPREP_DATA, else the platform's user-data folder)`,
  async run(args, env, io) {
    const { values } = parseOptions(args, { port: { type: 'string' }, demo: { type: 'boolean' } });
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be 0-65535, not ${values.port}`);

    const db = openDatabase(env.dataDir);
    if (values.demo && new CasesService(db).count() === 0) {
      // Users first: the demo decisions' attendance names them.
      await addDemoUsers(new AuthService(db));
      const { casesCreated } = loadDemoBoard(db, env.resourcesDir);
      const images = await loadDemoImages(db, env.dataDir, env.resourcesDir);
      env.log.info('demo board loaded', {
        casesCreated,
        images: images.cases.reduce((n, c) => n + c.imported, 0),
        keyImages: images.keyImages,
      });
      io.out(
        `Loaded the demo board: ${casesCreated} cases, ${images.cases.reduce((n, c) => n + c.imported, 0)} synthetic CT images, ${images.keyImages} key images.`,
      );
      io.out(`Demo users (password ${DEMO_PASSWORD}): ${DEMO_USERS.map((u) => u.username).join(', ')}.`);
    }
    const ctx = { db, dataDir: env.dataDir, resourcesDir: env.resourcesDir, version: env.version, log: env.log };
    await startupSweep(ctx, (line) => {
      env.log.info(line);
      io.out(line);
    });
    const services = createServices(ctx);
    const host = await startWebHost({
      handlers: handlersFor(services),
      gate: services.auth,
      media: (method, url, body) => answerMedia(services, method, url, body),
      rendererDir: env.rendererDir,
      port,
      log: (message, error) => {
        env.log.error(message, error);
        io.err(`${message}: ${error instanceof Error ? error.message : String(error)} (details in ${env.log.file})`);
      },
    });
    // PDF exports print the host's own print views in headless Chromium (started on the first PDF, closed when idle).
    const printer = new ChromiumPdfPrinter({ dataDir: env.dataDir });
    services.exports.usePdf(webHostPdfSource(host, printer, () => services.auth.printSession(currentActor())));
    // The address without its token: the log is for support and must not open the app.
    env.log.info('web host listening', { url: host.url, dataDir: env.dataDir });
    io.out(`Data folder: ${env.dataDir}`);
    io.out(`Log: ${env.log.file}`);
    io.out(`BoardPrep is running. Open ${host.openUrl}`);

    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await host.close();
    services.jobs.cancelAll();
    await services.jobs.idle();
    await printer.close();
    db.close();
    env.log.info('web host stopped');
    io.out('BoardPrep stopped.');
    return 0;
  },
};
