/*
 * sigpipe.c - Linux's SIGPIPE: a write to a stream socket whose peer is gone
 * raises it before failing with EPIPE.
 *
 *   sigpipe WHERE HOW
 *     WHERE  pair   a socketpair whose other end is closed (EPIPE at once)
 *            tcp    a loopback connection whose peer closed: the first write
 *                   is accepted (the peer answers with a RST), the next fails
 *            stdout numbered lines on stdout until a write fails (run it
 *                   as `sigpipe stdout HOW | head -1`); only default and
 *                   ignore (which says on stderr how stdout failed)
 *     HOW    default   SIGPIPE untouched: the first failing write ends the
 *                      program (status 141), nothing after it is printed
 *            ignore    signal(SIGPIPE, SIG_IGN): every write fails with EPIPE
 *            handler   sigaction() with a handler: it runs, then EPIPE
 *            block     sigprocmask() blocks it: EPIPE, the signal stays
 *                      pending; unblocking it at the end ends the program
 *            nosignal  send()/sendmsg() with MSG_NOSIGNAL: EPIPE and no
 *                      signal; then a plain write() ends the program
 *
 * Each write is tried through write(), writev(), send(), sendto(),
 * sendmsg() and stdio (fdopen + fflush), and what it gave is printed.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t handled, handled_sig;

static void on_sigpipe(int sig) {
    handled++;
    handled_sig = sig;
    errno = EINTR; /* the failing call must still report EPIPE */
}

/* "WHAT -> N", or "WHAT -> EPIPE, handler ran N time(s)" (flushed: a signal may end the program next). */
static void show(const char *what, long r) {
    int err = errno;
    if (r >= 0)
        printf("%s -> %ld\n", what, r);
    else
        printf("%s -> %s, handler ran %d time(s)%s\n", what, err == EPIPE ? "EPIPE" : strerror(err),
               (int)handled, handled && handled_sig != SIGPIPE ? " (for another signal)" : "");
    fflush(stdout);
}

static void must(const char *what, int r) {
    if (r < 0) {
        printf("%s failed: %s\n", what, strerror(errno));
        exit(1);
    }
}

static void pause_ms(int ms) {
    struct timespec t = {0, ms * 1000000L};
    nanosleep(&t, NULL);
}

/* A connected stream socket whose peer has closed. */
static int broken(const char *where) {
    int sv[2];
    if (strcmp(where, "pair") == 0) {
        must("socketpair", socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
        must("close", close(sv[1]));
        return sv[0];
    }
    int l = socket(AF_INET, SOCK_STREAM, 0);
    must("socket", l);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    must("bind", bind(l, (struct sockaddr *)&a, sizeof a));
    must("listen", listen(l, 1));
    must("getsockname", getsockname(l, (struct sockaddr *)&a, &len));
    int c = socket(AF_INET, SOCK_STREAM, 0);
    must("socket", c);
    must("connect", connect(c, (struct sockaddr *)&a, sizeof a));
    int s = accept(l, NULL, NULL);
    must("accept", s);
    close(l);
    must("close", close(c));
    char b;
    show("read (the peer's FIN)", read(s, &b, 1));
    show("write (the peer answers with a RST)", write(s, "x", 1));
    pause_ms(100);
    return s;
}

/* Writes lines on stdout until the reader is gone. */
static int lines_until_broken(void) {
    for (long i = 2; i < 10000000; i++) {
        if (printf("line %ld\n", i) < 0 || fflush(stdout) == EOF) {
            fprintf(stderr, "stdout: %s\n", errno == EPIPE ? "EPIPE" : strerror(errno));
            return 3;
        }
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: sigpipe pair|tcp|stdout default|ignore|handler|block|nosignal\n");
        return 2;
    }
    const char *where = argv[1], *how = argv[2];
    printf("%s, SIGPIPE %s\n", where, how);
    fflush(stdout);
    sigset_t pipe_set;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    if (strcmp(how, "ignore") == 0) {
        printf("signal(SIGPIPE, SIG_IGN) gave %s\n", signal(SIGPIPE, SIG_IGN) == SIG_DFL ? "SIG_DFL" : "?");
    } else if (strcmp(how, "handler") == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_sigpipe;
        sigemptyset(&sa.sa_mask);
        must("sigaction", sigaction(SIGPIPE, &sa, NULL));
    } else if (strcmp(how, "block") == 0) {
        must("sigprocmask", sigprocmask(SIG_BLOCK, &pipe_set, NULL));
    }
    if (strcmp(where, "stdout") == 0)
        return lines_until_broken();
    int fd = broken(where);
    if (strcmp(how, "nosignal") == 0) {
        show("send(MSG_NOSIGNAL)", send(fd, "x", 1, MSG_NOSIGNAL));
        struct iovec iov = {"xy", 2};
        struct msghdr m;
        memset(&m, 0, sizeof m);
        m.msg_iov = &iov;
        m.msg_iovlen = 1;
        show("sendmsg(MSG_NOSIGNAL)", sendmsg(fd, &m, MSG_NOSIGNAL | MSG_DONTWAIT));
        printf("write() without it:\n");
        fflush(stdout);
    }
    show("write", write(fd, "x", 1));
    struct iovec iov[2] = {{"a", 1}, {"bc", 2}};
    show("writev", writev(fd, iov, 2));
    show("send", send(fd, "x", 1, 0));
    show("sendto", sendto(fd, "x", 1, MSG_DONTWAIT, NULL, 0));
    struct msghdr m;
    memset(&m, 0, sizeof m);
    m.msg_iov = iov;
    m.msg_iovlen = 2;
    show("sendmsg", sendmsg(fd, &m, 0));
    FILE *f = fdopen(fd, "w");
    if (f == NULL) {
        printf("fdopen failed: %s\n", strerror(errno));
        return 1;
    }
    fputs("through stdio\n", f);
    show("fflush of a FILE on the socket", fflush(f));
    sigset_t pending;
    must("sigpending", sigpending(&pending));
    printf("SIGPIPE pending: %s\n", sigismember(&pending, SIGPIPE) ? "yes" : "no");
    if (strcmp(how, "block") == 0) {
        printf("unblocking SIGPIPE\n");
        fflush(stdout);
        sigprocmask(SIG_UNBLOCK, &pipe_set, NULL);
        printf("still running after the unblock\n");
    }
    printf("done\n");
    return 0;
}
