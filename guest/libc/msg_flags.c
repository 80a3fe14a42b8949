/*
 * MSG_* flags (Linux numbering, see the overlay <sys/socket.h>) <-> the
 * ABI's riflags / siflags / roflags.
 */
#include <sys/socket.h>

#include "sockbox_internal.h"

int __sbx_recv_flags(int flags, uint32_t *riflags) {
    uint32_t ri = 0;
    if (flags & MSG_OOB)
        return EINVAL; /* Linux: EINVAL when no urgent data is pending, which is always */
    if (flags & MSG_ERRQUEUE)
        return EAGAIN; /* the error queue is always empty */
    if (flags & MSG_PEEK)
        ri |= SBX_RIFLAGS_PEEK;
    if (flags & MSG_WAITALL)
        ri |= SBX_RIFLAGS_WAITALL;
    if (flags & MSG_DONTWAIT)
        ri |= SBX_RIFLAGS_DONT_WAIT;
    if (flags & MSG_TRUNC)
        ri |= SBX_RIFLAGS_DATA_TRUNCATED; /* datagrams: return the real length */
    /* MSG_CMSG_CLOEXEC and unknown bits: ignored, as Linux does. */
    *riflags = ri;
    return 0;
}

int __sbx_send_flags(int flags, uint32_t *siflags) {
    uint32_t si = 0;
    if (flags & MSG_OOB)
        return EOPNOTSUPP; /* no urgent data over the host's sockets */
    if (flags & MSG_DONTWAIT)
        si |= SBX_SIFLAGS_DONT_WAIT;
    /* MSG_NOSIGNAL: acted on by __sbx_send_iov (no SIGPIPE with the EPIPE).
     * MSG_MORE, MSG_EOR, MSG_DONTROUTE, MSG_CONFIRM: hints, ignored. */
    *siflags = si;
    return 0;
}

int __sbx_msg_flags_from_roflags(uint32_t roflags) {
    return (roflags & SBX_ROFLAGS_DATA_TRUNCATED) ? MSG_TRUNC : 0;
}
