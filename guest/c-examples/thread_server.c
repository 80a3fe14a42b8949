/*
 * thread_server.c - a thread per connection: accept() in main, then
 * pthread_create() a detached thread that serves that client.
 *
 * usage: thread_server [PORT [NCLIENTS]]
 *   PORT      port to listen on (INADDR_ANY); default 8080; 0 lets the system
 *             choose, and the port chosen is printed
 *   NCLIENTS  stop accepting after this many clients, wait for their threads,
 *             then exit; default 1, 0 = forever
 *
 * Line protocol (as tcp_server.c): for each line a client sends, the server
 * prints "received: LINE" and answers "echo: LINE". Clients are served at the
 * same time, each by its own thread.
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

#define LINE_MAX_LEN 1024

static pthread_mutex_t active_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t all_done = PTHREAD_COND_INITIALIZER;
static int active; /* client threads still running */

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

/* The thread of one client: echo its lines until it closes the connection. */
static void *serve_client(void *arg) {
    int fd = (int)(intptr_t)arg;
    char buf[LINE_MAX_LEN + 1];
    size_t used = 0;
    for (;;) {
        ssize_t n = read(fd, buf + used, LINE_MAX_LEN - used);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            perror("read");
            break;
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
    close(fd);

    pthread_mutex_lock(&active_lock);
    if (--active == 0)
        pthread_cond_signal(&all_done);
    pthread_mutex_unlock(&active_lock);
    return NULL;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    int port = argc > 1 ? atoi(argv[1]) : 8080;
    int nclients = argc > 2 ? atoi(argv[2]) : 1;

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

    for (int accepted = 0; nclients == 0 || accepted < nclients; accepted++) {
        struct sockaddr_in peer;
        socklen_t peer_len = sizeof peer;
        int connfd = accept(listenfd, (struct sockaddr *)&peer, &peer_len);
        if (connfd < 0) {
            if (errno == EINTR) {
                accepted--;
                continue;
            }
            die("accept");
        }
        pthread_mutex_lock(&active_lock);
        active++;
        pthread_mutex_unlock(&active_lock);
        pthread_t tid;
        int err = pthread_create(&tid, NULL, serve_client, (void *)(intptr_t)connfd);
        if (err != 0) {
            fprintf(stderr, "pthread_create: %s\n", strerror(err));
            exit(1);
        }
        pthread_detach(tid);
    }
    close(listenfd);

    pthread_mutex_lock(&active_lock);
    while (active > 0)
        pthread_cond_wait(&all_done, &active_lock);
    pthread_mutex_unlock(&active_lock);
    printf("server done\n");
    return 0;
}
