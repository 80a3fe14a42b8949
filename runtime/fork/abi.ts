/**
 * The process ABI between libsockbox (guest/libc/proc_imports.h, fork.c,
 * wait.c, signal.c) and the host, and the names binaryen's asyncify pass
 * gives its exports. Nothing else in runtime/fork spells these.
 *
 * @module
 */

/** Import module of the process calls. */
export const PROC_MODULE = "sockbox_proc";

/** The import whose presence makes a program fork-capable (fork.c links it). */
export const FORK_IMPORT = "fork";

/** Guest export that runs a signal handler: `__sockbox_signal_entry(sig, code, pid, status)`. */
export const SIGNAL_ENTRY_EXPORT = "__sockbox_signal_entry";

/** Prefix of the exports the post-link step adds for every mutable global but the stack pointer. */
export const GLOBAL_EXPORT_PREFIX = "__sockbox_global_";

/** The exports binaryen's asyncify pass adds. */
export const Asyncify = {
  START_UNWIND: "asyncify_start_unwind",
  STOP_UNWIND: "asyncify_stop_unwind",
  START_REWIND: "asyncify_start_rewind",
  STOP_REWIND: "asyncify_stop_rewind",
  GET_STATE: "asyncify_get_state",
} as const;

/** Values of `asyncify_get_state()`. */
export const AsyncifyState = { NORMAL: 0, UNWINDING: 1, REWINDING: 2 } as const;

/** Layout of the asyncify data buffer: `{ u32 current, u32 end }`, then the saved stack. */
export const AsyncifyData = { CURRENT: 0, END: 4, HEADER: 8 } as const;

/** pid of the first process of a run (its parent looks like init). */
export const ROOT_PID = 1000;
/** Parent pid of the first process. */
export const ROOT_PPID = 1;

/** Most processes alive (or unreaped) at once in one run; fork() fails with EAGAIN beyond. */
export const MAX_PROCESSES = 1024;

/** `fd_limit`'s first argument when the limit is only read. */
export const FD_LIMIT_UNCHANGED = -1;

/** waitpid() options. */
export const WaitOptions = { NOHANG: 1 } as const;

/** Signal numbers (Linux's, as wasi-libc's <bits/signal.h>). */
export const Sig = {
  HUP: 1, INT: 2, QUIT: 3, ABRT: 6, KILL: 9, USR1: 10, SEGV: 11, USR2: 12, PIPE: 13, ALRM: 14,
  TERM: 15, CHLD: 17, CONT: 18, STOP: 19, TSTP: 20, TTIN: 21, TTOU: 22, URG: 23, WINCH: 28,
} as const;

/** One past the highest signal number (_NSIG). */
export const NSIG = 65;

/** Signals whose default action is to do nothing (the stop signals too: there is no job control). */
export const IGNORED_BY_DEFAULT: ReadonlySet<number> = new Set([
  Sig.CHLD, Sig.CONT, Sig.URG, Sig.WINCH, Sig.STOP, Sig.TSTP, Sig.TTIN, Sig.TTOU,
]);

/** What sigaction() set for a signal (`SBX_SIG_*`). */
export const Disposition = { DEFAULT: 0, IGNORE: 1, HANDLER: 2 } as const;

/** sigaction flags the host acts on. */
export const SaFlags = { NOCLDWAIT: 2 } as const;

/** `si_code` values of a SIGCHLD (CLD_*) and of a kill() (SI_USER). */
export const SiCode = { USER: 0, CLD_EXITED: 1, CLD_KILLED: 2 } as const;

/** Wait status of a process that exited with `code`. */
export function exitedStatus(code: number): number {
  return (code & 0xff) << 8;
}

/** Wait status of a process ended by signal `sig`. */
export function signaledStatus(sig: number): number {
  return sig & 0x7f;
}
