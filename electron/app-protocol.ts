import { net, protocol } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MediaAnswer } from './host/media';
import { CONTENT_SECURITY_POLICY } from './host/web';

/**
 * The renderer is served from boardprep://app/ rather than file://, so it has a real origin, a CSP header,
 * and no way to read arbitrary local files: only what is under the allow-listed folders is answered.
 */
export const APP_SCHEME = 'boardprep';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

export function registerAppSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

type Media = (method: string, url: URL, readBody: (limit: number) => Promise<Buffer>) => Promise<MediaAnswer | null>;

async function mediaResponse(answer: MediaAnswer): Promise<Response> {
  if (!('file' in answer)) return new Response(answer.text, { status: answer.status });
  const response = await net.fetch(pathToFileURL(answer.file).href);
  return new Response(response.body, { status: response.status, headers: { 'Content-Type': answer.contentType, 'X-Content-Type-Options': 'nosniff' } });
}

export function serveAppProtocol(rendererDir: string, media: Media): void {
  const root = path.resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('Not found', { status: 404 });
    if (url.pathname.startsWith('/media/')) {
      const readBody = async (limit: number) => {
        const bytes = Buffer.from(await request.arrayBuffer());
        if (bytes.length > limit) throw new Error('Request body is too large');
        return bytes;
      };
      const answer = await media(request.method, url, readBody);
      if (answer) return mediaResponse(answer);
    }
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = path.resolve(root, `.${relative}`);
    if (!file.startsWith(root + path.sep)) return new Response('Forbidden', { status: 403 });
    const response = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(response.headers);
    if (file.endsWith('.html')) headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
