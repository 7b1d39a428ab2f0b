/**
 * When the workstation locks after inactivity (issue 12, item 2): a shared ward or meeting-room PC changes hands.
 * Pure arithmetic, so the rule is tested without a browser; renderer/auth/useIdleLock.ts wires it to the page.
 */

/** What counts as someone at the workstation: any pointer, key, wheel or touch. */
export const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/** The lock time when the setting is missing or unusable (the settings default too). */
export const DEFAULT_LOCK_MINUTES = 15;

/** The setting in milliseconds: a whole number of minutes of at least one, else the default. */
export function lockDelayMs(lockMinutes: number | undefined): number {
  const minutes =
    lockMinutes !== undefined && Number.isFinite(lockMinutes) && lockMinutes >= 1
      ? Math.floor(lockMinutes)
      : DEFAULT_LOCK_MINUTES;
  return minutes * 60_000;
}

/** How long until the page locks, from the last activity: 0 once it is due. */
export function msUntilLock(lastActivity: number, now: number, lockMinutes: number | undefined): number {
  return Math.max(0, lastActivity + lockDelayMs(lockMinutes) - now);
}
