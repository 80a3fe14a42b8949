/*
 * Green threads: what the pthread_*.c files of libsockbox share.
 *
 * Every thread runs on the one wasm instance, on its own C stack; the host
 * (runtime/threads/) switches threads only inside a call that would block,
 * saving and restoring __stack_pointer, errno and the current-thread slot
 * below. No two threads ever run at once, so the C code here needs no atomics:
 * a check followed by a wait on the same word cannot miss a wake-up.
 *
 * Host ABI (import module "sockbox_thread"); every call returns a WASI errno
 * unless said otherwise. Documented in docs/concurrency.md.
 */
#ifndef SOCKBOX_PTHREAD_INTERNAL_H
#define SOCKBOX_PTHREAD_INTERNAL_H

#include <limits.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <wasi/api.h>

#define SBX_THREAD_IMPORT(name) \
    __attribute__((import_module("sockbox_thread"), import_name(#name)))

/* Keys (thread-specific data) per process (POSIX's _POSIX_THREAD_KEYS_MAX). */
#define SBX_KEYS_MAX 128
/* Destructor rounds at thread exit (PTHREAD_DESTRUCTOR_ITERATIONS). */
#define SBX_DESTRUCTOR_ITERATIONS 4
/* Default stack of a new thread. The main thread's is set at link time. */
#define SBX_DEFAULT_STACK_SIZE (256u * 1024u)
/* Smallest stack pthread_attr_setstacksize accepts (PTHREAD_STACK_MIN). */
#define SBX_STACK_MIN 16384u
/* Written at the lowest address of every thread stack the library allocates;
 * the host checks it at each switch and ends the program if it was
 * overwritten (the thread overflowed its stack). */
#define SBX_STACK_CANARY 0x5342584bu /* "SBXK" */
/* Bytes reserved at the bottom of an allocated stack for the canary. */
#define SBX_STACK_GUARD 16u
/* "No deadline" for __sbx_futex_wait. */
#define SBX_NO_DEADLINE UINT64_MAX

/* One thread's control block: what pthread_t points to. */
struct __pthread {
    int tid;                       /* host thread id; 1 is the main thread */
    void *(*start)(void *);
    void *arg;
    void *result;                  /* pthread_exit's value */
    volatile int done;             /* 0 while running, 1 once exited (joiners wait on it) */
    int detached;
    void *stack;                   /* stack this library allocated (NULL: main or user stack) */
    size_t stack_size;
    struct __ptcb *cleanup;        /* pthread_cleanup_push stack */
    int cancel_state;
    int cancel_type;
    volatile int cancel_pending;
    struct __pthread *next_dead;   /* detached and exited, waiting to be freed */
    char name[16];
    void *tsd[SBX_KEYS_MAX];       /* thread-specific values */
    unsigned tsd_gen[SBX_KEYS_MAX]; /* key generation each value belongs to */
};

/* The running thread; the host rewrites it whenever another thread runs. */
extern struct __pthread *__sbx_self;
/* The main thread's control block (never freed). */
extern struct __pthread __sbx_main_thread;

/* ---- host imports -------------------------------------------------------- */

/* Tells the host where the current-thread slot and errno live. Idempotent. */
SBX_THREAD_IMPORT(init)
int32_t __sbx_thread_init(struct __pthread **self_slot, int *errno_slot);

/* Queues a new thread that will run __sockbox_thread_entry(t) on the stack
 * [stack_base, stack_top); writes its id to *tid. EAGAIN when at the limit. */
SBX_THREAD_IMPORT(spawn)
int32_t __sbx_thread_spawn(struct __pthread *t, uintptr_t stack_base, uintptr_t stack_top, int32_t *tid);

/* Ends the calling thread. Returns 1 (and does not end it) when it is the
 * last thread, so the caller ends the process with exit(0); otherwise it
 * does not return: the host unwinds the thread's stack. */
SBX_THREAD_IMPORT(exit)
int32_t __sbx_thread_exit(struct __pthread *t);

/* Blocks while *addr == expected, until woken or until `deadline_ns` on
 * WASI clock `clock` (__WASI_CLOCKID_*; SBX_NO_DEADLINE: none). 0 when woken, EAGAIN when *addr
 * differed, ETIMEDOUT. Spurious wake-ups are allowed. */
SBX_THREAD_IMPORT(wait)
int32_t __sbx_futex_wait(volatile int *addr, int32_t expected, int32_t clock, uint64_t deadline_ns);

/* Wakes up to `count` threads waiting on addr. */
SBX_THREAD_IMPORT(wake)
int32_t __sbx_futex_wake(volatile int *addr, int32_t count);

/* Makes thread t's pending __sbx_futex_wait, if any, return EINTR (used by
 * pthread_cancel). A thread blocked in I/O is not interrupted. */
SBX_THREAD_IMPORT(interrupt)
int32_t __sbx_thread_interrupt(struct __pthread *t);

/* ---- helpers -------------------------------------------------------------- */

/* An absolute timespec as the nanosecond deadline __sbx_futex_wait takes;
 * EINVAL for a malformed one. */
int __sbx_deadline(const struct timespec *abs, uint64_t *out);

/* Wait on *addr == expected until woken or `abs` (NULL: forever) on WASI
 * clock `clock`. Returns 0 (woken or value changed), ETIMEDOUT or EINVAL. */
int __sbx_wait_on(volatile int *addr, int expected, int clock, const struct timespec *abs);

/* The WASI clock number of a clockid_t (wasi-libc's clockid_t is a pointer);
 * -1 for one a wait cannot use. */
int __sbx_wasi_clock(clockid_t clock);

/* Wake every waiter on addr. */
static inline void __sbx_wake_all(volatile int *addr) {
    __sbx_futex_wake(addr, INT_MAX);
}

/* Frees detached threads that have exited (their stacks are unused now). */
void __sbx_reap_dead(void);

/* Mutex lock with an optional absolute CLOCK_REALTIME deadline (timedlock). */
int __sbx_mutex_lock(pthread_mutex_t *m, const struct timespec *abs);

/* Acts on a pending cancellation request (cancellation points call it). */
void __sbx_testcancel(void);

#endif
