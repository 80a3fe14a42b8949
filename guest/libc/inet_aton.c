/*
 * inet_aton() as glibc has it: numbers in C notation (0x hex, 0 octal),
 * dot-separated, in the forms a.b.c.d, a.b.c, a.b and a; the address may be
 * followed by white space and anything after it ("1.2.3.4\n" from fgets is
 * accepted), which musl's (wasi-libc's) refuses. inet_addr() uses it.
 * wasi-libc's is a weak symbol, so this one is taken wherever it is linked.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdint.h>

int inet_aton(const char *cp, struct in_addr *addr) {
    uint32_t parts[4];
    int n = 0;
    const char *s = cp;
    for (;;) {
        if (!isdigit((unsigned char)*s)) return 0;
        uint64_t v = 0;
        int base = 10;
        if (*s == '0') {
            base = 8;
            s++;
            if (*s == 'x' || *s == 'X') {
                base = 16;
                s++;
            }
        }
        for (;; s++) {
            int c = (unsigned char)*s, d;
            if (isdigit(c) && c - '0' < base) d = c - '0';
            else if (base == 16 && isxdigit(c)) d = (tolower(c) - 'a') + 10;
            else break;
            v = v * (uint64_t)base + (uint64_t)d;
            if (v > UINT32_MAX) return 0;
        }
        parts[n++] = (uint32_t)v;
        if (*s != '.') break;
        if (n == 4) return 0;
        s++;
    }
    if (*s != '\0' && !isspace((unsigned char)*s)) return 0;
    for (int i = 0; i < n - 1; i++)
        if (parts[i] > 0xff) return 0;
    static const uint32_t last_max[] = {0xffffffffu, 0xffffffu, 0xffffu, 0xffu};
    uint32_t last = parts[n - 1];
    if (last > last_max[n - 1]) return 0;
    uint32_t a = last;
    for (int i = 0; i < n - 1; i++) a |= parts[i] << (24 - 8 * i);
    if (addr) addr->s_addr = htonl(a);
    return 1;
}
