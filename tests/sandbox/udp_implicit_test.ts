/**
 * UDP sockets the sandbox did not let listen: a recv on a never-bound socket
 * opens no port (as on Linux, where recvfrom does not bind), and a socket
 * bound implicitly by a permitted send only receives replies from addresses
 * the guest may send to. In-process, with a fake network.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DEFAULT_LIMITS } from "../../runtime/limits.ts";
import { GuestMemory } from "../../runtime/memory.ts";
import type { DatagramSink, DatagramSocket } from "../../runtime/net_backend.ts";
import { GrantPolicy, noGrants } from "../../runtime/policy/grant_policy.ts";
import { parseGrant } from "../../runtime/policy/grants.ts";
import { createContext } from "../../runtime/run.ts";
import { DgramSocket } from "../../runtime/sock/datagram_socket.ts";
import type { SocketAddress } from "../../runtime/sockaddr.ts";
import { fakeHost } from "./lib/fake_host.ts";

function setup() {
  const host = fakeHost({ "/box": null });
  let sink: DatagramSink | null = null;
  let bound: SocketAddress | null = null;
  host.net.bindDatagram = (addr: SocketAddress, _o: unknown, s: DatagramSink): Promise<DatagramSocket> => {
    sink = s;
    bound = addr;
    return Promise.resolve({ local: { ...addr, port: 50000 } as SocketAddress, send() {}, setBroadcast() {}, pause() {}, resume() {}, close() {} });
  };
  const grants = { ...noGrants(), connect: [parseGrant("connect", "127.0.0.1:53/udp", "--allow-connect=127.0.0.1:53/udp")] };
  const ctx = createContext(host, {
    args: ["t"],
    env: [],
    preopens: [],
    policy: new GrantPolicy(grants),
    limits: { ...DEFAULT_LIMITS },
    trace: null,
  });
  ctx.mem = new GuestMemory(new WebAssembly.Memory({ initial: 1 }));
  return { ctx, deliver: (data: string, from: SocketAddress) => sink!.message(new TextEncoder().encode(data), from), bound: () => bound };
}

const iov = [{ ptr: 0, len: 64 }];

test("recv on a never-bound UDP socket opens no port", async () => {
  const { ctx, bound } = setup();
  const s = new DgramSocket(ctx, "ipv4");
  s.recvTimeout = 20_000_000n; // 20 ms, then EAGAIN
  try {
    await s.recv(ctx.mem, iov, { peek: false, waitAll: false, dontWait: false, trunc: false });
    assert.unreachable("a datagram arrived on a socket that has no address");
  } catch (e) {
    assert.is((e as { errno?: number }).errno, 6, "EAGAIN after SO_RCVTIMEO");
  }
  assert.is(bound(), null, "nothing was bound");
  assert.equal(s.localAddress(), { family: "ipv4", address: "0.0.0.0", port: 0 });
});

test("a socket bound by a permitted send hears only from where it may send", async () => {
  const { ctx, deliver, bound } = setup();
  const s = new DgramSocket(ctx, "ipv4");
  s.fdflags |= 4; // O_NONBLOCK
  await s.send(ctx.mem, [{ ptr: 0, len: 4 }], { family: "ipv4", address: "127.0.0.1", port: 53 }, false);
  assert.equal(bound(), { family: "ipv4", address: "0.0.0.0", port: 0 }, "implicit bind, as on Linux");
  deliver("stranger", { family: "ipv4", address: "10.0.0.1", port: 53 });
  deliver("wrong port", { family: "ipv4", address: "127.0.0.1", port: 54 });
  deliver("reply", { family: "ipv4", address: "127.0.0.1", port: 53 });
  const r = await s.recv(ctx.mem, iov, { peek: false, waitAll: false, dontWait: true, trunc: false });
  assert.is(new TextDecoder().decode(ctx.mem.bytes(0, r.n)), "reply");
  assert.throws(() => s.recv(ctx.mem, iov, { peek: false, waitAll: false, dontWait: true, trunc: false }), (e: { errno?: number }) => e.errno === 6);
  s.close();
});

test.run();
