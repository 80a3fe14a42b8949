/*
 * sockbox overlay for <sys/stat.h>: wasi-libc hides umask() ("WASI has no
 * umask"); libsockbox records it (libc/identity.c), so the daemons that set
 * it compile and run.
 */
#ifndef SOCKBOX_SYS_STAT_H
#define SOCKBOX_SYS_STAT_H

#include_next <sys/stat.h>

#ifdef __cplusplus
extern "C" {
#endif

mode_t umask(mode_t);

#ifdef __cplusplus
}
#endif

#endif
