import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path, { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { correctDecoderFiles, type DecoderFile } from './scripts/decoder-corrections';

/**
 * The DICOM decoder runs in a worker served from our own origin under /decoders/, so the host can give that
 * worker the CSP its codecs need (eval, wasm) while the page keeps a strict one. A worker started from a blob:
 * URL would inherit the page's CSP instead. Keep DECODER_PATH in step with electron/host/web.ts.
 */
const DECODER_PATH = '/decoders/';
/** cornerstone-wado-image-loader's build whose worker and codecs are separate files (the default build inlines them as a blob). */
const WADO_DYNAMIC_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve('cornerstone-wado-image-loader/package.json')),
  'dist',
  'dynamic-import',
);
const WADO_DYNAMIC_ENTRY = path.join(WADO_DYNAMIC_DIR, 'cornerstoneWADOImageLoader.min.js');
/** The one place that build starts its worker: relative to a public path it guesses from the page's last <script>. */
const WORKER_SPAWN = 'new Worker(r.p+"index.worker.min.worker.js")';

function decoderWorker(): Plugin {
  return {
    name: 'boardprep-decoder-worker',
    enforce: 'pre',
    transform(code, id) {
      if (path.normalize(id.split('?')[0]) !== WADO_DYNAMIC_ENTRY) return null;
      const found = code.split(WORKER_SPAWN).length - 1;
      if (found !== 1) {
        this.error(
          `cornerstone-wado-image-loader changed: expected its worker spawn "${WORKER_SPAWN}" once, found it ${found} times`,
        );
      }
      return {
        code: code.replace(WORKER_SPAWN, `new Worker(${JSON.stringify(`${DECODER_PATH}index.worker.min.worker.js`)})`),
        map: null,
      };
    },
    generateBundle() {
      // The worker, its codec chunks and wasm keep their names: the worker loads them relative to its own URL.
      const names = readdirSync(WADO_DYNAMIC_DIR).filter(
        (name) => /\.(js|wasm)$/.test(name) && path.join(WADO_DYNAMIC_DIR, name) !== WADO_DYNAMIC_ENTRY,
      );
      for (const name of names.filter((n) => n.endsWith('.wasm'))) {
        this.emitFile({
          type: 'asset',
          fileName: `${DECODER_PATH.slice(1)}${name}`,
          source: readFileSync(path.join(WADO_DYNAMIC_DIR, name)),
        });
      }
      // The scripts with the decoders' wrong pixel values corrected (scripts/decoder-corrections.ts).
      const scripts = names
        .filter((n) => n.endsWith('.js'))
        .map((name) => ({ name, code: readFileSync(path.join(WADO_DYNAMIC_DIR, name), 'utf8') }));
      let corrected: DecoderFile[];
      try {
        corrected = correctDecoderFiles(scripts);
      } catch (e) {
        this.error((e as Error).message);
      }
      for (const { name, code } of corrected) {
        this.emitFile({ type: 'asset', fileName: `${DECODER_PATH.slice(1)}${name}`, source: code });
      }
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // playwright-core (a dev dependency: the CLI and web host print PDFs with it, the desktop app does not ship it)
      // stays an import of node_modules, loaded on the first PDF: bundled, it would not find its own files.
      externalizeDeps: { include: ['playwright-core'] },
      rollupOptions: {
        // The CLI (and web host) is a second entry of the same build: plain Node, never imports electron. The DICOM
        // parser thread is a third: parse-thread.ts starts out/main/parse-worker.js.
        input: {
          main: resolve('electron/shell/main.ts'),
          cli: resolve('electron/cli/cli.ts'),
          'parse-worker': resolve('electron/services/dicom/parse-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve('electron/shell/preload.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), decoderWorker()],
    // Names the build, so the slides' fit memo (renderer/slides/fit-memo.ts) is not read by another build's styles.
    define: { __BOARDPREP_BUILD__: JSON.stringify(Date.now().toString(36)) },
    // Every import of the loader (one instance: the viewer and the metadata provider share its caches) gets the build above.
    resolve: { alias: [{ find: /^cornerstone-wado-image-loader$/, replacement: WADO_DYNAMIC_ENTRY }] },
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves the renderer unminified; minified, the app script is 0.9 MB rather than 2 MB, and every
      // window (a print view too) parses less before it draws.
      minify: true,
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
