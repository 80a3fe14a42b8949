/*
 * sockbox overlay for <sys/un.h>: sockaddr_un with `char sun_path[108]`
 * (wasi-libc's has no sun_path at all).
 */
#ifndef SOCKBOX_SYS_UN_H
#define SOCKBOX_SYS_UN_H

#include <sockbox/sockaddr.h>
#include_next <sys/un.h>

#ifndef UNIX_PATH_MAX
#define UNIX_PATH_MAX SOCKBOX_UNIX_PATH_MAX
#endif

#endif
