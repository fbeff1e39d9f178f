import fastifyStatic from '@fastify/static';
import type { App } from './app.ts';

/**
 * Serves the built React console. The routes are declared here (not by the static plugin) so that each states its
 * `auth` like every other route; hashed assets are cached for a year, and any non-API path falls back to index.html
 * for client-side routing.
 */
export async function registerWebConsole(app: App, root: string) {
  await app.register(fastifyStatic, { root, serve: false });
  app.get('/assets/*', { config: { auth: 'public' }, schema: { hide: true } }, (req, reply) =>
    reply.sendFile(`assets/${(req.params as { '*': string })['*']}`, { maxAge: 31_536_000_000, immutable: true }),
  );
  app.get('/*', { config: { auth: 'public' }, schema: { hide: true } }, async (req, reply) => {
    if (req.url.startsWith('/api/') || req.url.startsWith('/access/')) {
      return reply.callNotFound();
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
