import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCK_MINUTES, lockDelayMs, msUntilLock } from '../../../renderer/auth/idle';

describe('the inactivity lock', () => {
  it('locks after the configured minutes without activity', () => {
    const start = 1_000_000;
    expect(msUntilLock(start, start, 5)).toBe(5 * 60_000);
    expect(msUntilLock(start, start + 4 * 60_000, 5)).toBe(60_000);
    expect(msUntilLock(start, start + 5 * 60_000, 5)).toBe(0);
    expect(msUntilLock(start, start + 60 * 60_000, 5)).toBe(0);
  });

  it('starts again from the latest activity', () => {
    const start = 1_000_000;
    const touched = start + 14 * 60_000;
    expect(msUntilLock(touched, start + 15 * 60_000, 15)).toBe(14 * 60_000);
  });

  it('falls back to 15 minutes when the setting is missing or unusable', () => {
    expect(DEFAULT_LOCK_MINUTES).toBe(15);
    for (const bad of [undefined, 0, -3, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(lockDelayMs(bad)).toBe(15 * 60_000);
    }
    expect(lockDelayMs(1)).toBe(60_000);
    expect(lockDelayMs(2.7)).toBe(2 * 60_000);
  });
});
