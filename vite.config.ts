import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { DEFAULT_MODEL, modelUrls } from './src/pose/models.ts';
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

/** The app's colours in the manifest and the browser UI: the dark theme's ground (src/app/theme.css). */
const THEME_COLOUR = '#101418';

/**
 * Files of the default model, precached so the first set works offline: its .json and .bin (each
 * .json names one .bin of the same stem). Other models are cached the first time they load.
 */
const defaultModelFiles = Object.values(modelUrls(DEFAULT_MODEL, 'models/')).flatMap((json: string) => [
  json,
  json.replace(/\.json$/, '.bin'),
]);

/**
 * Largest file the service worker precaches, bytes. Workbox's default (2 MiB) would skip the default
 * model's weights (blazepose-full.bin 6.3 MB, blazepose-detector.bin 5.9 MB, shared/notes/pose-stack.md)
 * and tfjs's wasm binaries; 8 MB takes them and still refuses blazepose-heavy.bin (27.5 MB).
 */
const PRECACHE_MAX_FILE_BYTES = 8 * 1024 * 1024;

/** Non-default models kept in the runtime cache at most (all five fit: 6 json+bin pairs ≈ 60 MB). */
const MODEL_CACHE_MAX_ENTRIES = 16;

const licenses = workerLicensePlugins();

export default defineConfig({
  plugins: [
    licenses.emit,
    VitePWA({
      // Prompt, never auto-update: a new version waits until the person clicks "Reload" (src/app/pwa.ts),
      // so an update can never reload the page in the middle of a set.
      registerType: 'prompt',
      injectRegister: false,
      // The globs below take the icons; the default model is added here by name.
      includeAssets: defaultModelFiles,
      manifest: {
        name: 'squat-coach — squat form coach',
        short_name: 'squat-coach',
        description: 'Squat form coach that runs entirely in your browser. Guidance, not a diagnosis.',
        theme_color: THEME_COLOUR,
        background_color: THEME_COLOUR,
        display: 'standalone',
        orientation: 'any',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // The app shell (html, js incl. the pose worker, css) and tfjs's wasm binaries. Models are
        // not globbed here: the default one comes in through includeAssets, the others at runtime.
        globPatterns: ['**/*.{js,css,html,wasm,png,svg,webmanifest}'],
        globIgnores: ['models/**'],
        maximumFileSizeToCacheInBytes: PRECACHE_MAX_FILE_BYTES,
        // The first visit is controlled as soon as the worker activates (no earlier worker to take
        // over from); later versions still wait for the person's click (no skipWaiting).
        clientsClaim: true,
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/models/'),
            handler: 'CacheFirst',
            options: {
              cacheName: 'pose-models',
              expiration: { maxEntries: MODEL_CACHE_MAX_ENTRIES },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
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
