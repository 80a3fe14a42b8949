/* struct timeval / struct linger <-> the ABI's option_timestamp. */
#ifndef SOCKBOX_SOCKOPT_TIME_H
#define SOCKBOX_SOCKOPT_TIME_H

#include <sys/socket.h>
#include <sys/time.h>

#include "wasix_imports.h"

/* SO_RCVTIMEO/SO_SNDTIMEO: {0,0} = no timeout. Return 0 or a WASI errno. */
int __sbx_timeval_to_opt(const struct timeval *tv, sbx_option_timestamp_t *out);
void __sbx_opt_to_timeval(const sbx_option_timestamp_t *t, struct timeval *tv);

/* SO_LINGER: l_onoff 0 = none, else l_linger seconds. */
void __sbx_linger_to_opt(const struct linger *l, sbx_option_timestamp_t *out);
void __sbx_opt_to_linger(const sbx_option_timestamp_t *t, struct linger *l);

#endif
