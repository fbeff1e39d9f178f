import fastifyStatic from '@fastify/static';
import type { App } from './app.ts';

/** Serves the built React console; any non-API path falls back to index.html for client-side routing. */
export async function registerWebConsole(app: App, root: string) {
  await app.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: 'index.html' });
  app.get('/*', { config: { auth: 'public' }, schema: { hide: true } }, async (req, reply) => {
    if (req.url.startsWith('/api/') || req.url.startsWith('/access/')) {
      return reply.callNotFound();
    }
    return reply.sendFile('index.html');
  });
}
