import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { dispatch, type DispatchOptions, type HandlerTable } from './dispatch';
import type { MediaAnswer } from './media';

/**
 * The loopback web host: the built renderer and the same handler table over HTTP, for browsers and for
 * machines where Electron cannot run. Bound to 127.0.0.1 only; every request needs the per-run token
 * (as ?token= once, then an HttpOnly SameSite=Strict cookie, or the X-BoardPrep-Token header), and the
 * Host header must be the loopback address itself, so other pages in the browser cannot reach it
 * (DNS rebinding, CSRF).
 */

export const TOKEN_HEADER = 'x-boardprep-token';
const COOKIE = 'boardprep_token';
const MAX_BODY = 5 * 1024 * 1024;
/** How long close() lets requests under way finish before it drops their connections. */
const CLOSE_GRACE_MS = 2000;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
};

/**
 * Same policy as the Electron window; `connect-src 'self'` lets the renderer call /api. No eval anywhere in the
 * page: the image decoders that need it run in a worker loaded from DECODER_PATH, which gets its own policy.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Where the build puts the DICOM decode worker, its codec chunks and their wasm (see electron.vite.config.ts). */
export const DECODER_PATH = '/decoders/';

/**
 * Sent only with files under DECODER_PATH. A worker loaded from a URL runs under the CSP of its own response, not
 * the page's, so this is what the decode worker gets: its Emscripten codecs (JPEG baseline, JPEG-LS, JPEG 2000)
 * build functions with `new Function` and compile WebAssembly, and fetch their .wasm from the same folder.
 * Nothing else: no network beyond our origin, no nested workers, no documents.
 */
export const DECODER_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
  "connect-src 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** True for a file of the built renderer (path relative to its folder, either separator) that is a decoder file. */
export function isDecoderFile(relativePath: string): boolean {
  return relativePath.split(path.sep).join('/').startsWith(DECODER_PATH.slice(1));
}

/**
 * The policy for a file of the built renderer (path relative to its folder), if it gets one: the page's for HTML,
 * the decoder's for the decoder files. Decided on the resolved file, so no spelling of a URL gets the decoder
 * policy onto the page.
 */
export function staticContentSecurityPolicy(relativePath: string): string | undefined {
  if (relativePath.endsWith('.html')) return CONTENT_SECURITY_POLICY;
  if (isDecoderFile(relativePath)) return DECODER_CONTENT_SECURITY_POLICY;
  return undefined;
}

export interface WebHostOptions {
  handlers: HandlerTable;
  /** Binary routes under /media/ (see media.ts). */
  media?: (method: string, url: URL, readBody: (limit: number) => Promise<Buffer>) => Promise<MediaAnswer | null>;
  rendererDir: string;
  port?: number;
  token?: string;
  log?: DispatchOptions['log'];
}

export interface WebHost {
  url: string;
  /** The URL to open: carries the token once; the page then trades it for a cookie. */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

function safeEqual(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return undefined;
}

function send(res: http.ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

async function readBytes(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error(`Request body is larger than ${Math.round(limit / 1024 / 1024)} MB`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendMedia(res: http.ServerResponse, answer: MediaAnswer, head: boolean): void {
  if (!('file' in answer)) return send(res, answer.status, answer.text);
  let size: number;
  try {
    size = statSync(answer.file).size;
  } catch {
    return send(res, 404, 'The stored file is missing');
  }
  res.writeHead(200, {
    'Content-Type': answer.contentType,
    'Content-Length': String(size),
    'Cache-Control': 'private, no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  if (head) return void res.end();
  createReadStream(answer.file).pipe(res);
}

function serveStatic(rendererDir: string, urlPath: string, res: http.ServerResponse): void {
  const relative = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  const file = path.resolve(rendererDir, `.${relative}`);
  const inside = file.startsWith(path.resolve(rendererDir) + path.sep);
  const found = inside && existsSync(file) && statSync(file).isFile();
  // A missing decoder file is an error for the worker, not the app shell.
  if (!found && inside && isDecoderFile(path.relative(rendererDir, file))) return send(res, 404, 'Not found');
  // Unknown paths get the app shell so a reload on any screen works.
  const target = found ? file : path.join(rendererDir, 'index.html');
  if (!existsSync(target)) {
    send(res, 500, `The renderer is not built (${rendererDir} has no index.html). Run: npm run build`);
    return;
  }
  const headers: Record<string, string> = {
    'Content-Type': MIME[path.extname(target)] ?? 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': target.includes(`${path.sep}assets${path.sep}`) ? 'private, max-age=31536000, immutable' : 'no-store',
  };
  const csp = staticContentSecurityPolicy(path.relative(rendererDir, target));
  if (csp) headers['Content-Security-Policy'] = csp;
  if (target.endsWith('.html')) headers['X-Frame-Options'] = 'DENY';
  res.writeHead(200, headers);
  createReadStream(target).pipe(res);
}

export function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let allowedHost = '';

  const server = http.createServer(async (req, res) => {
    try {
      if (req.headers.host !== allowedHost) return send(res, 403, 'Forbidden: BoardPrep answers only on its loopback address');
      const url = new URL(req.url ?? '/', `http://${allowedHost}`);

      const queryToken = url.searchParams.get('token') ?? undefined;
      if (req.method === 'GET' && queryToken !== undefined && safeEqual(queryToken, token)) {
        // Trade the token in the URL for a cookie and drop it from the address bar and history.
        url.searchParams.delete('token');
        res.writeHead(303, {
          'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          Location: url.pathname + url.search,
          'Cache-Control': 'no-store',
        });
        return res.end();
      }
      const presented = (req.headers[TOKEN_HEADER] as string | undefined) ?? cookieToken(req.headers.cookie);
      if (!safeEqual(presented, token)) {
        return send(res, 401, 'Unauthorized: open the address BoardPrep printed when it started (it carries the token).');
      }

      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'refused', message: 'Use POST' } });
        let input: unknown;
        try {
          const body = (await readBytes(req, MAX_BODY)).toString('utf8');
          input = body ? JSON.parse(body) : {};
        } catch (err) {
          return sendJson(res, 400, {
            ok: false,
            error: { code: 'invalid-input', message: `Request body is not valid JSON: ${(err as Error).message}` },
          });
        }
        const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
        const result = await dispatch(options.handlers, channel, input, { log: options.log });
        const status = result.ok ? 200 : result.error.code === 'unknown-channel' ? 404 : result.error.code === 'internal' ? 500 : 200;
        return sendJson(res, status, result);
      }
      if (url.pathname.startsWith('/media/') && options.media) {
        const answer = await options.media(req.method ?? 'GET', url, (limit) => readBytes(req, limit));
        if (answer) return sendMedia(res, answer, req.method === 'HEAD');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
      return serveStatic(options.rendererDir, url.pathname, res);
    } catch (err) {
      options.log?.('web host request failed', err);
      if (!res.headersSent) send(res, 500, 'Internal error');
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      allowedHost = `127.0.0.1:${port}`;
      const url = `http://${allowedHost}/`;
      resolve({
        url,
        openUrl: `${url}?token=${token}`,
        token,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // close() waits for every open connection, including sockets the browser opened ahead of time and never
            // sent a request on (Node keeps those until headersTimeout, a minute). Answers under way get a moment.
            server.closeIdleConnections();
            setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
          }),
      });
    });
  });
}
