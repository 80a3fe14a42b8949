/* inet_network(): the address in host byte order. */
#include <arpa/inet.h>

in_addr_t inet_network(const char *cp) {
    return ntohl(inet_addr(cp));
}
