/*
 * SIGPIPE, as Linux raises it: a write to a stream socket (or a pipe) whose
 * peer is gone fails with EPIPE and sends the writer SIGPIPE first, unless
 * send()'s flags hold MSG_NOSIGNAL. Its default action ends the process
 * (status 141 as a shell reports it); an ignored or blocked SIGPIPE leaves
 * just the EPIPE; a handler runs before the call returns. write(), writev()
 * (write.c, so stdio too) and the send calls (sock_io.c) call this.
 */
#include <signal.h>

#include "proc_imports.h"
#include "sockbox_internal.h"

/* signal.c's, when the program links it (it calls signal(), sigaction(),
 * sigprocmask(), raise()…): the disposition and the mask live there. A weak
 * reference, so that a program that never touches signals does not link
 * signal.c for this alone. */
__attribute__((weak)) int __sbx_signal_self(int sig);

void __sbx_sigpipe(void) {
    if (__sbx_signal_self) {
        __sbx_signal_self(SIGPIPE);
        return;
    }
    /* Without signal.c nothing can have ignored, blocked or caught SIGPIPE:
     * its default action ends the process, which the host does. */
    int32_t pid, ppid, pgid;
    __sbx_proc_getpid(&pid, &ppid, &pgid);
    __sbx_proc_kill(pid, SIGPIPE);
}
