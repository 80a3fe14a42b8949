/* tests/guest/driver_test.ts: the calls wasi-libc hides behind
 * _WASI_EMULATED_* macros (clock, times, getrusage, mmap, signal, raise,
 * getpid) compile -Werror clean and link with plain gcc command lines. */
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    struct tms t;
    struct rusage u;
    signal(SIGPIPE, SIG_IGN);
    int ok = clock() != (clock_t)-1 && times(&t) != (clock_t)-1 && getrusage(RUSAGE_SELF, &u) == 0;
    void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ok = ok && p != MAP_FAILED && munmap(p, 4096) == 0 && getpid() > 0 && raise(SIGPIPE) == 0;
    printf("%s\n", ok ? "ok" : "failed");
    return !ok;
}
