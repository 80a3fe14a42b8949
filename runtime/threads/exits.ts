/**
 * The exceptions that unwind a guest stack from inside an import. Both extend
 * {@link ProcExit} because the syscall bridge (`runtime/syscall.ts`) lets
 * exactly that class through instead of turning it into an errno.
 *
 * @module
 */

import { ProcExit } from "../syscall.ts";

/** Ends one green thread (pthread_exit): its stack unwinds, the process goes on. */
export class ThreadExit extends ProcExit {
  /** The thread that ended. */
  readonly tid: number;
  constructor(tid: number) {
    super(0);
    this.tid = tid;
    this.message = `pthread_exit (thread ${tid})`;
  }
}

/**
 * Ends the process because it can never make progress again or broke an
 * invariant the host relies on (a deadlock, an overflowed thread stack). The
 * reason has already been printed; the status is that of an abort.
 */
export class GuestAbort extends ProcExit {
  constructor(status: number, reason: string) {
    super(status);
    this.message = reason;
  }
}

/** Ends the stack a signal handler ran on (`signal_return`): the interrupted code goes on. */
export class HandlerReturn extends ProcExit {
  /** The handler's thread id. */
  readonly tid: number;
  constructor(tid: number) {
    super(0);
    this.tid = tid;
    this.message = `signal handler returned (thread ${tid})`;
  }
}

/**
 * Unwinds the stacks a process left suspended when it ended (its main
 * returned, it called exit(), trapped or was killed): they resume with this
 * exception, which no guest code can catch, so none of it runs again.
 */
export class ProcessEnded extends ProcExit {
  constructor() {
    super(0);
    this.message = "the process has ended";
  }
}
