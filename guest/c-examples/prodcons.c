/*
 * prodcons.c - producers and consumers around a bounded queue, guarded by a
 * mutex and two condition variables (not_full, not_empty), as a TCP server:
 *
 *   producers  one thread per client reads its lines and puts each one in
 *              the queue as a job (waiting on not_full while the queue is full)
 *   consumers  a fixed set of worker threads take jobs from the queue
 *              (waiting on not_empty while it is empty), compute the answer
 *              and send it to the job's client
 *
 * usage: prodcons [PORT [NCLIENTS [NWORKERS [QUEUE]]]]
 *   PORT      port to listen on (INADDR_ANY); default 8080; 0 lets the system
 *             choose, and the port chosen is printed
 *   NCLIENTS  stop accepting after this many clients, let the queue drain,
 *             then exit; default 1, 0 = forever
 *   NWORKERS  consumer threads; default 3
 *   QUEUE     queue capacity in jobs; default 4
 *
 * Protocol: for each line "WORD" a client sends it gets back
 * "WORD -> DROW (N letters)": the word reversed, whichever worker did it.
 * The answers to one client come in the order of its lines as long as it
 * waits for each answer before sending the next line. At the end the server
 * prints "jobs: P produced, C consumed" and "server done".
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#define LINE_MAX_LEN 256
#define MAX_QUEUE 64
#define MAX_WORKERS 32

struct client {
    int fd;
    int pending;           /* jobs queued or being worked on */
    pthread_cond_t idle;   /* signalled when pending drops to 0 */
};

struct job {
    struct client *client;
    char line[LINE_MAX_LEN + 1];
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t clients_gone = PTHREAD_COND_INITIALIZER;
static struct job queue[MAX_QUEUE];
static int capacity = 4, head, count;
static int produced, consumed, clients_alive, shutting_down;

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

/* Producer side: put one job in the queue, waiting while it is full. */
static void put(struct client *c, const char *line) {
    pthread_mutex_lock(&lock);
    while (count == capacity)
        pthread_cond_wait(&not_full, &lock);
    struct job *j = &queue[(head + count) % capacity];
    j->client = c;
    snprintf(j->line, sizeof j->line, "%s", line);
    count++;
    produced++;
    c->pending++;
    pthread_cond_signal(&not_empty);
    pthread_mutex_unlock(&lock);
}

/* Consumer side: take one job, waiting while the queue is empty. Returns 0
 * when the server shuts down and nothing is left. */
static int take(struct job *out) {
    pthread_mutex_lock(&lock);
    while (count == 0 && !shutting_down)
        pthread_cond_wait(&not_empty, &lock);
    if (count == 0) {
        pthread_mutex_unlock(&lock);
        return 0;
    }
    *out = queue[head];
    head = (head + 1) % capacity;
    count--;
    pthread_cond_signal(&not_full);
    pthread_mutex_unlock(&lock);
    return 1;
}

static void *consumer(void *arg) {
    (void)arg;
    struct job j;
    while (take(&j)) {
        size_t n = strlen(j.line);
        char reversed[LINE_MAX_LEN + 1];
        for (size_t i = 0; i < n; i++)
            reversed[i] = j.line[n - 1 - i];
        reversed[n] = '\0';
        char reply[2 * LINE_MAX_LEN + 32];
        int len = snprintf(reply, sizeof reply, "%s -> %s (%zu letters)\n", j.line, reversed, n);
        if (write_all(j.client->fd, reply, (size_t)len) < 0)
            perror("write");
        pthread_mutex_lock(&lock);
        consumed++;
        if (--j.client->pending == 0)
            pthread_cond_signal(&j.client->idle);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

/* One producer per client: its lines become jobs. */
static void *producer(void *arg) {
    struct client *c = arg;
    char buf[LINE_MAX_LEN + 1];
    size_t used = 0;
    for (;;) {
        ssize_t n = read(c->fd, buf + used, LINE_MAX_LEN - used);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n < 0)
                perror("read");
            break;
        }
        used += (size_t)n;
        char *start = buf, *nl;
        while ((nl = memchr(start, '\n', used - (size_t)(start - buf))) != NULL) {
            *nl = '\0';
            if (nl > start && nl[-1] == '\r')
                nl[-1] = '\0';
            printf("job: %s\n", start);
            put(c, start);
            start = nl + 1;
        }
        used -= (size_t)(start - buf);
        memmove(buf, start, used);
        if (used == LINE_MAX_LEN)
            used = 0; /* a line too long: dropped */
    }
    /* Wait until the consumers have answered every job of this client. */
    pthread_mutex_lock(&lock);
    while (c->pending > 0)
        pthread_cond_wait(&c->idle, &lock);
    if (--clients_alive == 0)
        pthread_cond_signal(&clients_gone);
    pthread_mutex_unlock(&lock);
    close(c->fd);
    pthread_cond_destroy(&c->idle);
    free(c);
    return NULL;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    int port = argc > 1 ? atoi(argv[1]) : 8080;
    int nclients = argc > 2 ? atoi(argv[2]) : 1;
    int nworkers = argc > 3 ? atoi(argv[3]) : 3;
    capacity = argc > 4 ? atoi(argv[4]) : 4;
    if (nworkers < 1 || nworkers > MAX_WORKERS || capacity < 1 || capacity > MAX_QUEUE) {
        fprintf(stderr, "NWORKERS must be 1..%d and QUEUE 1..%d\n", MAX_WORKERS, MAX_QUEUE);
        return 2;
    }

    int listenfd = socket(AF_INET, SOCK_STREAM, 0);
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

    pthread_t workers[MAX_WORKERS];
    for (int i = 0; i < nworkers; i++)
        if (pthread_create(&workers[i], NULL, consumer, NULL) != 0)
            die("pthread_create");

    for (int accepted = 0; nclients == 0 || accepted < nclients; accepted++) {
        int connfd = accept(listenfd, NULL, NULL);
        if (connfd < 0) {
            if (errno == EINTR) {
                accepted--;
                continue;
            }
            die("accept");
        }
        struct client *c = calloc(1, sizeof *c);
        if (!c)
            die("calloc");
        c->fd = connfd;
        pthread_cond_init(&c->idle, NULL);
        pthread_mutex_lock(&lock);
        clients_alive++;
        pthread_mutex_unlock(&lock);
        pthread_t tid;
        if (pthread_create(&tid, NULL, producer, c) != 0)
            die("pthread_create");
        pthread_detach(tid);
    }
    close(listenfd);

    /* Every client gone: stop the consumers once the queue is empty. */
    pthread_mutex_lock(&lock);
    while (clients_alive > 0)
        pthread_cond_wait(&clients_gone, &lock);
    shutting_down = 1;
    pthread_cond_broadcast(&not_empty);
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < nworkers; i++)
        pthread_join(workers[i], NULL);
    printf("jobs: %d produced, %d consumed\n", produced, consumed);
    printf("server done\n");
    return 0;
}
