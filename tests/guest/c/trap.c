/* A guest that traps in a nested call after printing: the run must end with
 * status 134 (as SIGABRT), keep what was printed, and name the wasm frames. */
#include <stdio.h>

volatile int trap_now = 1;

static void innermost(void) {
    if (trap_now) __builtin_trap();
}

void middle(void) { innermost(); }

int main(void) {
    puts("before the trap");
    fflush(stdout);
    middle();
    puts("not reached");
    return 0;
}
