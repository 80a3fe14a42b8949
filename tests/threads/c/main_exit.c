/*
 * How a threaded process ends:
 *   main_exit pthread_exit   main calls pthread_exit; the workers finish, the
 *                            process exits 0 after the last one (stdout flushed)
 *   main_exit exit           a worker calls exit(7) while main waits in join
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void *late_worker(void *arg) {
    usleep(1000 * (unsigned)(long)arg);
    printf("worker %ld done\n", (long)arg);
    return NULL;
}

static void *exiter(void *arg) {
    (void)arg;
    usleep(5000);
    printf("worker calls exit(7)\n");
    exit(7);
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "pthread_exit";
    printf("mode %s\n", mode); /* stdout is a pipe: fully buffered, flushed at exit */
    if (strcmp(mode, "exit") == 0) {
        pthread_t t;
        pthread_create(&t, NULL, exiter, NULL);
        pthread_join(t, NULL);
        printf("not reached\n");
        return 0;
    }
    pthread_t t[3];
    for (long i = 0; i < 3; i++) pthread_create(&t[i], NULL, late_worker, (void *)(10 * (i + 1)));
    pthread_exit(NULL);
}
