/* Large blocking sends to one client, every byte of the stream checked by
 * the client (tests/sockets/big_send_test.ts): byte i is pattern(i).
 *
 * Usage: big_send MODE BYTES
 *   MODE order:    blocking sends of BYTES in sizes from 17 B to 1 MiB + 7,
 *                  the buffer overwritten (0xEE) as soon as each send returns;
 *                  a blocking send must take every byte ("short send" if not)
 *   MODE sndtimeo: SO_SNDTIMEO 200 ms, 1 MiB sends to a client that does not
 *                  read yet, until one fails (BYTES is a cap); prints how the
 *                  last one failed; the client then reads what was sent
 *   MODE threads:  as order in 256 KiB sends, while a second thread mallocs
 *                  (and touches) 128 KiB blocks, growing memory meanwhile
 * Prints "listening on port P", then "sent N" once the sends are done, and
 * exits after closing the socket. Diagnostics go to stderr. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define MiB (1024L * 1024L)
#define SNDTIMEO_MS 200
#define THREAD_CHUNK (256 * 1024)
#define ALLOC_BLOCK (128 * 1024)
#define ALLOCS 300
#define WASM_PAGE 65536

static const size_t SIZES[] = {65536, 100003, 16384, 40961, 1048583, 17, 65537, 262147, 16383, 4096};

static unsigned char pattern(long i) {
    return (unsigned char)((i * 31 + 7) ^ (i >> 11));
}

static void die(const char *what) {
    perror(what);
    exit(1);
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void fill(unsigned char *buf, long from, size_t n) {
    for (size_t i = 0; i < n; i++) buf[i] = pattern(from + (long)i);
}

/* Blocking sends of `total` bytes in `sizes` (cycled), each checked to be whole. */
static long send_all(int c, long total, const size_t *sizes, size_t nsizes, volatile int *inside) {
    size_t cap = 0;
    for (size_t i = 0; i < nsizes; i++) cap = sizes[i] > cap ? sizes[i] : cap;
    unsigned char *buf = malloc(cap);
    if (!buf) die("malloc");
    long sent = 0;
    for (size_t k = 0; sent < total; k++) {
        size_t n = sizes[k % nsizes];
        if ((long)n > total - sent) n = (size_t)(total - sent);
        fill(buf, sent, n);
        if (inside) *inside = 1;
        ssize_t w = send(c, buf, n, 0);
        if (inside) *inside = 0;
        if (w < 0) die("send");
        memset(buf, 0xEE, n); /* the peer must see the bytes as they were at send time */
        if ((size_t)w != n) {
            fprintf(stderr, "short send: %zd of %zu\n", w, n);
            exit(1);
        }
        sent += w;
    }
    free(buf);
    return sent;
}

static void sndtimeo(int c, long cap) {
    struct timeval tv = {.tv_sec = 0, .tv_usec = SNDTIMEO_MS * 1000};
    if (setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) < 0) die("setsockopt");
    unsigned char *buf = malloc(MiB);
    if (!buf) die("malloc");
    long sent = 0;
    int whole = 0, partial = 0;
    for (;;) {
        if (sent >= cap) {
            printf("cap reached\n");
            break;
        }
        fill(buf, sent, MiB);
        double t0 = now_ms();
        ssize_t w = send(c, buf, MiB, 0);
        double waited = now_ms() - t0;
        memset(buf, 0xEE, MiB);
        if (w < 0) {
            printf("then %s after %s the timeout\n", errno == EAGAIN ? "EAGAIN" : strerror(errno),
                   waited >= SNDTIMEO_MS - 10 ? "at least" : "less than");
            break;
        }
        if (w == 0) {
            printf("send returned 0\n");
            break;
        }
        if (w == MiB) whole++;
        else partial++;
        sent += w;
    }
    printf("%s whole sends\n", whole > 0 ? "some" : "no"); /* partial ones: none, one or several (Linux's window grows) */
    fprintf(stderr, "%d whole, %d partial, %ld bytes\n", whole, partial, sent);
    printf("sent %ld\n", sent);
    free(buf);
}

static volatile int sending;
static int grew_while_sending;
static int allocs_while_sending;
static unsigned char *kept[ALLOCS]; /* read at the end, so that the compiler keeps the allocations */

static void *allocator(void *arg) {
    (void)arg;
    for (int i = 0; i < ALLOCS; i++) {
        int during = sending;
#ifdef __wasm__
        size_t before = __builtin_wasm_memory_size(0);
#endif
        unsigned char *p = kept[i] = malloc(ALLOC_BLOCK); /* never freed: the memory only grows */
        if (!p) die("malloc");
        memset(p, i & 0xff, ALLOC_BLOCK);
#ifdef __wasm__
        if (during && __builtin_wasm_memory_size(0) > before) grew_while_sending++;
#endif
        if (during) allocs_while_sending++;
        usleep(200);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s order|sndtimeo|threads BYTES\n", argv[0]);
        return 2;
    }
    const char *mode = argv[1];
    long total = atol(argv[2]);
    setvbuf(stdout, NULL, _IOLBF, 0);

    int ls = socket(AF_INET, SOCK_STREAM, 0);
    if (ls < 0) die("socket");
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(ls, (struct sockaddr *)&a, sizeof a) < 0) die("bind");
    if (listen(ls, 1) < 0) die("listen");
    socklen_t len = sizeof a;
    if (getsockname(ls, (struct sockaddr *)&a, &len) < 0) die("getsockname");
    printf("listening on port %d\n", ntohs(a.sin_port));
    int c = accept(ls, NULL, NULL);
    if (c < 0) die("accept");
    close(ls);

    if (strcmp(mode, "order") == 0) {
        printf("sent %ld\n", send_all(c, total, SIZES, sizeof SIZES / sizeof SIZES[0], NULL));
    } else if (strcmp(mode, "sndtimeo") == 0) {
        sndtimeo(c, total);
    } else if (strcmp(mode, "threads") == 0) {
        pthread_t t;
        if (pthread_create(&t, NULL, allocator, NULL) != 0) die("pthread_create");
        static const size_t chunk[] = {THREAD_CHUNK};
        long sent = send_all(c, total, chunk, 1, &sending);
        if (pthread_join(t, NULL) != 0) die("pthread_join");
        unsigned sum = 0;
        for (int i = 0; i < ALLOCS; i++) sum += kept[i][ALLOC_BLOCK - 1];
        fprintf(stderr, "allocations while a send waited: %d, of which grew memory: %d (sum %u)\n",
                allocs_while_sending, grew_while_sending, sum);
        printf("sent %ld\n", sent);
    } else {
        fprintf(stderr, "unknown mode %s\n", mode);
        return 2;
    }
    if (close(c) < 0) die("close");
    return 0;
}
