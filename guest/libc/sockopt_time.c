/* struct timeval / struct linger <-> option_timestamp (see sockopt_time.h). */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "sockopt_time.h"

#define SBX_NS_PER_SEC 1000000000ULL
#define SBX_NS_PER_USEC 1000ULL
#define SBX_USEC_PER_SEC 1000000

int __sbx_timeval_to_opt(const struct timeval *tv, sbx_option_timestamp_t *out) {
    memset(out, 0, sizeof *out);
    if (tv->tv_usec < 0 || tv->tv_usec >= SBX_USEC_PER_SEC)
        return EDOM; /* Linux */
    if (tv->tv_sec == 0 && tv->tv_usec == 0) {
        out->tag = SBX_OPTION_NONE; /* block forever */
        return 0;
    }
    out->tag = SBX_OPTION_SOME;
    if (tv->tv_sec < 0) {
        out->ns = 0; /* Linux: a negative timeout times out at once */
        return 0;
    }
    if ((uint64_t)tv->tv_sec >= UINT64_MAX / SBX_NS_PER_SEC)
        out->ns = UINT64_MAX;
    else
        out->ns = (uint64_t)tv->tv_sec * SBX_NS_PER_SEC + (uint64_t)tv->tv_usec * SBX_NS_PER_USEC;
    return 0;
}

void __sbx_opt_to_timeval(const sbx_option_timestamp_t *t, struct timeval *tv) {
    memset(tv, 0, sizeof *tv);
    if (t->tag != SBX_OPTION_SOME)
        return;
    tv->tv_sec = (time_t)(t->ns / SBX_NS_PER_SEC);
    tv->tv_usec = (suseconds_t)((t->ns % SBX_NS_PER_SEC) / SBX_NS_PER_USEC);
}

void __sbx_linger_to_opt(const struct linger *l, sbx_option_timestamp_t *out) {
    memset(out, 0, sizeof *out);
    if (!l->l_onoff) {
        out->tag = SBX_OPTION_NONE;
        return;
    }
    out->tag = SBX_OPTION_SOME;
    out->ns = l->l_linger > 0 ? (uint64_t)l->l_linger * SBX_NS_PER_SEC : 0;
}

void __sbx_opt_to_linger(const sbx_option_timestamp_t *t, struct linger *l) {
    memset(l, 0, sizeof *l);
    if (t->tag != SBX_OPTION_SOME)
        return;
    uint64_t s = t->ns / SBX_NS_PER_SEC;
    l->l_onoff = 1;
    l->l_linger = s > INT_MAX ? INT_MAX : (int)s;
}
