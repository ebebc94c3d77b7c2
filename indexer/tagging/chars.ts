/**
 * Character classes for the tagger's hand-written scanners. A Unicode regex run over a whole
 * article to find one kind of character was among the largest costs of tagging; these test one
 * code point at a time (codePointClass, shared with the engine's word scanner).
 */
import { codePointClass } from '../../engine/text.js';

/** `[\p{L}\p{N}]` */
export const isLetterOrDigit = codePointClass(/^[\p{L}\p{N}]$/u, (c) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57));

/** `\p{Lu}` */
export const isUpperCase = codePointClass(/^\p{Lu}$/u, (c) => c >= 65 && c <= 90);

/**
 * The code point starting at i as a `u` regex reads it within [0, end): a surrogate pair cut by
 * `end` is a lone surrogate there.
 */
export function codePointAt(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** The code point that ends just before i (a lookbehind's view), or -1 at the start. */
export function codePointBefore(text: string, i: number): number {
  if (i <= 0) return -1;
  const d = text.charCodeAt(i - 1);
  if (d >= 0xdc00 && d <= 0xdfff && i >= 2) {
    const c = text.charCodeAt(i - 2);
    if (c >= 0xd800 && c <= 0xdbff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return d;
}
