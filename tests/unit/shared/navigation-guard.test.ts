import { describe, expect, it } from 'vitest';
import { NavigationGuard, type GuardHost } from '../../../renderer/navigation-guard';

/** An address bar: `go` is a navigation (a hashchange follows), `restore` puts a fragment back silently. */
function fakeAddress(start = '#/cases/1/record') {
  const address = { hash: start, navigations: [] as string[] };
  const host: GuardHost = {
    readHash: () => address.hash,
    writeHash: (h) => {
      address.hash = h;
      address.navigations.push(h);
    },
    restoreHash: (h) => {
      address.hash = h;
    },
  };
  return { address, guard: new NavigationGuard(host) };
}

describe('the navigation guard', () => {
  it('lets every navigation through while no form is dirty', () => {
    const { address, guard } = fakeAddress();
    let dirty = false;
    guard.register('the case details', () => dirty);
    expect(guard.go('#/cases/2/record')).toBe(true);
    expect(guard.onHashChange()).toBe(true);
    expect(guard.current()).toBe('#/cases/2/record');
    expect(address.navigations).toEqual(['#/cases/2/record']);
    dirty = false;
    // A link or the back button: the address moves first, the screen follows.
    address.hash = '#/meetings';
    expect(guard.onHashChange()).toBe(true);
    expect(guard.getPending()).toBeNull();
  });

  it('asks before leaving a dirty form: Cancel stays with the edits, Leave goes where the user wanted', () => {
    const { address, guard } = fakeAddress();
    const unregister = guard.register('the case details', () => true);
    expect(guard.go('#/cases/2/record')).toBe(false);
    expect(guard.getPending()).toEqual({ target: '#/cases/2/record', labels: ['the case details'] });
    expect(address.navigations).toEqual([]);
    guard.stay();
    expect(guard.getPending()).toBeNull();
    expect(guard.current()).toBe('#/cases/1/record');

    guard.go('#/cases/2/record');
    guard.leave();
    expect(address.navigations).toEqual(['#/cases/2/record']);
    // The form is still registered (it unmounts once the new screen renders): the allowed change goes through.
    expect(guard.onHashChange()).toBe(true);
    expect(guard.current()).toBe('#/cases/2/record');
    unregister();
    expect(guard.dirtyLabels()).toEqual([]);
  });

  it('puts the address back when the back button leaves a dirty form, then asks', () => {
    const { address, guard } = fakeAddress('#/cases/1/record');
    guard.register('the decision', () => true);
    guard.register('the decision', () => true);
    address.hash = '#/meetings'; // the browser went back
    expect(guard.onHashChange()).toBe(false);
    expect(address.hash).toBe('#/cases/1/record');
    expect(guard.current()).toBe('#/cases/1/record');
    // The restore causes no hashchange, and one label per kind of form.
    expect(guard.getPending()).toEqual({ target: '#/meetings', labels: ['the decision'] });
    guard.leave();
    expect(address.hash).toBe('#/meetings');
    expect(guard.onHashChange()).toBe(true);
  });

  it('a navigation after a save goes without asking, and going where one already is changes nothing', () => {
    const { address, guard } = fakeAddress('#/new-case');
    guard.register('the new case', () => true);
    expect(guard.go('#/new-case')).toBe(true);
    expect(guard.go('#/cases/9/record', { force: true })).toBe(true);
    expect(guard.onHashChange()).toBe(true);
    expect(address.navigations).toEqual(['#/cases/9/record']);
    expect(guard.getPending()).toBeNull();
  });
});
