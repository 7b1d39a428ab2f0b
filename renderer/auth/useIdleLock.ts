import { useEffect, useRef } from 'react';
import { ACTIVITY_EVENTS, msUntilLock } from './idle';

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
    let timer: ReturnType<typeof setTimeout>;
    const check = () => {
      const wait = msUntilLock(last, Date.now(), lockMinutes);
      if (wait === 0) onIdleRef.current();
      else timer = setTimeout(check, wait);
    };
    const active = () => void (last = Date.now());
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, active, { capture: true, passive: true });
    timer = setTimeout(check, msUntilLock(last, last, lockMinutes));
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, active, { capture: true });
    };
  }, [lockMinutes, enabled]);
}
