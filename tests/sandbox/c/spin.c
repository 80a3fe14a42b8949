/*
 * spin.c - a guest that never yields: prints a line, then loops forever
 * without a syscall. Only a watchdog outside its thread can stop it.
 * With an argument "listen", it first listens on 127.0.0.1 (an ephemeral
 * port, printed), so a test can check the port is free once it is stopped.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "listen") == 0) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in a;
        socklen_t len = sizeof a;
        memset(&a, 0, sizeof a);
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || listen(fd, 16) < 0 ||
            getsockname(fd, (struct sockaddr *)&a, &len) < 0) {
            perror("listen");
            return 1;
        }
        printf("port %d\n", ntohs(a.sin_port));
    }
    printf("spinning\n");
    fflush(stdout);
    for (volatile unsigned long i = 0;; i++) {
    }
}
