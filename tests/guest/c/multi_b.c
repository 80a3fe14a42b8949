/* Part of tests/guest/driver_test.ts's separate-compilation test (with multi_a.c). */
#include <stdlib.h>

int port_of(const char *text);

int port_of(const char *text) {
    return atoi(text);
}
