/*
 * pthread_once: 0 not run, 1 running (others wait on the word), 2 done.
 */
#include "pthread_internal.h"

enum { ONCE_NEW, ONCE_RUNNING, ONCE_DONE };

int pthread_once(pthread_once_t *once, void (*init)(void)) {
    volatile int *w = once;
    while (*w == ONCE_RUNNING) __sbx_wait_on(w, ONCE_RUNNING, __WASI_CLOCKID_REALTIME, NULL);
    if (*w == ONCE_NEW) {
        *w = ONCE_RUNNING;
        init();
        *w = ONCE_DONE;
        __sbx_wake_all(w);
    }
    return 0;
}
