/*
 * inet_ntop() as glibc prints addresses: the longest run of two or more
 * zero groups becomes "::" (the first one on a tie), and an address whose
 * first six groups are zero (IPv4-compatible, "::1.2.3.4") or five zero
 * then ffff (IPv4-mapped, "::ffff:1.2.3.4") ends in dotted decimal. musl's
 * (wasi-libc's) prints "::102:304" for the first; this replaces its object.
 * ENOSPC when `size` is too small, EAFNOSUPPORT for another family.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

static const char *put(const char *text, char *dst, socklen_t size) {
    if (strlen(text) >= size) {
        errno = ENOSPC;
        return NULL;
    }
    return strcpy(dst, text);
}

const char *inet_ntop(int af, const void *restrict src, char *restrict dst, socklen_t size) {
    const unsigned char *b = src;
    char buf[sizeof "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255"];
    if (af == AF_INET) {
        snprintf(buf, sizeof buf, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
        return put(buf, dst, size);
    }
    if (af != AF_INET6) {
        errno = EAFNOSUPPORT;
        return NULL;
    }
    unsigned words[8];
    for (int i = 0; i < 8; i++) words[i] = (unsigned)b[2 * i] << 8 | b[2 * i + 1];
    int best = -1, best_len = 0;
    for (int i = 0; i < 8;) {
        int j = i;
        while (j < 8 && words[j] == 0) j++;
        if (j - i > best_len) {
            best = i;
            best_len = j - i;
        }
        i = j > i ? j : i + 1;
    }
    if (best_len < 2) best = -1;
    char *p = buf;
    for (int i = 0; i < 8; i++) {
        if (best >= 0 && i >= best && i < best + best_len) {
            if (i == best) *p++ = ':';
            continue;
        }
        if (i != 0) *p++ = ':';
        if (i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && words[5] == 0xffff))) {
            p += sprintf(p, "%u.%u.%u.%u", b[12], b[13], b[14], b[15]);
            break;
        }
        p += sprintf(p, "%x", words[i]);
    }
    if (best >= 0 && best + best_len == 8) *p++ = ':';
    *p = '\0';
    return put(buf, dst, size);
}
