import { useEffect, useRef } from 'react';

/**
 * Keeps the presenter view and the audience window on the same slide: same origin, so a BroadcastChannel per
 * meeting (works between browser windows of the web host and between Electron windows of boardprep://app alike).
 * The slide travels by key (stable across edits), with its index as a fallback.
 */
export type SyncMessage =
  | { type: 'slide'; from: 'presenter' | 'audience'; key: string; index: number; deidentified: boolean }
  | { type: 'hello'; from: 'audience' | 'presenter' }
  /** The audience window says it is still open, every few seconds and when a (reloaded) presenter says hello. */
  | { type: 'ping'; from: 'audience' }
  | { type: 'bye'; from: 'audience' | 'presenter' };

/** How often the audience window says it is open, and after how long without a word the presenter counts it gone. */
export const PING_MS = 1000;
export const GONE_MS = 3500;

export const channelName = (meetingId: number) => `boardprep:present:${meetingId}`;

export function useDeckSync(meetingId: number, onMessage: (m: SyncMessage) => void): (m: SyncMessage) => void {
  const channel = useRef<BroadcastChannel | null>(null);
  const handler = useRef(onMessage);
  handler.current = onMessage;
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const c = new BroadcastChannel(channelName(meetingId));
    c.onmessage = (e: MessageEvent<SyncMessage>) => handler.current(e.data);
    channel.current = c;
    return () => {
      c.close();
      channel.current = null;
    };
  }, [meetingId]);
  return (m: SyncMessage) => channel.current?.postMessage(m);
}

/**
 * One message on a channel of its own: for goodbyes sent while the view unmounts or the page goes, when the
 * view's own channel may already be closed (React runs the cleanups in order, the channel's first).
 */
export function postOnce(meetingId: number, m: SyncMessage): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const c = new BroadcastChannel(channelName(meetingId));
  c.postMessage(m);
  c.close();
}
