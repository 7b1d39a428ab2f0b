import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mediaSignature } from '../../../shared/media-signature';

describe('media address signatures', () => {
  it('are HMAC-SHA256 of the method, path and expiry by the token, whichever token signed last', () => {
    const reference = (token: string, text: string) => createHmac('sha256', token).update(text).digest('hex');
    // Alternating tokens: the keyed HMAC kept for the last token must not sign for another.
    for (const token of ['session-a', 'session-b', 'session-a', 'x'.repeat(100)]) {
      expect(mediaSignature(token, '/media/key-images/3.jpg', 1_700_000_400)).toBe(
        reference(token, 'GET /media/key-images/3.jpg 1700000400'),
      );
    }
    expect(mediaSignature('session-a', '/media/key-images/4.jpg', 1)).toBe(
      reference('session-a', 'GET /media/key-images/4.jpg 1'),
    );
  });
});
