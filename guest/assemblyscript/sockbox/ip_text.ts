/**
 * IP address text: strict IPv4 dotted quads and IPv6 (RFC 4291 input,
 * RFC 5952 output, `::ffff:a.b.c.d` for IPv4-mapped addresses), the forms
 * `inet_pton` accepts and `inet_ntop` prints.
 *
 * @module
 */

import { IpLen } from "./abi";

const CHAR_0: i32 = 0x30;
const CHAR_9: i32 = 0x39;
const CHAR_LOWER_A: i32 = 0x61;
const CHAR_LOWER_F: i32 = 0x66;
const CHAR_UPPER_A: i32 = 0x41;
const CHAR_UPPER_F: i32 = 0x46;
const CHAR_DOT: i32 = 0x2e;
const CHAR_COLON: i32 = 0x3a;
const HEX_DIGIT_VALUE: i32 = 10;
const MAX_OCTET: i32 = 255;
const MAX_HEX_DIGITS: i32 = 4;
const IPV6_WORDS: i32 = 8;
const IPV4_MAPPED_WORD: i32 = 0xffff;
/** Index of the word that is 0xffff in an IPv4-mapped address. */
const MAPPED_MARK_WORD: i32 = 5;

/** Value of the decimal number `s[start, end)`, or -1 if it is not one (or exceeds `max`). */
export function parseDecimal(s: string, start: i32, end: i32, max: i64): i64 {
  if (start >= end) return -1;
  let v: i64 = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < CHAR_0 || c > CHAR_9) return -1;
    v = v * 10 + (c - CHAR_0);
    if (v > max) return -1;
  }
  return v;
}

function hexValue(c: i32): i32 {
  if (c >= CHAR_0 && c <= CHAR_9) return c - CHAR_0;
  if (c >= CHAR_LOWER_A && c <= CHAR_LOWER_F) return c - CHAR_LOWER_A + HEX_DIGIT_VALUE;
  if (c >= CHAR_UPPER_A && c <= CHAR_UPPER_F) return c - CHAR_UPPER_A + HEX_DIGIT_VALUE;
  return -1;
}

/**
 * Parses the dotted quad `s[start, end)` into `out[at, at+4)`; false if it is
 * not exactly four decimal octets (no leading zeros, as glibc's inet_pton).
 */
export function parseIpv4Into(s: string, start: i32, end: i32, out: StaticArray<u8>, at: i32): bool {
  let part = 0, i = start;
  while (part < IpLen.V4) {
    let j = i;
    while (j < end && s.charCodeAt(j) != CHAR_DOT) j++;
    if (j - i > 1 && s.charCodeAt(i) == CHAR_0) return false;
    const v = parseDecimal(s, i, j, MAX_OCTET);
    if (v < 0) return false;
    out[at + part] = <u8>v;
    part++;
    if (part < IpLen.V4) {
      if (j >= end) return false;
      i = j + 1;
    } else if (j != end) return false;
  }
  return true;
}

/**
 * Parses IPv6 text `s[start, end)` (no brackets, no zone) into the 16 bytes
 * `out`; false if malformed.
 */
export function parseIpv6Into(s: string, start: i32, end: i32, out: StaticArray<u8>): bool {
  const words = new StaticArray<i32>(IPV6_WORDS);
  let n = 0, gap = -1, i = start;
  if (end - start >= 2 && s.charCodeAt(start) == CHAR_COLON && s.charCodeAt(start + 1) == CHAR_COLON) {
    gap = 0;
    i = start + 2;
    if (i == end) return fillIpv6(words, n, gap, out);
  } else if (start < end && s.charCodeAt(start) == CHAR_COLON) {
    return false;
  }
  while (i < end) {
    if (n >= IPV6_WORDS) return false;
    // An embedded IPv4 tail takes the last two words.
    let j = i;
    while (j < end && s.charCodeAt(j) != CHAR_COLON && s.charCodeAt(j) != CHAR_DOT) j++;
    if (j < end && s.charCodeAt(j) == CHAR_DOT) {
      if (n + 2 > IPV6_WORDS) return false;
      const v4 = new StaticArray<u8>(IpLen.V4);
      if (!parseIpv4Into(s, i, end, v4, 0)) return false;
      words[n++] = (<i32>v4[0] << 8) | v4[1];
      words[n++] = (<i32>v4[2] << 8) | v4[3];
      return fillIpv6(words, n, gap, out);
    }
    if (j == i || j - i > MAX_HEX_DIGITS) return false;
    let w = 0;
    for (let k = i; k < j; k++) {
      const h = hexValue(s.charCodeAt(k));
      if (h < 0) return false;
      w = (w << 4) | h;
    }
    words[n++] = w;
    if (j == end) break;
    // j is at a colon: "::" marks the gap, a single colon separates.
    if (j + 1 < end && s.charCodeAt(j + 1) == CHAR_COLON) {
      if (gap >= 0) return false;
      gap = n;
      i = j + 2;
      if (i == end) break;
    } else {
      i = j + 1;
      if (i == end) return false; // trailing single colon
    }
  }
  return fillIpv6(words, n, gap, out);
}

function fillIpv6(words: StaticArray<i32>, n: i32, gap: i32, out: StaticArray<u8>): bool {
  if (gap < 0 && n != IPV6_WORDS) return false;
  if (gap >= 0 && n >= IPV6_WORDS) return false; // "::" must stand for at least one zero word
  const fill = IPV6_WORDS - n;
  for (let k = 0, w = 0; k < IPV6_WORDS; k++) {
    let v = 0;
    if (gap >= 0 && k >= gap && k < gap + fill) v = 0;
    else v = words[w++];
    out[2 * k] = <u8>(v >> 8);
    out[2 * k + 1] = <u8>(v & 0xff);
  }
  return true;
}

/** The dotted quad of `b[at, at+4)`. */
export function formatIpv4(b: StaticArray<u8>, at: i32 = 0): string {
  return b[at].toString() + "." + b[at + 1].toString() + "." + b[at + 2].toString() + "." + b[at + 3].toString();
}

/** RFC 5952 text of 16 network-order bytes (`::1`, `2001:db8::1`, `::ffff:1.2.3.4`). */
export function formatIpv6(b: StaticArray<u8>): string {
  const words = new StaticArray<i32>(IPV6_WORDS);
  for (let k = 0; k < IPV6_WORDS; k++) words[k] = (<i32>b[2 * k] << 8) | b[2 * k + 1];
  let mapped = words[MAPPED_MARK_WORD] == IPV4_MAPPED_WORD;
  for (let k = 0; k < MAPPED_MARK_WORD; k++) if (words[k] != 0) mapped = false;
  if (mapped) return "::ffff:" + formatIpv4(b, 2 * (MAPPED_MARK_WORD + 1));
  // The longest run of two or more zero words (the first on a tie) becomes "::".
  let bestStart = -1, bestLen = 0;
  for (let k = 0; k < IPV6_WORDS;) {
    if (words[k] != 0) {
      k++;
      continue;
    }
    let j = k;
    while (j < IPV6_WORDS && words[j] == 0) j++;
    if (j - k > bestLen && j - k >= 2) {
      bestStart = k;
      bestLen = j - k;
    }
    k = j;
  }
  let out = "";
  for (let k = 0; k < IPV6_WORDS; k++) {
    if (k == bestStart) {
      out += "::";
      k += bestLen - 1;
      continue;
    }
    if (out.length > 0 && !out.endsWith(":")) out += ":";
    out += (<u32>words[k]).toString(16);
  }
  return out;
}
