import { describe, expect, it } from 'vitest';
import { camelized } from '../../../electron/db/camel-row';

describe('camelized', () => {
  it('renames every column to camelCase and keeps the values as they are', () => {
    const row = { id: 3, series_instance_uid: '1.2.3', frame_of_reference_uid: null, rows: 512, window_center: '[40]' };
    expect(camelized(row)).toEqual({
      id: 3,
      seriesInstanceUid: '1.2.3',
      frameOfReferenceUid: null,
      rows: 512,
      windowCenter: '[40]',
    });
  });
});
