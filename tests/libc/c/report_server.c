/*
 * report_server.c - a tcp_server-like program (socket, bind, listen, accept,
 * read, write, close) for what happens when a client goes away before its
 * answer: the client sends a count and closes; the server reads the request
 * up to EOF, thinks for 100 ms, then writes that many lines, 50 ms apart.
 * The first line reaches a closed socket, which answers with a RST; the next
 * write raises SIGPIPE.
 *
 *   report_server PORT NCLIENTS [ignore|fork]
 *     (nothing)  SIGPIPE's default action ends the server at that write
 *     ignore     signal(SIGPIPE, SIG_IGN): the write fails with EPIPE, the
 *                server says so and serves the next client
 *     fork       a child per client (the parent does not ignore SIGPIPE):
 *                the child dies of it; the parent reaps every child at the
 *                end and says how each ended
 *
 * It prints "listening on port P", then per client what it did.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_CLIENTS 16

static void die(const char *what) {
    perror(what);
    exit(1);
}

static void pause_ms(int ms) {
    struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

/* Reads the request (a count) until the client's EOF, then answers it. */
static void serve(int fd, int client) {
    char req[64];
    size_t used = 0;
    ssize_t n;
    while (used < sizeof req - 1 && (n = read(fd, req + used, sizeof req - 1 - used)) > 0)
        used += (size_t)n;
    req[used] = '\0';
    int count = atoi(req);
    printf("client %d: asked for %d lines\n", client, count);
    pause_ms(100);
    for (int i = 1; i <= count; i++) {
        char line[32];
        int len = snprintf(line, sizeof line, "line %d\n", i);
        if (write(fd, line, (size_t)len) < 0) {
            printf("client %d: write: %s\n", client, strerror(errno));
            return;
        }
        pause_ms(50);
    }
    printf("client %d: sent %d lines\n", client, count);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: report_server PORT NCLIENTS [ignore|fork]\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    int nclients = atoi(argv[2]);
    const char *mode = argc > 3 ? argv[3] : "";
    if (nclients < 1 || nclients > MAX_CLIENTS) {
        fprintf(stderr, "NCLIENTS: 1 to %d\n", MAX_CLIENTS);
        return 2;
    }
    if (strcmp(mode, "ignore") == 0 && signal(SIGPIPE, SIG_IGN) == SIG_ERR)
        die("signal");

    int listenfd = socket(AF_INET, SOCK_STREAM, 0);
    if (listenfd < 0)
        die("socket");
    int on = 1;
    if (setsockopt(listenfd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) < 0)
        die("setsockopt");
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons((unsigned short)atoi(argv[1]));
    if (bind(listenfd, (struct sockaddr *)&addr, sizeof addr) < 0)
        die("bind");
    if (listen(listenfd, 8) < 0)
        die("listen");
    socklen_t len = sizeof addr;
    if (getsockname(listenfd, (struct sockaddr *)&addr, &len) < 0)
        die("getsockname");
    printf("listening on port %d\n", ntohs(addr.sin_port));

    pid_t children[MAX_CLIENTS];
    for (int client = 1; client <= nclients; client++) {
        int connfd = accept(listenfd, NULL, NULL);
        if (connfd < 0)
            die("accept");
        if (strcmp(mode, "fork") != 0) {
            serve(connfd, client);
            close(connfd);
            continue;
        }
        pid_t pid = fork();
        if (pid < 0)
            die("fork");
        if (pid == 0) {
            close(listenfd);
            serve(connfd, client);
            close(connfd);
            exit(0);
        }
        children[client - 1] = pid;
        close(connfd);
    }
    close(listenfd);
    if (strcmp(mode, "fork") == 0) {
        for (int client = 1; client <= nclients; client++) {
            int status;
            if (waitpid(children[client - 1], &status, 0) < 0)
                die("waitpid");
            if (WIFSIGNALED(status))
                printf("client %d: its process was killed by signal %d (%s)\n", client, WTERMSIG(status),
                       strsignal(WTERMSIG(status)));
            else
                printf("client %d: its process exited with %d\n", client, WEXITSTATUS(status));
        }
    }
    printf("server done\n");
    return 0;
}
