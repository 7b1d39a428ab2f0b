import { useRef, type ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { usePrintReady } from './print-ready';

/** Shown instead of a document when its data cannot be read; the page is still marked ready so an export fails fast. */
export function PrintError({ message }: { message: string }) {
  return (
    <div className="print-error" role="alert" data-testid="print-error">
      {message}
    </div>
  );
}

type Reads = Record<string, UseQueryResult<unknown>>;
type DataOf<R extends Reads> = { [K in keyof R]: R[K] extends UseQueryResult<infer T> ? T : never };

/**
 * The frame every print view shares: it waits for all of the document's reads, draws the document from their
 * answers, and marks the page ready for the PDF exporter (see print-ready.ts). If a read is refused it shows the
 * reason instead, still marked ready.
 */
export function PrintPage<R extends Reads>({
  reads,
  className,
  pageRules,
  children,
}: {
  reads: R;
  className: string;
  /** The CSS @page rules of the document (PAGE_RULES). */
  pageRules: string;
  /** Draws the document; called only once every read has answered. */
  children: (data: DataOf<R>) => ReactNode;
}) {
  const root = useRef<HTMLDivElement>(null);
  const all = Object.values(reads);
  const failed = all.find((r) => r.isError)?.error;
  const loaded = all.every((r) => r.isSuccess);
  usePrintReady(loaded || Boolean(failed), root);
  if (failed) return <PrintError message={failed.message} />;
  const data = Object.fromEntries(Object.entries(reads).map(([k, r]) => [k, r.data])) as DataOf<R>;
  return (
    <div ref={root} className={className}>
      <style>{pageRules}</style>
      {loaded && children(data)}
    </div>
  );
}
