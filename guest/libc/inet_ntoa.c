/*
 * inet_ntoa(): dotted quad in a static buffer, overwritten by each call (as
 * everywhere). Written without printf so that it does not drag printf's
 * machinery into programs that do not otherwise use it.
 */
#include <arpa/inet.h>

static char *put_byte(char *p, unsigned v) {
    if (v >= 100)
        *p++ = (char)('0' + v / 100);
    if (v >= 10)
        *p++ = (char)('0' + v / 10 % 10);
    *p++ = (char)('0' + v % 10);
    return p;
}

char *inet_ntoa(struct in_addr in) {
    static char buf[INET_ADDRSTRLEN];
    const unsigned char *b = (const unsigned char *)&in.s_addr; /* network order */
    char *p = buf;
    for (int i = 0; i < 4; i++) {
        if (i > 0)
            *p++ = '.';
        p = put_byte(p, b[i]);
    }
    *p = '\0';
    return buf;
}
