import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { Agent, fetch, type Response } from 'undici';
import type { DicomwebSettings, PacsFailure } from '../../../../shared/domain/pacs';
import { PacsError } from '../client';

/**
 * HTTP for one DICOMweb node: the base URL, its authentication, its CA file and timeouts, and the mapping of what
 * went wrong (a refused connection, a timeout, an untrusted certificate, HTTP 401, 404...) to a PacsFailure id and
 * a sentence a user can act on. QIDO, WADO and STOW (qido.ts, wado.ts, stow.ts) only ask for paths.
 */

/** Connecting (TCP and TLS) must not take longer than this; a PACS on the local network answers in milliseconds. */
const CONNECT_TIMEOUT_MS = 10_000;
/** Waiting for the answer's headers, or for the next bytes of its body. A large study streams, so no total limit. */
const IDLE_TIMEOUT_MS = 60_000;

export interface RequestOptions {
  method?: 'GET' | 'POST';
  /** Query parameters; an array repeats the key (includefield). */
  params?: Record<string, string | readonly string[]>;
  headers?: Record<string, string>;
  body?: Uint8Array;
  signal?: AbortSignal;
  /** The message for HTTP 404 when it means "no such study" rather than "no DICOMweb service here". */
  notFound?: string;
  /** Non-2xx statuses whose answer the caller reads itself (STOW-RS 409: none stored, and the body says why). */
  alsoOk?: readonly number[];
}

export class DicomwebHttp {
  readonly base: string;
  private agent: Agent | undefined;

  constructor(
    private readonly settings: DicomwebSettings,
    private readonly secret: string,
    readonly nodeName: string,
  ) {
    this.base = settings.url.replace(/\/+$/, '');
  }

  /** host:port of the node, as messages name it. */
  get hostPort(): string {
    const url = new URL(this.base);
    return `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
  }

  url(path: string, params: RequestOptions['params'] = {}): string {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      for (const one of typeof value === 'string' ? [value] : value) search.append(key, one);
    }
    const query = search.toString();
    return `${this.base}${path}${query ? `?${query}` : ''}`;
  }

  /** A 2xx answer (its body not yet read), or a PacsError saying what failed. */
  async request(path: string, options: RequestOptions = {}): Promise<Response> {
    const url = this.url(path, options.params);
    let res: Response;
    try {
      res = await fetch(url, {
        method: options.method ?? 'GET',
        headers: { ...this.authorization(), ...options.headers },
        body: options.body,
        signal: options.signal,
        dispatcher: this.dispatcher(),
      });
    } catch (error) {
      throw this.failure(error, options.signal);
    }
    if (res.ok || options.alsoOk?.includes(res.status)) return res;
    const text = await res.text().catch(() => '');
    throw this.statusFailure(res.status, res.statusText, url, text, options.notFound);
  }

  async close(): Promise<void> {
    const agent = this.agent;
    this.agent = undefined;
    await agent?.close();
  }

  private authorization(): Record<string, string> {
    const { auth, username } = this.settings;
    if (auth === 'basic')
      return { Authorization: `Basic ${Buffer.from(`${username}:${this.secret}`).toString('base64')}` };
    if (auth === 'bearer') return { Authorization: `Bearer ${this.secret}` };
    return {};
  }

  /** One agent per client, made on first use so that a missing CA file is a failure of the request, not of setup. */
  private dispatcher(): Agent {
    if (this.agent) return this.agent;
    const https = this.base.toLowerCase().startsWith('https:');
    const caFile = this.settings.caFile.trim();
    let ca: string[] | undefined;
    if (https && caFile !== '') {
      try {
        // The CA file is trusted besides the system's roots, not instead of them.
        ca = [...rootCertificates, readFileSync(caFile, 'utf8')];
      } catch (error) {
        const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : String(error);
        throw new PacsError('certificate', `The CA file ${caFile} of "${this.nodeName}" cannot be read: ${why}`, error);
      }
    }
    this.agent = new Agent({
      connect: { timeout: CONNECT_TIMEOUT_MS, ...(ca ? { ca } : {}) },
      headersTimeout: IDLE_TIMEOUT_MS,
      bodyTimeout: IDLE_TIMEOUT_MS,
    });
    return this.agent;
  }

  /** An error thrown while connecting or reading, as a PacsError (or the abort reason, when the caller aborted). */
  failure(error: unknown, signal?: AbortSignal, reading = false): unknown {
    if (error instanceof PacsError) return error;
    if (signal?.aborted) return signal.reason ?? error;
    const code = errorCode(error);
    const at = this.hostPort;
    const [failure, message] = ((): [PacsFailure, string] => {
      switch (code) {
        case 'ECONNREFUSED':
          return ['refused', `Connection refused by ${at}: is the PACS running and is the URL right?`];
        case 'UND_ERR_CONNECT_TIMEOUT':
        case 'ETIMEDOUT':
          return [
            'timeout',
            `No answer from ${at} within ${CONNECT_TIMEOUT_MS / 1000} s: is the host up and the port open?`,
          ];
        case 'UND_ERR_HEADERS_TIMEOUT':
        case 'UND_ERR_BODY_TIMEOUT':
          return ['timeout', `The PACS at ${at} stopped answering for ${IDLE_TIMEOUT_MS / 1000} s`];
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
          return ['unreachable', `The host name ${new URL(this.base).hostname} is not known: check the URL`];
        case 'EHOSTUNREACH':
        case 'ENETUNREACH':
        case 'EHOSTDOWN':
        case 'ENETDOWN':
          return ['unreachable', `${at} cannot be reached from this computer: check the network and the URL`];
      }
      if (code && CERTIFICATE_CODES.has(code)) return ['certificate', this.certificateMessage(code)];
      if (reading || code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE')
        return ['dropped', `The connection to ${at} dropped in the middle of the answer`];
      if (describe(error) === 'bad port')
        return [
          'other',
          `Port ${at.split(':').pop()} is one that web clients may not use (fetch's blocked ports): use another`,
        ];
      return ['other', `DICOMweb request to ${at} failed: ${describe(error)}`];
    })();
    return new PacsError(failure, `${message} (${this.nodeName})`, error);
  }

  private certificateMessage(code: string): string {
    const at = this.hostPort;
    const withCa = this.settings.caFile.trim() !== '';
    const fix = withCa
      ? `the CA file ${this.settings.caFile} does not vouch for it`
      : "give the node the hospital's CA file (PEM)";
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
      return `The certificate of ${at} is for another host name: use the name it was issued for in the URL`;
    if (code === 'CERT_HAS_EXPIRED') return `The certificate of ${at} has expired`;
    if (code === 'CERT_NOT_YET_VALID') return `The certificate of ${at} is not valid yet: check this computer's clock`;
    if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN')
      return `The certificate of ${at} is self-signed and not trusted: ${fix}`;
    return `The certificate of ${at} is signed by an unknown authority: ${fix}`;
  }

  statusFailure(status: number, statusText: string, url: string, body: string, notFound?: string): PacsError {
    const node = ` (${this.nodeName})`;
    if (status === 401 || status === 403) {
      const hint =
        this.settings.auth === 'none'
          ? ': it asks for a user name and password or a token'
          : ': check the user name and password or the token';
      return new PacsError('auth', `The PACS refused the credentials (HTTP ${status})${hint}${node}`);
    }
    if (status === 404)
      return new PacsError(
        'not-found',
        `${notFound ?? `No DICOMweb service at ${this.base}: check the base URL`}${node}`,
      );
    const detail = body.replace(/\s+/g, ' ').trim().slice(0, 200);
    return new PacsError(
      'other',
      `The PACS answered HTTP ${status} ${statusText} to ${url}${detail ? `: ${detail}` : ''}${node}`,
    );
  }
}

const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_SIGNATURE_FAILURE',
]);

/** The first error code along the cause chain (fetch wraps the socket's error in a TypeError). */
function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const nested = (e as { errors?: unknown[] }).errors; // an AggregateError from happy eyeballs
    if (Array.isArray(nested) && nested.length > 0) return errorCode(nested[0]);
  }
  return undefined;
}

function describe(error: unknown): string {
  let e: unknown = error;
  while ((e as { cause?: unknown })?.cause) e = (e as { cause?: unknown }).cause;
  return e instanceof Error ? e.message : String(e);
}
