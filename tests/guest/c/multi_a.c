/* Part of tests/guest/driver_test.ts's separate-compilation test (with multi_b.c). */
#include <math.h>
#include <stdio.h>
#include <arpa/inet.h>

int port_of(const char *text);

int main(void) {
    printf("%d %.1f %s\n", port_of("8080"), sqrt(16.0), inet_ntoa((struct in_addr){htonl(0x7f000001)}));
    return 0;
}
