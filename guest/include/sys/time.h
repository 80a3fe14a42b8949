/*
 * sockbox overlay for <sys/time.h>: declares futimes() and lutimes(), which
 * wasi-libc leaves out ("legacy functions") and libsockbox implements
 * (libc/utimens.c). Declared where glibc and musl declare them.
 */
#ifndef SOCKBOX_SYS_TIME_H
#define SOCKBOX_SYS_TIME_H

#include_next <sys/time.h>

#if defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
#ifdef __cplusplus
extern "C" {
#endif

int futimes(int, const struct timeval[2]);
int lutimes(const char *, const struct timeval[2]);

#ifdef __cplusplus
}
#endif
#endif

#endif
