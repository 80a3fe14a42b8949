/**
 * `Result<T>`: a value or a typed errno, never a silent -1. AssemblyScript
 * has no exceptions a program can catch, so a failing call returns its errno
 * and the caller decides: test `ok`, read `errno`, or `expect()` (which ends
 * the program with a `perror`-style message, as C examples do).
 *
 * @module
 */

import { Errno, errnoName } from "./errno";
import { fail } from "./exit";

/** The outcome of a call: a value, or the errno the host returned. */
export class Result<T> {
  /** Success ({@link Errno.SUCCESS}) or why the call failed. */
  readonly errno: Errno;
  private readonly _value: T;

  constructor(errno: Errno, value: T) {
    this.errno = errno;
    this._value = value;
  }

  /** Whether the call succeeded. */
  get ok(): bool {
    return this.errno == Errno.SUCCESS;
  }

  /** The value; aborts the program when the call failed (check `ok` first). */
  get value(): T {
    if (this.errno != Errno.SUCCESS) abort("Result.value of a failed call: " + errnoName(this.errno));
    return this._value;
  }

  /** The value, or `fallback` when the call failed. */
  valueOr(fallback: T): T {
    return this.errno == Errno.SUCCESS ? this._value : fallback;
  }

  /**
   * The value; on failure prints `what: <strerror>` on stderr and exits with
   * status 1, which is what `if (x < 0) { perror(what); exit(1); }` does in C.
   */
  expect(what: string): T {
    if (this.errno != Errno.SUCCESS) fail(what, this.errno);
    return this._value;
  }
}

/** A successful result. */
export function ok<T>(value: T): Result<T> {
  return new Result<T>(Errno.SUCCESS, value);
}

/** A failed result carrying `errno`. */
export function err<T>(errno: Errno): Result<T> {
  assert(errno != Errno.SUCCESS, "err() needs a nonzero errno");
  if (isReference<T>()) return new Result<T>(errno, changetype<T>(<usize>0));
  return new Result<T>(errno, <T>0);
}
