/**
 * The readiness conformance programs (tests/readiness/c), each built with gcc
 * and with `sockbox cc`, run natively and sandboxed: same stdout, same exit
 * status. Each program is self-contained (its peers are its own sockets on
 * loopback) and prints poll bits and errnos by name.
 *
 * @module
 */

import { test } from "uvu";
import * as assert from "uvu/assert";
import { run } from "../lib/proc.ts";
import { buildBoth, command } from "./harness.ts";

const PROGRAMS: Record<string, string> = {
  poll_tcp: "poll() on TCP: pending connection, data without consuming it, EOF, HUP, NVAL",
  poll_udp: "poll()/select() on UDP: a datagram seen is still there for recvfrom",
  poll_unix: "poll() on socketpair ends: data, half-close, the peer's close",
  poll_timeout: "poll()/select() timeouts: 0, N ms, ended early by data",
  select_cases: "select(): readable, writable, exceptfds, nfds, EBADF",
  nonblock_connect: "non-blocking connect: EINPROGRESS, POLLOUT, SO_ERROR 0 or ECONNREFUSED",
  nonblock_io: "O_NONBLOCK by fcntl, SOCK_NONBLOCK, accept4, FIONBIO, MSG_DONTWAIT: EAGAIN",
  sockopt_timeo: "SO_RCVTIMEO and SO_SNDTIMEO: EAGAIN after the time",
};

const RUN_TIMEOUT_MS = 60_000;

for (const [name, what] of Object.entries(PROGRAMS)) {
  const built = buildBoth(`tests/readiness/c/${name}.c`);
  built.catch(() => {}); // reported by the test that awaits it
  test(`${name}: ${what}`, async () => {
    const b = await built;
    const native = await run(...command(b, "native", []), { timeoutMs: RUN_TIMEOUT_MS });
    assert.is(native.code, 0, `the native run failed:\n${native.stdout}${native.stderr}`);
    const sandboxed = await run(...command(b, "sandboxed", []), { timeoutMs: RUN_TIMEOUT_MS });
    assert.fixture(sandboxed.stdout, native.stdout);
    assert.is(sandboxed.code, native.code, `exit status; stderr:\n${sandboxed.stderr}`);
  });
}

test.run();
