/* Part of check.sh's separate-compilation test (with multi_a.c). */
#include <stdlib.h>

int port_of(const char *text);

int port_of(const char *text) {
    return atoi(text);
}
