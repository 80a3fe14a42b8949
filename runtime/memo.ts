/**
 * Remembering the results of pure functions of a string, for hot paths that
 * see the same few addresses again and again (a datagram's sender, a send's
 * destination): parsing and formatting them allocates, and a typed array
 * costs Deno about 0.5 µs each. At most `limit` results are kept; when full,
 * all are forgotten (cheaper than an LRU, and right for the common case of a
 * few peers). Results are shared: callers must not modify them.
 *
 * @module
 */

/** How many results a memoized function keeps by default. */
export const MEMO_LIMIT = 256;

/** `fn`, remembering up to `limit` results by argument. */
export function memoByString<T>(fn: (s: string) => T, limit = MEMO_LIMIT): (s: string) => T {
  const seen = new Map<string, T>();
  return (s: string): T => {
    const hit = seen.get(s);
    if (hit !== undefined || seen.has(s)) return hit as T;
    const v = fn(s);
    if (seen.size >= limit) seen.clear();
    seen.set(s, v);
    return v;
  };
}
