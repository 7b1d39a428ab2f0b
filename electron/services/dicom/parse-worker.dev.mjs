// Starts the parser thread from its TypeScript source (tests, `tsx` scripts): worker threads get no loader
// hooks from `--import`, so tsx compiles it here. The built app starts out/main/parse-worker.js instead.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
