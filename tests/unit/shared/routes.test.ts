import { describe, expect, it } from 'vitest';
import { hrefFor, isChromeless, parseRoute, routePath, type Route } from '../../../shared/routes';

/** One of every kind of route, with each tab and both de-identified states. */
const EVERY_ROUTE: Route[] = [
  { name: 'home' },
  { name: 'case', id: 12, tab: 'record' },
  { name: 'case', id: 12, tab: 'clinical' },
  { name: 'case', id: 12, tab: 'imaging' },
  { name: 'new-case' },
  { name: 'meetings' },
  { name: 'new-meeting' },
  { name: 'meeting', id: 3, tab: 'agenda' },
  { name: 'meeting', id: 3, tab: 'details' },
  { name: 'meeting', id: 3, tab: 'slides' },
  { name: 'decision', meetingId: 3, itemId: 41 },
  { name: 'present', id: 3, deidentified: false },
  { name: 'present', id: 3, deidentified: true },
  { name: 'audience', id: 3, deidentified: false },
  { name: 'audience', id: 3, deidentified: true },
  { name: 'print', doc: 'meeting', id: 3, deidentified: false },
  { name: 'print', doc: 'meeting', id: 3, deidentified: true },
  { name: 'print', doc: 'outcome', id: 41, deidentified: true },
  { name: 'print', doc: 'outcome', id: 41, deidentified: false, to: 'Dr Amy Lee, Riverside Practice (GP) & co' },
  { name: 'print', doc: 'minutes', id: 3, deidentified: false },
];

describe('routes', () => {
  it.each(EVERY_ROUTE.map((r) => [hrefFor(r), r] as const))('%s leads back to the same screen', (href, route) => {
    expect(parseRoute(href)).toEqual(route);
  });

  it('covers every kind of route', () => {
    const kinds = new Set(EVERY_ROUTE.map((r) => r.name));
    expect([...kinds].sort()).toEqual(
      [
        'audience',
        'case',
        'decision',
        'home',
        'meeting',
        'meetings',
        'new-case',
        'new-meeting',
        'present',
        'print',
      ].sort(),
    );
  });

  it('writes the addresses the print views and the audience window are opened at', () => {
    expect(hrefFor({ name: 'audience', id: 7, deidentified: true })).toBe('#/meetings/7/audience?deidentified=1');
    expect(routePath({ name: 'print', doc: 'outcome', id: 9, deidentified: false })).toBe('/print/outcome/9');
    expect(routePath({ name: 'print', doc: 'meeting', id: 5, deidentified: true })).toBe(
      '/print/meeting/5?deidentified=1',
    );
  });

  it('lands on the home screen for an address it does not know', () => {
    expect(parseRoute('#/nowhere/1')).toEqual({ name: 'home' });
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#/cases/x')).toEqual({ name: 'home' });
  });

  it('draws the presenter, audience and print views without the app chrome', () => {
    expect(EVERY_ROUTE.filter(isChromeless).map((r) => r.name)).toEqual([
      'present',
      'present',
      'audience',
      'audience',
      'print',
      'print',
      'print',
      'print',
      'print',
    ]);
  });
});
