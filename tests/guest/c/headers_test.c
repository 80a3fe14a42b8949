/*
 * Compile-time checks of the overlay headers: the classic socket headers
 * give Linux's names, shapes and sizes. Built by tests/guest/headers_test.ts with sockbox cc
 * in several -std modes, and with gcc (the same program must mean the
 * same thing natively).
 */
#include <stddef.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/select.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <netdb.h>

#define DISTINCT2(a, b) ((a) != (b))

_Static_assert(sizeof(struct sockaddr) == 16, "sockaddr: 16 bytes");
_Static_assert(sizeof(((struct sockaddr *)0)->sa_data) == 14, "sa_data[14]");
_Static_assert(sizeof(struct sockaddr_in) == 16, "sockaddr_in: 16 bytes");
_Static_assert(sizeof(((struct sockaddr_in *)0)->sin_zero) == 8, "sin_zero[8]");
_Static_assert(sizeof(struct sockaddr_in6) == 28, "sockaddr_in6: 28 bytes");
_Static_assert(sizeof(((struct sockaddr_un *)0)->sun_path) == 108, "sun_path[108]");
_Static_assert(offsetof(struct sockaddr_un, sun_path) == 2, "sun_path at 2");
_Static_assert(sizeof(struct sockaddr_storage) >= 128, "sockaddr_storage >= 128");
_Static_assert(sizeof(struct in6_addr) == 16, "in6_addr: 16 bytes");
_Static_assert(DISTINCT2(SOCK_STREAM, SOCK_DGRAM), "socket types");
_Static_assert((MSG_PEEK & MSG_WAITALL) == 0 && (MSG_PEEK & MSG_TRUNC) == 0 &&
                   (MSG_PEEK & MSG_DONTWAIT) == 0 && (MSG_PEEK & MSG_NOSIGNAL) == 0 &&
                   (MSG_WAITALL & MSG_TRUNC) == 0 && (MSG_WAITALL & MSG_DONTWAIT) == 0 &&
                   (MSG_TRUNC & MSG_DONTWAIT) == 0 && (MSG_OOB & MSG_PEEK) == 0 &&
                   (MSG_NOSIGNAL & (MSG_WAITALL | MSG_TRUNC | MSG_DONTWAIT)) == 0,
               "MSG_* flags are distinct bits");
_Static_assert(SHUT_RD == 0 && SHUT_WR == 1 && SHUT_RDWR == 2, "SHUT_* as on Linux");
_Static_assert(((SOCK_STREAM | SOCK_DGRAM) & (SOCK_NONBLOCK | SOCK_CLOEXEC)) == 0,
               "type flags do not collide with types");
_Static_assert(INADDR_ANY == 0 && INADDR_LOOPBACK == 0x7f000001 &&
                   INADDR_BROADCAST == 0xffffffff && INADDR_NONE == 0xffffffff,
               "INADDR_*");
_Static_assert(INET_ADDRSTRLEN == 16 && INET6_ADDRSTRLEN == 46, "address string sizes");

int uses(void);
int uses(void) {
    int v = AF_INET + AF_INET6 + AF_UNIX + AF_UNSPEC + AF_LOCAL + PF_INET + PF_INET6 + PF_UNIX;
    v += SOCK_STREAM + SOCK_DGRAM + SOCK_RAW + SOCK_SEQPACKET + SOCK_NONBLOCK + SOCK_CLOEXEC;
    v += SOL_SOCKET != 0;
    v += SO_REUSEADDR + SO_REUSEPORT + SO_KEEPALIVE + SO_BROADCAST + SO_RCVBUF;
    v += SO_SNDBUF + SO_LINGER + SO_TYPE + SO_ERROR + SO_RCVTIMEO + SO_SNDTIMEO + SOMAXCONN;
    v += IPPROTO_IP + IPPROTO_TCP + IPPROTO_UDP + IPPROTO_IPV6 + TCP_NODELAY + IPV6_V6ONLY;
    v += MSG_PEEK + MSG_WAITALL + MSG_DONTWAIT + MSG_NOSIGNAL + MSG_TRUNC + MSG_OOB;
    v += AI_PASSIVE + AI_CANONNAME + AI_NUMERICHOST + AI_NUMERICSERV + AI_V4MAPPED;
    v += NI_NUMERICHOST + NI_NUMERICSERV + NI_NAMEREQD + NI_DGRAM + NI_MAXHOST + NI_MAXSERV;
    v += EAI_NONAME + EAI_AGAIN + EAI_FAIL + EAI_FAMILY + EAI_SOCKTYPE + EAI_SERVICE;
    v += FIONBIO + FIONREAD + O_NONBLOCK + F_GETFL + F_SETFL + POLLIN + POLLOUT + POLLPRI;
    v += POLLERR + POLLHUP + POLLNVAL + FD_SETSIZE;
    struct sockaddr_in6 a6 = {0};
    a6.sin6_addr = in6addr_any;
    a6.sin6_addr = in6addr_loopback;
    struct in6_addr any = IN6ADDR_ANY_INIT;
    v += a6.sin6_addr.s6_addr[15] + any.s6_addr[0];
    struct linger l = {1, 2};
    struct hostent *h = (struct hostent *)0;
    struct servent *s = (struct servent *)0;
    struct addrinfo ai = {0};
    struct msghdr m = {0};
    struct cmsghdr c = {0};
    struct pollfd p = {0, POLLIN, 0};
    fd_set fds;
    FD_ZERO(&fds);
    (void)h;
    (void)s;
    return v + l.l_linger + ai.ai_flags + m.msg_flags + c.cmsg_type + p.events;
}

int main(void) {
    return uses() == 0;
}
