/*
 * limits.c - runs into one resource cap and says where it stopped:
 *
 *   sockets        socket() until it fails
 *   pairs          socketpair() until it fails
 *   malloc         malloc() 1 MiB blocks (touched) until NULL
 *   accept         listen on 127.0.0.1 (ephemeral port, printed), accept() until it fails
 *
 * Output: "WHAT: N, then ENAME".
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_TRIES 100000
#define MIB (1024 * 1024)
#define MAX_BLOCKS 4096 /* 4 GiB: more than a wasm32 memory holds */

static const char *errname(int e) {
    switch (e) {
    case EMFILE: return "EMFILE";
    case ENFILE: return "ENFILE";
    case ENOBUFS: return "ENOBUFS";
    case ENOMEM: return "ENOMEM";
    default: return strerror(e);
    }
}

int main(int argc, char **argv) {
    const char *what = argc > 1 ? argv[1] : "";
    int n = 0;
    if (strcmp(what, "sockets") == 0) {
        while (n < MAX_TRIES && socket(AF_INET, SOCK_STREAM, 0) >= 0) n++;
    } else if (strcmp(what, "pairs") == 0) {
        int sv[2];
        while (n < MAX_TRIES && socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0) n++;
    } else if (strcmp(what, "malloc") == 0) {
        static char *blocks[MAX_BLOCKS]; /* kept, so the allocations cannot be optimized away */
        errno = 0;
        while (n < MAX_BLOCKS && (blocks[n] = malloc(MIB)) != NULL) {
            memset(blocks[n], n & 0xff, MIB);
            n++;
        }
        if (n > 0 && blocks[n - 1][MIB - 1] != (char)((n - 1) & 0xff)) return 3;
    } else if (strcmp(what, "accept") == 0) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in a;
        socklen_t len = sizeof a;
        memset(&a, 0, sizeof a);
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || listen(fd, 8) < 0 || getsockname(fd, (struct sockaddr *)&a, &len) < 0) {
            perror("listen");
            return 1;
        }
        printf("port %d\n", ntohs(a.sin_port));
        fflush(stdout);
        while (n < MAX_TRIES && accept(fd, NULL, NULL) >= 0) n++;
    } else {
        fprintf(stderr, "usage: limits sockets|pairs|malloc|accept\n");
        return 2;
    }
    printf("%s: %d, then %s\n", what, n, errname(errno));
    return 0;
}
