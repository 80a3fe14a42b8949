/**
 * The green-thread ABI between libsockbox's pthread_*.c and the host: import
 * module and export names, sentinels, and limits. Nothing else in
 * runtime/threads spells these. See docs/concurrency.md.
 *
 * @module
 */

/** Import module of the thread calls (`guest/libc/pthread_internal.h`). */
export const THREAD_MODULE = "sockbox_thread";

/** The import whose presence makes a program multithreaded (pthread_create links it). */
export const SPAWN_IMPORT = "spawn";

/** The import a thread waits in (futex-style wait on one word). */
export const WAIT_IMPORT = "wait";

/** Guest export that runs one thread: `__sockbox_thread_entry(tcb)`; it never returns. */
export const THREAD_ENTRY_EXPORT = "__sockbox_thread_entry";

/**
 * The C stack pointer global, exported by the post-link step of `sockbox cc`
 * (guest/cc/post-link-concurrency.sh) for programs that create threads.
 */
export const STACK_POINTER_EXPORT = "__stack_pointer";

/** `deadline_ns` meaning "no deadline" (UINT64_MAX). */
export const NO_DEADLINE = 0xffff_ffff_ffff_ffffn;

/** Word libsockbox writes at the lowest address of each stack it allocates (`SBX_STACK_CANARY`). */
export const STACK_CANARY = 0x5342584b;

/** Bytes at the bottom of such a stack that the thread must never reach (`SBX_STACK_GUARD`). */
export const STACK_GUARD = 16;

/** Thread id of the main thread. */
export const MAIN_TID = 1;

/** Most threads alive at once in one process; pthread_create fails with EAGAIN beyond. */
export const MAX_THREADS = 4096;

/** `wake` count meaning "every waiter" (INT_MAX). */
export const WAKE_ALL = 0x7fff_ffff;

/** Exit status when the host ends a process it cannot continue (deadlock, overflowed stack): an abort's, like a trap. */
export const ABORT_STATUS = 134;

/** Exit status when a program cannot start (like `run.ts`'s load failure). */
export const LOAD_FAILURE_STATUS = 127;

/** Bytes left free below the interrupted code's stack pointer before a signal handler's frames. */
export const SIGNAL_FRAME_GAP = 128;
