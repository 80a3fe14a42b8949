/*
 * sockbox overlay for <poll.h>: wasi-libc lacks POLLPRI, POLLRDHUP and the
 * band flags. They are given values distinct from wasi-libc's own
 * (POLLIN 0x1, POLLOUT 0x2, POLLERR 0x1000, POLLHUP 0x2000, POLLNVAL 0x4000);
 * wasi-libc's poll() accepts them alongside POLLIN/POLLOUT and never reports
 * them (there is no out-of-band data).
 */
#ifndef SOCKBOX_POLL_H
#define SOCKBOX_POLL_H

#include_next <poll.h>

#ifndef POLLPRI
#define POLLPRI    0x0004
#endif
#ifndef POLLRDBAND
#define POLLRDBAND 0x0008
#endif
#ifndef POLLWRBAND
#define POLLWRBAND 0x0010
#endif
#ifndef POLLMSG
#define POLLMSG    0x0020
#endif
#ifndef POLLRDHUP
#define POLLRDHUP  0x0040
#endif

#endif
