/*
 * fork_server.c - a process per connection (Stevens, UNP 5): after accept()
 * the server fork()s; the child closes the listening socket, serves the
 * client and exits; the parent closes its copy of the connection and
 * accepts again. A SIGCHLD handler reaps the children with
 * waitpid(-1, ..., WNOHANG) so that no zombie is left behind, and accept()
 * interrupted by that signal (EINTR) is simply restarted.
 *
 * usage: fork_server [PORT [NCLIENTS]]
 *   PORT      port to listen on (INADDR_ANY); default 8080; 0 lets the system
 *             choose, and the port chosen is printed
 *   NCLIENTS  stop accepting after this many clients, wait for their
 *             processes, then exit; default 1, 0 = forever
 *
 * Line protocol (as tcp_server.c): for each line a client sends, the child
 * serving it prints "received: LINE" and answers "echo: LINE". At the end the
 * parent prints "reaped N children" and "server done".
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#define LINE_MAX_LEN 1024

static volatile sig_atomic_t reaped;

static void die(const char *what) {
    perror(what);
    exit(1);
}

/* Reap every child that has ended; several may end before the handler runs. */
static void sig_chld(int signo) {
    (void)signo;
    int saved_errno = errno;
    while (waitpid(-1, NULL, WNOHANG) > 0)
        reaped++;
    errno = saved_errno;
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

/* What a child does with its client: echo lines until the client closes. */
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

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    int port = argc > 1 ? atoi(argv[1]) : 8080;
    int nclients = argc > 2 ? atoi(argv[2]) : 1;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = sig_chld;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    if (sigaction(SIGCHLD, &sa, NULL) < 0)
        die("sigaction");

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

    int accepted = 0;
    while (nclients == 0 || accepted < nclients) {
        int connfd = accept(listenfd, NULL, NULL);
        if (connfd < 0) {
            if (errno == EINTR)
                continue; /* a SIGCHLD arrived: accept again */
            die("accept");
        }
        pid_t pid = fork();
        if (pid < 0)
            die("fork");
        if (pid == 0) { /* child */
            close(listenfd);
            serve(connfd);
            close(connfd);
            exit(0);
        }
        close(connfd); /* parent: the child has its own copy */
        accepted++;
    }
    close(listenfd);

    /* Wait for the children still serving. SIGCHLD is blocked meanwhile so
     * that the handler and this loop do not race for the same child. */
    sigset_t chld, old;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &old);
    while (reaped < accepted) {
        if (waitpid(-1, NULL, 0) > 0)
            reaped++;
        else if (errno == ECHILD)
            break;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("reaped %d children\n", (int)reaped);
    printf("server done\n");
    return 0;
}
