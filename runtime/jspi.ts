/**
 * The JSPI bridge (JavaScript Promise Integration): lets a guest that calls
 * a blocking C function wait on a host promise. Only imports marked blocking
 * are wrapped; see `syscall.ts`.
 *
 * @module
 */

interface JspiApi {
  Suspending: new (fn: (...args: never[]) => unknown) => unknown;
  promising: <F extends (...args: never[]) => unknown>(fn: F) => (...args: Parameters<F>) => Promise<unknown>;
}

const api = WebAssembly as unknown as Partial<JspiApi>;

/** Whether this JS runtime has JSPI (Deno ≥ 2.9, Bun ≥ 1.4). */
export function hasJspi(): boolean {
  return typeof api.Suspending === "function" && typeof api.promising === "function";
}

/** Wraps a host function so the guest suspends while its promise is pending. */
export function suspending(fn: (...args: never[]) => unknown): unknown {
  return new api.Suspending!(fn);
}

/** Wraps a guest export so calling it returns a promise and it may suspend. */
export function promising<F extends (...args: never[]) => unknown>(
  fn: F,
): (...args: Parameters<F>) => Promise<unknown> {
  return api.promising!(fn);
}
