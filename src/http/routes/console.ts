/**
 * The web console (docs/console.md), served by the API's own server: the Vite build in
 * `web/dist`. Files under `/assets/` carry a content hash in their names, so they are cached for a
 * year as immutable; `index.html` is revalidated every time, so a new build shows at the next load.
 * Any other GET that accepts HTML and is not under an API prefix is a client-side route of the
 * single-page app and gets `index.html`; the API prefixes keep their JSON 404s.
 */
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/** Paths that belong to the API (and its docs and probes), never to the console. */
export const API_PREFIXES = ['/admin', '/api', '/scim', '/docs', '/healthz', '/readyz', '/metrics', '/users'] as const;

/**
 * `web/dist` of the checkout, from `src/http/routes` (tsx) or `dist/src/http/routes` (tsc build: the
 * build's root is the checkout, because the gateway compiles the SDK of packages/sdk in with it).
 */
export const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL(import.meta.url.includes('/dist/src/http/') ? '../../../../web/dist' : '../../../web/dist', import.meta.url));

/**
 * The console runs only its own bundle: no inline script, no third-party origin, no framing.
 * Inline styles stay allowed: uPlot and React set `style` attributes.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tokenward console not built</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<h1>The console is not built yet</h1>
<p>The API is running, but this checkout has no <code>web/dist</code>. Build the console with</p>
<pre style="background:#f3f4f6;padding:0.75rem">npm run build:web</pre>
<p>(<code>npm ci</code> runs it for you), then reload this page. The API reference is at <a href="/docs">/docs</a>.</p>
</body></html>`;

export function isApiPath(path: string): boolean {
  return API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`));
}

/**
 * A browser navigation always asks for text/html; an API client (or a bare `curl`, which sends
 * `*\/*`) gets the JSON 404 of an unknown route, as before the console existed.
 */
function acceptsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

function securityHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY');
}

export function consoleRoutes(options: { dir?: string } = {}): FastifyPluginAsync {
  const dir = options.dir ?? DEFAULT_CONSOLE_DIR;
  return async (app) => {
    const isBuilt = existsSync(join(dir, 'index.html'));
    if (isBuilt) await app.register(fastifyStatic, { root: dir, serve: false, cacheControl: false, dotfiles: 'deny', index: false });

    const sendIndex = (reply: FastifyReply) => {
      securityHeaders(reply).header('cache-control', 'no-cache');
      return isBuilt ? reply.type('text/html; charset=utf-8').sendFile('index.html') : reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    };

    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      let path: string;
      try {
        path = decodeURIComponent(request.url.split('?')[0] ?? '/');
      } catch {
        return reply.callNotFound();
      }
      // No dotfile and no `..` segment, whatever the extension: nothing outside the build is served.
      if (isApiPath(path) || path.includes('\0') || /(^|\/)\./.test(path)) return reply.callNotFound();
      if (extname(path) !== '') {
        // A file of the build (send refuses `..` and dotfiles; a missing one is the JSON 404).
        if (!isBuilt) return reply.callNotFound();
        const isHashed = path.startsWith('/assets/');
        reply.header('cache-control', isHashed ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
        reply.header('x-content-type-options', 'nosniff');
        return reply.sendFile(path.slice(1));
      }
      if (!acceptsHtml(request)) return reply.callNotFound();
      return sendIndex(reply);
    });
  };
}
