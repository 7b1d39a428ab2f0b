import { net, protocol } from 'electron';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { pathToFileURL } from 'node:url';
import { appFileFor } from './app-protocol-path';
import { declaredLength, requestBody, type RequestBody } from '../host/body';
import type { MediaAnswer } from '../host/media';
import { staticContentSecurityPolicy } from '../host/web';
import { APP_ORIGIN, APP_SCHEME } from './web-guards';

/**
 * The renderer is served from boardprep://app/ rather than file://, so it has a real origin, a CSP header,
 * and no way to read arbitrary local files: only what is under the allow-listed folders is answered.
 */
export { APP_ORIGIN, APP_SCHEME };

/**
 * standard + secure give the scheme real origins, so the page may start the DICOM decode worker from
 * boardprep://app/decoders/ (same origin, CSP worker-src 'self'); Electron routes worker script, importScripts and
 * fetch requests for registered schemes to the handler below. supportFetchAPI lets the worker fetch its .wasm
 * (same origin, so no corsEnabled needed).
 */
export function registerAppSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

type Media = (method: string, url: URL, body: RequestBody) => Promise<MediaAnswer | null>;

async function mediaResponse(answer: MediaAnswer): Promise<Response> {
  if ('text' in answer) return new Response(answer.text, { status: answer.status });
  // Patient data: no copy in Chromium's disk cache (see the web host's sendMedia).
  const headers = {
    'Content-Type': answer.contentType,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
  // A frozen key image comes from the database, not a file.
  if ('bytes' in answer) return new Response(new Uint8Array(answer.bytes), { status: 200, headers });
  const response = await net.fetch(pathToFileURL(answer.file).href);
  return new Response(response.body, { status: response.status, headers });
}

/** The request's body as a stream (uploads go to disk as they arrive, refused once past their limit). */
function bodyOf(request: Request): RequestBody {
  const stream = request.body ? Readable.fromWeb(request.body as WebReadableStream<Uint8Array>) : Readable.from([]);
  return requestBody(stream, declaredLength(request.headers.get('content-length')));
}

export function serveAppProtocol(rendererDir: string, media: Media): void {
  const root = path.resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('Not found', { status: 404 });
    if (url.pathname.startsWith('/media/')) {
      const answer = await media(request.method, url, bodyOf(request));
      if (answer) return mediaResponse(answer);
    }
    const found = appFileFor(root, url.pathname);
    if (!('file' in found)) return new Response(found.text, { status: found.status });
    const { file } = found;
    const response = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(response.headers);
    // The page gets the strict policy; the decode worker under /decoders/ gets its own (see DECODER_CONTENT_SECURITY_POLICY).
    const csp = staticContentSecurityPolicy(path.relative(root, file));
    if (csp) headers.set('Content-Security-Policy', csp);
    // WebAssembly.instantiateStreaming wants this exact type.
    if (file.endsWith('.wasm')) headers.set('Content-Type', 'application/wasm');
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
