import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { workerLicensePlugins } from './scripts/lib/worker-licenses.ts';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * Cross-origin isolation lets tfjs-backend-wasm use SharedArrayBuffer threads on devices with
 * enough cores. Everything the app loads is same-origin, so require-corp costs nothing.
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

const licenses = workerLicensePlugins();

export default defineConfig({
  plugins: [licenses.emit],
  resolve: {
    alias: {
      // pose-detection's ESM bundle imports @mediapipe/pose even for runtime 'tfjs'; we only use the
      // tfjs runtime, so the import resolves to a stub (shared/notes/pose-stack.md, trap 1).
      '@mediapipe/pose': here('./src/pose/worker/mediapipe-pose-stub.ts'),
    },
  },
  // Pre-bundle the heavy dependencies up front, so a first visit never triggers a mid-run reload.
  optimizeDeps: {
    include: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-webgl',
      '@tensorflow/tfjs-backend-wasm',
      '@tensorflow-models/pose-detection',
      'comlink',
      'idb',
      // Loaded by the pose worker on the first video file (dynamic import): listed so the dev server
      // does not discover it mid-run and reload the page.
      'mediabunny',
    ],
  },
  server: { headers: isolationHeaders, host: '127.0.0.1' },
  preview: { headers: isolationHeaders, host: '127.0.0.1' },
  worker: {
    format: 'es',
    plugins: () => [licenses.collect],
    rolldownOptions: {
      output: {
        // The threaded wasm build starts threads from a function's source text; compressing it breaks a
        // guard inside (ReferenceError in every thread). Rename-only minification is safe (trap 2), and
        // compression would save only ~0.1 MB more.
        minify: { compress: false, mangle: true },
        // Each tfjs module repeats its Apache-2.0 header (~1.1 MB of the bundle); the notices ship once,
        // in the license file below.
        comments: { legal: false },
      },
    },
  },
  // license.md lists every bundled dependency's licence (the worker's legal comments are dropped above).
  build: { target: 'es2022', license: { fileName: 'licenses.md' } },
});
