import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Short-lived, per-resource signed addresses for the web host's /media/ files. An <img>, a download link or a
 * worker cannot send the X-BoardPrep-Token header, and the token must never travel in a URL or a cookie, so the
 * page signs the one path it wants with the token: `?exp=<unix seconds>&sig=<hex HMAC-SHA256>`. A leaked address
 * opens that one file for a few minutes, and nothing else. Synchronous (not WebCrypto), so a src is computed in
 * render like any other attribute.
 */

/** Expiry is rounded up to the next step, so one file's address stays the same for a while (no reload per render). */
const STEP_SECONDS = 5 * 60;
/** The furthest ahead an expiry may be: one address lives between 5 and 10 minutes. */
export const MEDIA_URL_MAX_LIFETIME_SECONDS = 2 * STEP_SECONDS;

/**
 * The HMAC keyed with the last token used: keying hashes the padded key twice, two thirds of the work for a short
 * path, and every address of one session is signed (and checked) with the same token. Each signature clones it.
 */
let keyed: { token: string; mac: ReturnType<typeof hmac.create> } | null = null;

export function mediaSignature(token: string, pathname: string, expires: number): string {
  if (keyed?.token !== token) keyed = { token, mac: hmac.create(sha256, utf8ToBytes(token)) };
  return bytesToHex(
    keyed.mac
      .clone()
      .update(utf8ToBytes(`GET ${pathname} ${expires}`))
      .digest(),
  );
}

/**
 * Addresses signed in the current step, by token, path and expiry: a deck of 40 cases signs its 80 images on every
 * render, and an HMAC in script is the slow part of drawing an image tile.
 */
const signed = new Map<string, string>();
const MAX_REMEMBERED = 5000;

/** `path` is a same-origin address such as '/media/key-images/3.png' (its own query, if any, is kept). */
export function signMediaPath(token: string, path: string, nowMs: number): string {
  const expires = (Math.floor(nowMs / 1000 / STEP_SECONDS) + 2) * STEP_SECONDS;
  const key = `${expires} ${token} ${path}`;
  const known = signed.get(key);
  if (known !== undefined) return known;
  const url = new URL(path, 'http://signing.invalid');
  url.searchParams.set('exp', String(expires));
  url.searchParams.set('sig', mediaSignature(token, url.pathname, expires));
  if (signed.size >= MAX_REMEMBERED) signed.clear();
  signed.set(key, url.pathname + url.search);
  return url.pathname + url.search;
}

function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** True when `url` carries a signature of its own path by `token` that has not expired. */
export function verifyMediaUrl(token: string, url: URL, nowMs: number): boolean {
  const exp = url.searchParams.get('exp');
  const sig = url.searchParams.get('sig');
  if (!exp || !sig || !/^\d{1,12}$/.test(exp)) return false;
  const expires = Number(exp);
  const now = nowMs / 1000;
  if (expires < now || expires > now + MEDIA_URL_MAX_LIFETIME_SECONDS) return false;
  return sameText(sig, mediaSignature(token, url.pathname, expires));
}
