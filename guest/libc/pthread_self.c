/*
 * The main thread's control block and the current-thread slot. Kept apart
 * from pthread_create so that a program using only mutexes or pthread_self
 * stays an ordinary single-threaded program (no host thread scheduler).
 */
#include "pthread_internal.h"

struct __pthread __sbx_main_thread = {.tid = 1, .name = "main"};
struct __pthread *__sbx_self = &__sbx_main_thread;

pthread_t pthread_self(void) {
    return __sbx_self;
}

#undef pthread_equal
int pthread_equal(pthread_t a, pthread_t b) {
    return a == b;
}
