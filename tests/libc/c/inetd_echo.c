/*
 * inetd_echo.c - the inetd way of writing a service: the server accepts,
 * forks, and the child makes the connection its stdin and stdout with dup2()
 * before running a service that knows only stdio (fgets/printf): here, each
 * line back in capitals. The parent closes its copy and accepts again, then
 * reaps every child and says how each ended.
 *
 *   inetd_echo PORT NCLIENTS
 *
 * Prints "listening on port P", "client N: connected", and at the end
 * "client N: exited with S" for each.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <err.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_CLIENTS 16

/* The service: stdin to stdout, in capitals, line by line. */
static int service(void) {
    char line[512];
    while (fgets(line, sizeof line, stdin) != NULL) {
        for (char *p = line; *p; p++) *p = (char)toupper((unsigned char)*p);
        fputs(line, stdout);
        fflush(stdout);
    }
    return ferror(stdin) ? 1 : 0;
}

int main(int argc, char **argv) {
    if (argc != 3) errx(2, "usage: inetd_echo PORT NCLIENTS");
    setvbuf(stdout, NULL, _IOLBF, 0);
    int nclients = atoi(argv[2]);
    if (nclients < 1 || nclients > MAX_CLIENTS) errx(2, "NCLIENTS: 1 to %d", MAX_CLIENTS);
    int l = socket(AF_INET, SOCK_STREAM, 0);
    if (l < 0) err(1, "socket");
    int on = 1;
    if (setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) < 0) err(1, "setsockopt");
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons((unsigned short)atoi(argv[1]));
    if (bind(l, (struct sockaddr *)&a, sizeof a) < 0) err(1, "bind");
    if (listen(l, 8) < 0) err(1, "listen");
    socklen_t len = sizeof a;
    if (getsockname(l, (struct sockaddr *)&a, &len) < 0) err(1, "getsockname");
    printf("listening on port %d\n", ntohs(a.sin_port));

    pid_t children[MAX_CLIENTS];
    for (int i = 0; i < nclients; i++) {
        int c = accept(l, NULL, NULL);
        if (c < 0) err(1, "accept");
        printf("client %d: connected\n", i + 1);
        pid_t pid = fork();
        if (pid < 0) err(1, "fork");
        if (pid == 0) {
            close(l);
            if (dup2(c, STDIN_FILENO) < 0 || dup2(c, STDOUT_FILENO) < 0) err(1, "dup2");
            close(c);
            exit(service());
        }
        children[i] = pid;
        close(c);
    }
    close(l);
    for (int i = 0; i < nclients; i++) {
        int status;
        if (waitpid(children[i], &status, 0) < 0) err(1, "waitpid");
        printf("client %d: exited with %d\n", i + 1, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
    return 0;
}
