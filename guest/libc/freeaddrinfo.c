/* freeaddrinfo(): each result is one block (see getaddrinfo.c) plus its canonical name. */
#include <stdlib.h>
#include <netdb.h>

void freeaddrinfo(struct addrinfo *ai) {
    while (ai != NULL) {
        struct addrinfo *next = ai->ai_next;
        free(ai->ai_canonname);
        free(ai);
        ai = next;
    }
}
