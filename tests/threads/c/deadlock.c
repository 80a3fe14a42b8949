/*
 * Deadlocks that Linux would hang on forever; sockbox reports them and ends
 * the program with an abort's status instead.
 *   deadlock pair   two threads take two mutexes in opposite orders
 *   deadlock self   the only thread relocks a normal mutex
 *   deadlock join   two threads join each other
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static pthread_t main_thread;

static void *ab(void *arg) {
    (void)arg;
    pthread_mutex_lock(&a);
    usleep(20000);
    pthread_mutex_lock(&b);
    return NULL;
}

static void *ba(void *arg) {
    (void)arg;
    pthread_mutex_lock(&b);
    usleep(20000);
    pthread_mutex_lock(&a);
    return NULL;
}

static void *joins_main(void *arg) {
    (void)arg;
    pthread_join(main_thread, NULL);
    return NULL;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *mode = argc > 1 ? argv[1] : "pair";
    printf("mode %s\n", mode);
    if (strcmp(mode, "self") == 0) {
        pthread_mutex_lock(&a);
        pthread_mutex_lock(&a);
    } else if (strcmp(mode, "join") == 0) {
        pthread_t t;
        main_thread = pthread_self();
        pthread_create(&t, NULL, joins_main, NULL);
        usleep(10000);
        pthread_join(t, NULL);
    } else {
        pthread_t t1, t2;
        pthread_create(&t1, NULL, ab, NULL);
        pthread_create(&t2, NULL, ba, NULL);
        pthread_join(t1, NULL);
        pthread_join(t2, NULL);
    }
    printf("not reached\n");
    return 0;
}
