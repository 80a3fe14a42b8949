/* inet_addr(): wasi-libc has inet_aton but hides inet_addr. INADDR_NONE on error. */
#include <arpa/inet.h>

in_addr_t inet_addr(const char *cp) {
    struct in_addr a;
    if (cp == NULL || !inet_aton(cp, &a))
        return INADDR_NONE;
    return a.s_addr;
}
