import { useEffect, useRef } from 'react';
import { invoke } from '../api';
import { ACTIVITY_EVENTS, msUntilLock } from './idle';

/**
 * While someone works, the page tells the main process at most once a minute (auth:status touches the session),
 * because the main process locks a session it has not heard from for the lock time (AuthService.resolve): a
 * presenter stepping through slides makes no other call.
 */
const HEARTBEAT_MS = 60_000;

/**
 * Calls `onIdle` once nobody has used the page for `lockMinutes`. Activity only records the time (a pointer move
 * fires often); one timer checks the deadline when it is due and waits again if there was activity meanwhile.
 */
export function useIdleLock(lockMinutes: number, onIdle: () => void, enabled: boolean): void {
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;
  useEffect(() => {
    if (!enabled) return;
    let last = Date.now();
    let beat = last;
    let timer: ReturnType<typeof setTimeout>;
    const check = () => {
      const wait = msUntilLock(last, Date.now(), lockMinutes);
      if (wait === 0) onIdleRef.current();
      else timer = setTimeout(check, wait);
    };
    const active = () => {
      last = Date.now();
      if (last - beat < HEARTBEAT_MS) return;
      beat = last;
      void invoke('auth:status', {});
    };
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, active, { capture: true, passive: true });
    timer = setTimeout(check, msUntilLock(last, last, lockMinutes));
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, active, { capture: true });
    };
  }, [lockMinutes, enabled]);
}
