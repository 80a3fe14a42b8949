/* accept(): accept4() without flags. See accept4.c for why both live here. */
#include <sys/socket.h>

int accept(int fd, struct sockaddr *__restrict addr, socklen_t *__restrict len) {
    return accept4(fd, addr, len, 0);
}
