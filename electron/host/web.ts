import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { verifyMediaUrl } from '../../shared/media-signature';
import { BodyTooLargeError, declaredLength, requestBody, type RequestBody } from './body';
import { dispatch, type DispatchOptions, type HandlerTable, type SessionGate } from './dispatch';
import type { MediaAnswer } from './media';

/**
 * The loopback web host: the built renderer and the same handler table over HTTP, for browsers and for
 * machines where Electron cannot run. What it trusts, and how (README, Security):
 * - Bound to 127.0.0.1 only, and the Host header must be that address itself (DNS rebinding).
 * - The built renderer (code, no data) is served to anyone who passes the Host check, so the printed address can
 *   open it. Everything else, /api/ and /media/, needs the per-run token, sent in the X-BoardPrep-Token header.
 *   There is no cookie: nothing ambient that another page in the same browser (another port of 127.0.0.1 is
 *   "same-site") could borrow, and nothing the browser hands to other local servers. A custom header also means
 *   a cross-origin page cannot send it without a CORS preflight, which this host never grants.
 * - Files that an <img>, a download link or the DICOM loader fetch may instead carry a short-lived signature of
 *   their own path (shared/media-signature.ts); GET and HEAD only.
 * - A request another origin started (Origin not ours, Sec-Fetch-Site cross-site or same-site) is refused
 *   before anything else, and API calls must be application/json (no form or text/plain simple requests).
 * - Patient files (DICOM, key images, exports) are sent `no-store`: the browser keeps no copy on disk.
 * - Bodies are limited and refused as soon as they pass the limit; uploads are streamed to disk.
 */

export const TOKEN_HEADER = 'x-boardprep-token';
/** The signed-in user's session token (auth:sign-in answers it); the dispatcher checks it and the channel's right. */
export const SESSION_HEADER = 'x-boardprep-session';
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
  /** Who a session token names (services.auth). */
  gate: SessionGate;
  /** Binary routes under /media/ (see media.ts). */
  media?: (method: string, url: URL, body: RequestBody) => Promise<MediaAnswer | null>;
  rendererDir: string;
  port?: number;
  token?: string;
  log?: DispatchOptions['log'];
}

export interface WebHost {
  url: string;
  /** The URL to open: carries the token once; the page keeps it in sessionStorage and drops it from the address. */
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

function send(res: http.ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  const headers: Record<string, string> = {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
  // The rest of a refused body is not read: close the connection rather than drain it.
  if (status === 413) headers.Connection = 'close';
  res.writeHead(status, headers);
  res.end(body);
}

/** The decoded text, or null when it has malformed percent-encoding (answered 400, not a crash or a 500). */
export function decodePath(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * Why a request is refused as started by another page, or null when it is our own page's (or the user's own
 * navigation, Sec-Fetch-Site: none). Another port of 127.0.0.1 is another origin but the same site, so
 * 'same-site' is refused too. Clients that send neither header (curl, the tests) are judged by the token alone.
 */
export function foreignRequest(headers: http.IncomingHttpHeaders, ownOrigin: string): string | null {
  const origin = headers.origin;
  if (origin !== undefined && origin !== ownOrigin) return `a request from ${origin}`;
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return `a ${site} request`;
  return null;
}

/** API calls are JSON only: a form or text/plain body is what a page on another origin can send without asking. */
export function isJsonContentType(value: string | undefined): boolean {
  return (value ?? '').split(';')[0].trim().toLowerCase() === 'application/json';
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

function sendMedia(res: http.ServerResponse, answer: MediaAnswer, head: boolean): void {
  if ('text' in answer) return send(res, answer.status, answer.text);
  if ('bytes' in answer) {
    // A frozen key image, from the database.
    res.writeHead(200, {
      'Content-Type': answer.contentType,
      'Content-Length': String(answer.bytes.length),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    return void res.end(head ? undefined : answer.bytes);
  }
  let size: number;
  try {
    size = statSync(answer.file).size;
  } catch {
    return send(res, 404, 'The stored file is missing');
  }
  res.writeHead(200, {
    'Content-Type': answer.contentType,
    'Content-Length': String(size),
    // Patient data: no copy in the browser's disk cache.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (head) return void res.end();
  createReadStream(answer.file).pipe(res);
}

function serveStatic(rendererDir: string, urlPath: string, res: http.ServerResponse): void {
  const relative = decodePath(urlPath === '/' ? '/index.html' : urlPath);
  if (relative === null) return send(res, 400, 'Bad request: the address has malformed percent-encoding');
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
    'Cache-Control': target.includes(`${path.sep}assets${path.sep}`)
      ? 'private, max-age=31536000, immutable'
      : 'no-store',
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

  const answer = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    try {
      if (req.headers.host !== allowedHost)
        return send(res, 403, 'Forbidden: BoardPrep answers only on its loopback address');
      const foreign = foreignRequest(req.headers, `http://${allowedHost}`);
      if (foreign) return send(res, 403, `Forbidden: BoardPrep refuses ${foreign}`);
      const url = new URL(req.url ?? '/', `http://${allowedHost}`);
      const isApi = url.pathname.startsWith('/api/');
      const isMedia = url.pathname.startsWith('/media/');
      // The page itself and its code carry no data: served without the token, so the printed address opens it.
      if (!isApi && !isMedia) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
        return serveStatic(options.rendererDir, url.pathname, res);
      }

      const header = req.headers[TOKEN_HEADER];
      const byHeader = typeof header === 'string' && safeEqual(header, token);
      const bySignature =
        isMedia && (req.method === 'GET' || req.method === 'HEAD') && verifyMediaUrl(token, url, Date.now());
      if (!byHeader && !bySignature) {
        return send(
          res,
          401,
          'Unauthorized: open the address BoardPrep printed when it started (it carries the token).',
        );
      }
      const body = requestBody(req, declaredLength(req.headers['content-length']));

      if (isApi) {
        if (req.method !== 'POST')
          return sendJson(res, 405, { ok: false, error: { code: 'refused', message: 'Use POST' } });
        if (!isJsonContentType(req.headers['content-type'])) {
          return sendJson(res, 415, {
            ok: false,
            error: { code: 'refused', message: 'Send the request as application/json' },
          });
        }
        const channel = decodePath(url.pathname.slice('/api/'.length));
        if (channel === null)
          return sendJson(res, 400, {
            ok: false,
            error: { code: 'invalid-input', message: 'The channel name has malformed percent-encoding' },
          });
        let input: unknown;
        try {
          const text = (await body.read(MAX_BODY)).toString('utf8');
          input = text ? JSON.parse(text) : {};
        } catch (err) {
          const tooLarge = err instanceof BodyTooLargeError;
          return sendJson(res, tooLarge ? 413 : 400, {
            ok: false,
            error: {
              code: 'invalid-input',
              message: tooLarge ? (err as Error).message : `Request body is not valid JSON: ${(err as Error).message}`,
            },
          });
        }
        const session = req.headers[SESSION_HEADER];
        const caller = { gate: options.gate, token: typeof session === 'string' && session ? session : undefined };
        const result = await dispatch(options.handlers, channel, input, caller, { log: options.log });
        const status = result.ok
          ? 200
          : result.error.code === 'unknown-channel'
            ? 404
            : result.error.code === 'internal'
              ? 500
              : 200;
        return sendJson(res, status, result);
      }
      const answer = options.media ? await options.media(req.method ?? 'GET', url, body) : null;
      if (answer) return sendMedia(res, answer, req.method === 'HEAD');
      return send(res, 404, 'Not found');
    } catch (err) {
      options.log?.('web host request failed', err);
      if (!res.headersSent) send(res, 500, 'Internal error');
    }
  };
  // answer() catches its own errors, so the promise it returns never rejects.
  const server = http.createServer((req, res) => void answer(req, res));

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
