/*
 * pthread conformance: every primitive libsockbox provides, with output that
 * depends only on synchronisation (never on timing), so the native build and
 * the sandboxed one print the same lines.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CHECK(x) do { int e_ = (x); if (e_) { printf("FAIL %s:%d %s = %s\n", __FILE__, __LINE__, #x, strerror(e_)); exit(1); } } while (0)

static struct timespec in_ms(clockid_t clock, long ms) {
    struct timespec t;
    clock_gettime(clock, &t);
    t.tv_sec += ms / 1000;
    t.tv_nsec += (ms % 1000) * 1000000L;
    if (t.tv_nsec >= 1000000000L) { t.tv_sec++; t.tv_nsec -= 1000000000L; }
    return t;
}

/* 1. create / join / return values */
static void *square(void *arg) {
    long n = (long)arg;
    usleep(1000 * (unsigned)(5 - n % 5));
    return (void *)(n * n);
}

static void test_join(void) {
    pthread_t t[8];
    for (long i = 0; i < 8; i++) CHECK(pthread_create(&t[i], NULL, square, (void *)i));
    long sum = 0;
    for (int i = 0; i < 8; i++) {
        void *r;
        CHECK(pthread_join(t[i], &r));
        sum += (long)r;
    }
    printf("join: sum of squares 0..7 = %ld\n", sum);
    printf("join: self joins itself -> %s\n", strerror(pthread_join(pthread_self(), NULL)));
}

/* 2. a mutex protecting a counter, with switches inside the critical section */
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *add(void *arg) {
    (void)arg;
    for (int i = 0; i < 500; i++) {
        pthread_mutex_lock(&counter_lock);
        long v = counter;
        if (i % 50 == 0) sched_yield();
        counter = v + 1;
        pthread_mutex_unlock(&counter_lock);
    }
    return NULL;
}

static void test_mutex(void) {
    pthread_t t[8];
    for (int i = 0; i < 8; i++) CHECK(pthread_create(&t[i], NULL, add, NULL));
    for (int i = 0; i < 8; i++) CHECK(pthread_join(t[i], NULL));
    printf("mutex: counter = %ld\n", counter);
}

/* 3. mutex types */
static pthread_mutex_t typed;

static void *try_typed(void *arg) {
    int *out = arg;
    out[0] = pthread_mutex_trylock(&typed);
    out[1] = pthread_mutex_unlock(&typed);
    return NULL;
}

static void mutex_of(int type) {
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    CHECK(pthread_mutexattr_settype(&a, type));
    CHECK(pthread_mutex_init(&typed, &a));
    pthread_mutexattr_destroy(&a);
}

static void test_mutex_types(void) {
    int r[2];
    pthread_t t;
    mutex_of(PTHREAD_MUTEX_ERRORCHECK);
    CHECK(pthread_mutex_lock(&typed));
    printf("errorcheck: relock -> %s\n", strerror(pthread_mutex_lock(&typed)));
    printf("errorcheck: trylock by owner -> %s\n", strerror(pthread_mutex_trylock(&typed)));
    CHECK(pthread_create(&t, NULL, try_typed, r));
    CHECK(pthread_join(t, NULL));
    printf("errorcheck: other thread trylock -> %s, unlock -> %s\n", strerror(r[0]), strerror(r[1]));
    CHECK(pthread_mutex_unlock(&typed));
    printf("errorcheck: unlock when unlocked -> %s\n", strerror(pthread_mutex_unlock(&typed)));
    pthread_mutex_destroy(&typed);

    mutex_of(PTHREAD_MUTEX_RECURSIVE);
    for (int i = 0; i < 3; i++) CHECK(pthread_mutex_lock(&typed));
    CHECK(pthread_mutex_trylock(&typed));
    CHECK(pthread_create(&t, NULL, try_typed, r));
    CHECK(pthread_join(t, NULL));
    printf("recursive: held 4 deep, other thread trylock -> %s, unlock -> %s\n", strerror(r[0]), strerror(r[1]));
    for (int i = 0; i < 4; i++) CHECK(pthread_mutex_unlock(&typed));
    CHECK(pthread_create(&t, NULL, try_typed, r));
    CHECK(pthread_join(t, NULL));
    printf("recursive: released, other thread trylock -> %s, unlock -> %s\n", strerror(r[0]), strerror(r[1]));
    pthread_mutex_destroy(&typed);

    mutex_of(PTHREAD_MUTEX_NORMAL);
    CHECK(pthread_mutex_lock(&typed));
    printf("normal: trylock held -> %s\n", strerror(pthread_mutex_trylock(&typed)));
    struct timespec soon = in_ms(CLOCK_REALTIME, 30);
    printf("normal: timedlock held -> %s\n", strerror(pthread_mutex_timedlock(&typed, &soon)));
    CHECK(pthread_mutex_unlock(&typed));
    soon = in_ms(CLOCK_REALTIME, 30);
    printf("normal: timedlock free -> %s\n", strerror(pthread_mutex_timedlock(&typed, &soon)));
    CHECK(pthread_mutex_unlock(&typed));
    pthread_mutex_destroy(&typed);
}

/* 4. condition variables: a bounded buffer, 2 producers, 2 consumers */
#define SLOTS 4
#define ITEMS 400
static pthread_mutex_t buf_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;
static int buf[SLOTS], head, count_in_buf, produced, consumed;
static long consumed_sum;

static void *producer(void *arg) {
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&buf_lock);
        while (count_in_buf == SLOTS && produced < ITEMS) pthread_cond_wait(&not_full, &buf_lock);
        if (produced == ITEMS) {
            pthread_mutex_unlock(&buf_lock);
            return NULL;
        }
        buf[(head + count_in_buf++) % SLOTS] = ++produced;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&buf_lock);
    }
}

static void *consumer(void *arg) {
    long *mine = arg;
    for (;;) {
        pthread_mutex_lock(&buf_lock);
        while (count_in_buf == 0 && consumed < ITEMS) pthread_cond_wait(&not_empty, &buf_lock);
        if (consumed == ITEMS) {
            pthread_cond_broadcast(&not_empty);
            pthread_mutex_unlock(&buf_lock);
            return NULL;
        }
        int v = buf[head];
        head = (head + 1) % SLOTS;
        count_in_buf--;
        consumed++;
        consumed_sum += v;
        ++*mine;
        if (consumed == ITEMS) pthread_cond_broadcast(&not_empty);
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&buf_lock);
    }
}

static void test_cond(void) {
    pthread_t p[2], c[2];
    long got[2] = {0, 0};
    for (int i = 0; i < 2; i++) CHECK(pthread_create(&c[i], NULL, consumer, &got[i]));
    for (int i = 0; i < 2; i++) CHECK(pthread_create(&p[i], NULL, producer, NULL));
    for (int i = 0; i < 2; i++) CHECK(pthread_join(p[i], NULL));
    pthread_mutex_lock(&buf_lock);
    pthread_cond_broadcast(&not_full);
    pthread_mutex_unlock(&buf_lock);
    for (int i = 0; i < 2; i++) CHECK(pthread_join(c[i], NULL));
    printf("cond: %d produced, %d consumed, sum %ld, by both consumers: %s\n", produced, consumed,
           consumed_sum, got[0] + got[1] == ITEMS ? "yes" : "no");

    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
    pthread_mutex_lock(&m);
    struct timespec t = in_ms(CLOCK_REALTIME, 40);
    printf("cond: timedwait (realtime) with nobody signalling -> %s\n", strerror(pthread_cond_timedwait(&cv, &m, &t)));
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    CHECK(pthread_condattr_setclock(&ca, CLOCK_MONOTONIC));
    pthread_cond_t mono;
    CHECK(pthread_cond_init(&mono, &ca));
    t = in_ms(CLOCK_MONOTONIC, 40);
    printf("cond: timedwait (monotonic) -> %s\n", strerror(pthread_cond_timedwait(&mono, &m, &t)));
    t.tv_nsec = 1000000000L;
    printf("cond: timedwait with tv_nsec = 1e9 -> %s\n", strerror(pthread_cond_timedwait(&mono, &m, &t)));
    pthread_mutex_unlock(&m);
}

/* 5. broadcast wakes every waiter */
static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cv = PTHREAD_COND_INITIALIZER;
static int gate_open, waiting, released;

static void *gate_waiter(void *arg) {
    (void)arg;
    pthread_mutex_lock(&gate_lock);
    waiting++;
    pthread_cond_broadcast(&gate_cv);
    while (!gate_open) pthread_cond_wait(&gate_cv, &gate_lock);
    released++;
    pthread_mutex_unlock(&gate_lock);
    return NULL;
}

static void test_broadcast(void) {
    pthread_t t[5];
    for (int i = 0; i < 5; i++) CHECK(pthread_create(&t[i], NULL, gate_waiter, NULL));
    pthread_mutex_lock(&gate_lock);
    while (waiting < 5) pthread_cond_wait(&gate_cv, &gate_lock);
    gate_open = 1;
    pthread_cond_broadcast(&gate_cv);
    pthread_mutex_unlock(&gate_lock);
    for (int i = 0; i < 5; i++) CHECK(pthread_join(t[i], NULL));
    printf("broadcast: %d waiters released\n", released);
}

/* 6. rwlock: three readers at once, then a writer alone */
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_barrier_t readers_in, readers_out;

static void *reader(void *arg) {
    (void)arg;
    CHECK(pthread_rwlock_rdlock(&rw));
    pthread_barrier_wait(&readers_in);  /* all three hold the read lock here */
    pthread_barrier_wait(&readers_out);
    CHECK(pthread_rwlock_unlock(&rw));
    return NULL;
}

static void test_rwlock(void) {
    pthread_t t[3];
    CHECK(pthread_barrier_init(&readers_in, NULL, 4));
    CHECK(pthread_barrier_init(&readers_out, NULL, 4));
    for (int i = 0; i < 3; i++) CHECK(pthread_create(&t[i], NULL, reader, NULL));
    pthread_barrier_wait(&readers_in);
    printf("rwlock: 3 readers in; trywrlock -> %s, tryrdlock -> %s\n", strerror(pthread_rwlock_trywrlock(&rw)),
           strerror(pthread_rwlock_tryrdlock(&rw)));
    CHECK(pthread_rwlock_unlock(&rw));
    pthread_barrier_wait(&readers_out);
    for (int i = 0; i < 3; i++) CHECK(pthread_join(t[i], NULL));
    CHECK(pthread_rwlock_wrlock(&rw));
    printf("rwlock: writer in; tryrdlock -> %s\n", strerror(pthread_rwlock_tryrdlock(&rw)));
    CHECK(pthread_rwlock_unlock(&rw));
    pthread_barrier_destroy(&readers_in);
    pthread_barrier_destroy(&readers_out);
}

/* 7. barrier: exactly one serial thread per round */
static pthread_barrier_t bar;
static int serial_count;

static void *barrier_member(void *arg) {
    (void)arg;
    for (int round = 0; round < 3; round++)
        if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD) serial_count++;
    return NULL;
}

static void test_barrier(void) {
    pthread_t t[4];
    CHECK(pthread_barrier_init(&bar, NULL, 4));
    for (int i = 0; i < 4; i++) CHECK(pthread_create(&t[i], NULL, barrier_member, NULL));
    for (int i = 0; i < 4; i++) CHECK(pthread_join(t[i], NULL));
    printf("barrier: 3 rounds, %d serial threads\n", serial_count);
    pthread_barrier_destroy(&bar);
}

/* 8. once, keys and their destructors, cleanup handlers, pthread_exit */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_calls, destructed, cleaned;
static pthread_key_t key;

static void init_once(void) {
    once_calls++;
    usleep(2000);
}

static void destroy_value(void *v) {
    destructed += *(int *)v;
    free(v);
}

static void cleanup(void *arg) {
    cleaned += (int)(long)arg;
}

static void *keyed(void *arg) {
    pthread_once(&once, init_once);
    int *v = malloc(sizeof *v);
    *v = (int)(long)arg;
    CHECK(pthread_setspecific(key, v));
    usleep(1000);
    if (*(int *)pthread_getspecific(key) != (int)(long)arg) printf("FAIL key value\n");
    pthread_cleanup_push(cleanup, (void *)10);
    pthread_cleanup_push(cleanup, (void *)1);
    if ((long)arg % 2) pthread_exit((void *)arg);
    pthread_cleanup_pop(0);
    pthread_cleanup_pop(1);
    return arg;
}

static void test_once_keys(void) {
    pthread_t t[5];
    CHECK(pthread_key_create(&key, destroy_value));
    for (long i = 1; i <= 5; i++) CHECK(pthread_create(&t[i - 1], NULL, keyed, (void *)i));
    long total = 0;
    for (int i = 0; i < 5; i++) {
        void *r;
        CHECK(pthread_join(t[i], &r));
        total += (long)r;
    }
    printf("once: init ran %d time(s)\n", once_calls);
    printf("keys: destructors saw %d, main's value %s, results sum %ld\n", destructed,
           pthread_getspecific(key) ? "set" : "NULL", total);
    printf("cleanup: handlers added %d\n", cleaned);
    CHECK(pthread_key_delete(key));
}

/* 9. detach, self, equal, attributes */
static volatile int detached_ran;
static pthread_t seen_self;

static void *detached_fn(void *arg) {
    (void)arg;
    seen_self = pthread_self();
    detached_ran = 1;
    return NULL;
}

static void test_detach(void) {
    pthread_attr_t a;
    pthread_attr_init(&a);
    CHECK(pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED));
    int ds;
    pthread_attr_getdetachstate(&a, &ds);
    printf("attr: detach state %s\n", ds == PTHREAD_CREATE_DETACHED ? "detached" : "joinable");
    printf("attr: stack size 1 -> %s\n", strerror(pthread_attr_setstacksize(&a, 1)));
    pthread_t t;
    CHECK(pthread_create(&t, &a, detached_fn, NULL));
    pthread_attr_destroy(&a);
    while (!detached_ran) usleep(1000);
    printf("detach: ran, pthread_self matched its id: %s\n", pthread_equal(seen_self, t) ? "yes" : "no");
    printf("self: main equals itself: %s\n", pthread_equal(pthread_self(), pthread_self()) ? "yes" : "no");
}

/* 10. semaphores */
static sem_t sem;

static void *poster(void *arg) {
    (void)arg;
    for (int i = 0; i < 3; i++) {
        usleep(1000);
        sem_post(&sem);
    }
    return NULL;
}

static void test_sem(void) {
    CHECK(sem_init(&sem, 0, 0));
    int r = sem_trywait(&sem);
    printf("sem: trywait on 0 -> %d %s\n", r, strerror(errno));
    pthread_t t;
    CHECK(pthread_create(&t, NULL, poster, NULL));
    for (int i = 0; i < 3; i++) sem_wait(&sem);
    CHECK(pthread_join(t, NULL));
    int v;
    sem_getvalue(&sem, &v);
    printf("sem: 3 posts waited for, value now %d\n", v);
    struct timespec soon = in_ms(CLOCK_REALTIME, 30);
    r = sem_timedwait(&sem, &soon);
    printf("sem: timedwait -> %d %s\n", r, strerror(errno));
    sem_destroy(&sem);
}

/* 11. errno belongs to each thread */
static void *errno_keeper(void *arg) {
    errno = (int)(long)arg;
    for (int i = 0; i < 5; i++) usleep(500);
    return (void *)(long)(errno == (int)(long)arg);
}

static void test_errno(void) {
    pthread_t t[3];
    for (long i = 0; i < 3; i++) CHECK(pthread_create(&t[i], NULL, errno_keeper, (void *)(EINVAL + i)));
    errno = ENOENT;
    long kept = 0;
    for (int i = 0; i < 3; i++) {
        void *r;
        CHECK(pthread_join(t[i], &r));
        kept += (long)r;
    }
    printf("errno: %ld of 3 threads kept theirs; main kept ENOENT: %s\n", kept, errno == ENOENT ? "yes" : "no");
}

/* 12. cancellation of a thread waiting on a condition */
static pthread_mutex_t cancel_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static int cancel_waiting;

static void unlock_it(void *m) {
    pthread_mutex_unlock(m);
}

static void *waits_forever(void *arg) {
    (void)arg;
    pthread_mutex_lock(&cancel_lock);
    cancel_waiting = 1;
    pthread_cleanup_push(unlock_it, &cancel_lock);
    for (;;) pthread_cond_wait(&never, &cancel_lock);
    pthread_cleanup_pop(1);
    return NULL;
}

static void test_cancel(void) {
    pthread_t t;
    CHECK(pthread_create(&t, NULL, waits_forever, NULL));
    while (!cancel_waiting) usleep(1000);
    pthread_mutex_lock(&cancel_lock); /* it is in pthread_cond_wait once we get the lock */
    pthread_mutex_unlock(&cancel_lock);
    CHECK(pthread_cancel(t));
    void *r;
    CHECK(pthread_join(t, &r));
    printf("cancel: join -> %s; mutex free again: %s\n", r == PTHREAD_CANCELED ? "PTHREAD_CANCELED" : "a value",
           pthread_mutex_trylock(&cancel_lock) == 0 ? "yes" : "no");
    pthread_mutex_unlock(&cancel_lock);
}

/* 13. a thread with a big stack frame */
static long deep(int n) {
    volatile char pad[4096];
    pad[0] = (char)n;
    return n == 0 ? pad[0] : deep(n - 1) + pad[0];
}

static void *stack_user(void *arg) {
    return (void *)deep((int)(long)arg);
}

static void test_stack(void) {
    pthread_attr_t a;
    pthread_attr_init(&a);
    CHECK(pthread_attr_setstacksize(&a, 1024 * 1024));
    pthread_t t;
    CHECK(pthread_create(&t, &a, stack_user, (void *)100));
    void *r;
    CHECK(pthread_join(t, &r));
    pthread_attr_destroy(&a);
    printf("stack: 100 frames of 4 KiB in a 1 MiB thread stack -> %ld\n", (long)r);
}

/* 14. a thread that waits in a loop of zero-length sleeps lets the others run */
static volatile int flag_set;

static void *set_flag(void *arg) {
    (void)arg;
    flag_set = 1;
    return NULL;
}

static void test_spin_sleep(void) {
    pthread_t t;
    CHECK(pthread_create(&t, NULL, set_flag, NULL));
    long spins = 0;
    while (!flag_set && spins < 100000000L) {
        usleep(0);
        spins++;
    }
    CHECK(pthread_join(t, NULL));
    printf("spin: usleep(0) loop saw the other thread's flag: %s\n", flag_set ? "yes" : "no");
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_join();
    test_mutex();
    test_mutex_types();
    test_cond();
    test_broadcast();
    test_rwlock();
    test_barrier();
    test_once_keys();
    test_detach();
    test_sem();
    test_errno();
    test_cancel();
    test_stack();
    test_spin_sleep();
    printf("done\n");
    return 0;
}
