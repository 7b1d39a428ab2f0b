import type { Readable, Writable } from 'node:stream';

/**
 * A minimal Chrome DevTools Protocol client over `--remote-debugging-pipe`: Chromium reads commands on its fd 3 and
 * writes answers and events on its fd 4, each a JSON message ended by a NUL byte. Enough for printing a page: no
 * WebSocket (Node 20 has none built in) and no port open on the machine.
 */

export class CdpError extends Error {
  override name = 'CdpError';
}

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

type EventHandler = (params: Record<string, unknown>, sessionId: string | undefined) => void;

export class CdpPipe {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly handlers = new Map<string, Set<EventHandler>>();
  private chunks: Buffer[] = [];
  private closedWith: Error | null = null;

  constructor(
    private readonly output: Writable,
    input: Readable,
  ) {
    input.on('data', (data: Buffer) => this.receive(data));
    input.on('close', () => this.close(new CdpError('Chromium closed the DevTools pipe')));
    input.on('error', (err) => this.close(new CdpError(`DevTools pipe: ${err.message}`)));
    output.on('error', (err) => this.close(new CdpError(`DevTools pipe: ${err.message}`)));
  }

  get closed(): boolean {
    return this.closedWith !== null;
  }

  send<T = Record<string, unknown>>(
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string,
  ): Promise<T> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject });
      const message = JSON.stringify(sessionId ? { id, method, params, sessionId } : { id, method, params });
      this.output.write(`${message}\0`);
    });
  }

  /** Listens to an event (all sessions); returns the function that stops listening. */
  on(method: string, handler: EventHandler): () => void {
    const set = this.handlers.get(method) ?? new Set<EventHandler>();
    set.add(handler);
    this.handlers.set(method, set);
    return () => set.delete(handler);
  }

  /** Rejects everything pending; later sends fail with the same error. */
  close(reason: Error): void {
    if (this.closedWith) return;
    this.closedWith = reason;
    for (const p of this.pending.values()) p.reject(reason);
    this.pending.clear();
  }

  private receive(data: Buffer): void {
    let start = 0;
    let end: number;
    while ((end = data.indexOf(0, start)) >= 0) {
      this.chunks.push(data.subarray(start, end));
      const text = Buffer.concat(this.chunks).toString('utf8');
      this.chunks = [];
      start = end + 1;
      this.dispatch(text);
    }
    if (start < data.length) this.chunks.push(data.subarray(start));
  }

  private dispatch(text: string): void {
    let message: {
      id?: number;
      method?: string;
      params?: Record<string, unknown>;
      sessionId?: string;
      result?: unknown;
      error?: { message: string; data?: string };
    };
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (message.id !== undefined) {
      const p = this.pending.get(message.id);
      if (!p) return;
      this.pending.delete(message.id);
      if (message.error)
        p.reject(
          new CdpError(`${p.method}: ${message.error.message}${message.error.data ? ` (${message.error.data})` : ''}`),
        );
      else p.resolve(message.result ?? {});
      return;
    }
    if (message.method)
      for (const h of this.handlers.get(message.method) ?? []) h(message.params ?? {}, message.sessionId);
  }
}
