/** Starts the app's Vite dev server on a free loopback port, for scripts that drive the real app. */
import { createServer, type ViteDevServer } from 'vite';
import { PROJECT_ROOT } from './paths';

export async function startAppServer(): Promise<{ url: string; server: ViteDevServer }> {
  const server = await createServer({
    root: PROJECT_ROOT,
    configFile: `${PROJECT_ROOT}vite.config.ts`,
    logLevel: 'error',
    // No file watching or hot reload: a script's page must not reload because a file was saved.
    server: { port: 0, strictPort: false, hmr: false, watch: null },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (url === undefined) throw new Error('the Vite server did not report its URL');
  return { url, server };
}
