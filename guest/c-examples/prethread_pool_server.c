/*
 * prethread_pool_server.c - a pre-threaded server (Stevens, UNP 30.11): a
 * pool of threads is created up front, and each thread loops on
 *   lock(mutex) -> accept() -> unlock(mutex) -> serve the client -> close()
 * so that one thread at a time waits in accept() on the shared listening
 * socket while the others serve their clients.
 *
 * usage: prethread_pool_server [PORT [NCLIENTS [NTHREADS]]]
 *   PORT      port to listen on (INADDR_ANY); default 8080; 0 lets the system
 *             choose, and the port chosen is printed
 *   NCLIENTS  exit once this many clients have been served; default 1, 0 = forever
 *   NTHREADS  threads in the pool; default 4
 *
 * Line protocol (as tcp_server.c): for each line a client sends, the server
 * prints "received: LINE" and answers "echo: LINE".
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#define LINE_MAX_LEN 1024
#define MAX_THREADS 64

static int listenfd;
static int nclients;
static pthread_mutex_t accept_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t enough = PTHREAD_COND_INITIALIZER;
static int served;

static void die(const char *what) {
    perror(what);
    exit(1);
}

static int write_all(int fd, const char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

static void answer(int fd, char *line) {
    size_t len = strlen(line);
    if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';
    printf("received: %s\n", line);
    char reply[LINE_MAX_LEN + 16];
    int n = snprintf(reply, sizeof reply, "echo: %s\n", line);
    if (write_all(fd, reply, (size_t)n) < 0)
        perror("write");
}

static void serve(int fd) {
    char buf[LINE_MAX_LEN + 1];
    size_t used = 0;
    for (;;) {
        ssize_t n = read(fd, buf + used, LINE_MAX_LEN - used);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            perror("read");
            return;
        }
        if (n == 0)
            break;
        used += (size_t)n;
        char *start = buf, *nl;
        while ((nl = memchr(start, '\n', used - (size_t)(start - buf))) != NULL) {
            *nl = '\0';
            answer(fd, start);
            start = nl + 1;
        }
        used -= (size_t)(start - buf);
        memmove(buf, start, used);
        if (used == LINE_MAX_LEN) {
            buf[used] = '\0';
            answer(fd, buf);
            used = 0;
        }
    }
    if (used > 0) {
        buf[used] = '\0';
        answer(fd, buf);
    }
}

/* One thread of the pool. */
static void *pool_thread(void *arg) {
    (void)arg;
    for (;;) {
        struct sockaddr_in peer;
        socklen_t peer_len = sizeof peer;
        pthread_mutex_lock(&accept_lock);
        int connfd = accept(listenfd, (struct sockaddr *)&peer, &peer_len);
        pthread_mutex_unlock(&accept_lock);
        if (connfd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            die("accept");
        }
        serve(connfd);
        close(connfd);
        pthread_mutex_lock(&count_lock);
        if (++served == nclients)
            pthread_cond_signal(&enough);
        pthread_mutex_unlock(&count_lock);
    }
    return NULL;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    int port = argc > 1 ? atoi(argv[1]) : 8080;
    nclients = argc > 2 ? atoi(argv[2]) : 1;
    int nthreads = argc > 3 ? atoi(argv[3]) : 4;
    if (nthreads < 1 || nthreads > MAX_THREADS) {
        fprintf(stderr, "NTHREADS must be between 1 and %d\n", MAX_THREADS);
        return 2;
    }

    listenfd = socket(AF_INET, SOCK_STREAM, 0);
    if (listenfd < 0)
        die("socket");
    int on = 1;
    if (setsockopt(listenfd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) < 0)
        die("setsockopt");
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons((unsigned short)port);
    if (bind(listenfd, (struct sockaddr *)&addr, sizeof addr) < 0)
        die("bind");
    if (listen(listenfd, 64) < 0)
        die("listen");
    socklen_t len = sizeof addr;
    if (getsockname(listenfd, (struct sockaddr *)&addr, &len) < 0)
        die("getsockname");
    printf("listening on port %d\n", ntohs(addr.sin_port));

    pthread_t tids[MAX_THREADS];
    for (int i = 0; i < nthreads; i++) {
        int err = pthread_create(&tids[i], NULL, pool_thread, NULL);
        if (err != 0) {
            fprintf(stderr, "pthread_create: %s\n", strerror(err));
            return 1;
        }
    }
    printf("%d threads in the pool\n", nthreads);

    /* The pool serves forever; main only waits for the count, if any. */
    pthread_mutex_lock(&count_lock);
    while (nclients == 0 || served < nclients)
        pthread_cond_wait(&enough, &count_lock);
    pthread_mutex_unlock(&count_lock);
    printf("server done\n");
    exit(0);
}
