/*
 * A thread that overflows its stack: sockbox notices at the thread's next
 * switch and ends the program instead of letting it run on corrupted memory.
 */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

/* Each frame holds 4 KiB and passes its address down, so that no compiler
 * can turn the recursion into a loop. */
static long deep(int n, volatile char *up) {
    volatile char pad[4096];
    pad[0] = (char)n;
    pad[sizeof pad - 1] = up ? up[0] : 0;
    if (n == 0) {
        usleep(1000); /* a switch point at the bottom */
        return pad[0];
    }
    return deep(n - 1, pad) + pad[0];
}

static void *grow(void *arg) {
    return (void *)deep((int)(long)arg, NULL);
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setstacksize(&a, 64 * 1024);
    pthread_t t;
    pthread_create(&t, &a, grow, (void *)4);
    void *r;
    pthread_join(t, &r);
    printf("4 frames fit: %ld\n", (long)r);
    pthread_create(&t, &a, grow, (void *)20);
    pthread_join(t, &r);
    printf("20 frames of 4 KiB in 64 KiB: %ld\n", (long)r);
    return 0;
}
