/**
 * The rows of docs/compatibility.md, checked by running them: each case of
 * tests/examples/c/compat_probe.c runs natively and sandboxed (narrow grants)
 * on this test's runtime. Where sockbox behaves as Linux the outputs must be
 * equal; where the runtime has a gap the sandboxed output must be the native
 * one changed exactly as the table says, and the `--trace` line the table
 * quotes must appear.
 *
 * @module
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, RUNTIME } from "../lib/proc.ts";
import { buildBoth, command, type Output, PortTaken, WAIT_MS, withPort } from "./harness.ts";

const probe = buildBoth("tests/examples/c/compat_probe.c");
probe.catch(() => {}); // reported by the tests that await it

/** How a runtime's output differs from Linux's: [native line, sandboxed line] pairs ("" drops the line), or a rewrite. */
type Gap = { lines: [string, string][]; trace?: string } | { rewrite: (native: string) => string; trace?: string };

interface Row {
  /** compat_probe's case. */
  name: string;
  /** Its arguments after the case name (a port, a directory). */
  args: (port: number, dir: string) => string[];
  /** The narrowest grants that let it run. */
  grants: (port: number, dir: string) => string[];
  /** Ports it uses from `port` on. */
  span?: number;
  /** Per runtime, how the sandboxed run differs from Linux; absent: it does not. */
  gap?: Partial<Record<"deno" | "bun", Gap>>;
}

const P = (p: number) => [String(p)];
const both = (g: Gap) => ({ deno: g, bun: g });
const RESET_TRACE = `close: ${RUNTIME} cannot reset the connection (RST); the peer reads EOF, not ECONNRESET`;

const ROWS: Row[] = [
  {
    name: "unix-dgram",
    args: (_p, d) => [d],
    grants: (_p, d) => [`--dir=${d}`, `--allow-unix=${d}/a.sock`, `--allow-unix=${d}/b.sock`],
    gap: {
      bun: {
        rewrite: () => "unix-dgram: socket -> EAFNOSUPPORT\n[exit 0]\n",
        trace: "sock_open(AF_UNIX, SOCK_DGRAM, 0) = EAFNOSUPPORT (bun has no unix datagram sockets (use --runtime=deno))",
      },
    },
  },
  {
    name: "unix-unread",
    args: (_p, d) => [d],
    grants: (_p, d) => [`--dir=${d}`, `--allow-unix=${d}/unread.sock`],
    gap: both({ lines: [["unix-unread: recv -> ECONNRESET", "unix-unread: recv -> ok"]], trace: RESET_TRACE }),
  },
  {
    name: "unix-unlink",
    args: (_p, d) => [d],
    grants: (_p, d) => [`--dir=${d}`, `--allow-unix=${d}/listener.sock`],
    gap: {
      bun: { lines: [["unix-unlink: the file is still there after close", "unix-unlink: the file is gone after close"]] },
    },
  },
  {
    name: "backlog",
    args: P,
    grants: (p) => [`--allow-listen=127.0.0.1:${p}`, `--allow-connect=127.0.0.1:${p}`],
    gap: both({
      lines: [[
        "backlog: 2 of 4 connects completed before any accept",
        "backlog: 4 of 4 connects completed before any accept",
      ]],
      trace: "listen: the backlog is sockbox's; the OS completes handshakes beyond it (Linux leaves them waiting)",
    }),
  },
  {
    name: "bind-connect",
    args: P,
    span: 2,
    grants: (p) => [`--allow-listen=127.0.0.1:${p}-${p + 1}`, `--allow-connect=127.0.0.1:${p}`],
    gap: both({
      lines: [
        ["bind-connect: getsockname gives the bound port: yes", "bind-connect: getsockname gives the bound port: no"],
        ["bind-connect: the server sees the bound port: yes", "bind-connect: the server sees the bound port: no"],
      ],
      trace: `connect: ${RUNTIME} cannot connect from a bound address; releasing the bind`,
    }),
  },
  { name: "broadcast", args: P, grants: (p) => [`--allow-connect=127.255.255.255:${p}/udp`] },
  { name: "half-close", args: P, grants: (p) => [`--allow-listen=127.0.0.1:${p}`, `--allow-connect=127.0.0.1:${p}`] },
  {
    name: "v6only",
    args: P,
    grants: (p) => [`--allow-listen=[::]:${p}`, `--allow-listen=0.0.0.0:${p}`, `--allow-connect=127.0.0.1:${p}`],
    gap: {
      deno: {
        lines: [
          ["v6only: IPv4 connect -> ECONNREFUSED", "v6only: IPv4 connect -> ok"],
          ["v6only: IPv4 bind of the same port -> ok", "v6only: IPv4 bind of the same port -> EADDRINUSE"],
        ],
        trace: "bind: deno cannot set IPV6_V6ONLY; the socket takes IPv4 peers too",
      },
    },
  },
  { name: "reuseport", args: P, grants: (p) => [`--allow-listen=127.0.0.1:${p}`] },
  {
    name: "oob",
    args: P,
    grants: (p) => [`--allow-listen=127.0.0.1:${p}`, `--allow-connect=127.0.0.1:${p}`],
    gap: both({
      lines: [["oob: send(MSG_OOB) -> ok", "oob: send(MSG_OOB) -> EOPNOTSUPP"], ["oob: recv(MSG_OOB) -> ok", "oob: recv(MSG_OOB) -> EINVAL"]],
    }),
  },
  {
    name: "scm-rights",
    args: () => [],
    grants: () => [],
    gap: both({
      lines: [
        ["scm-rights: sendmsg with SCM_RIGHTS -> ok", "scm-rights: sendmsg with SCM_RIGHTS -> EOPNOTSUPP"],
        ["scm-rights: recvmsg -> ok", "scm-rights: recvmsg -> EAGAIN"],
        ["scm-rights: control data received: a descriptor", ""],
      ],
    }),
  },
  {
    name: "sigpipe",
    args: P,
    grants: (p) => [`--allow-listen=127.0.0.1:${p}`, `--allow-connect=127.0.0.1:${p}`],
  },
  {
    name: "udp-refused",
    args: P,
    grants: (p) => [`--allow-connect=127.0.0.1:${p}/udp`],
    gap: both({ lines: [["udp-refused: recv -> ECONNREFUSED", "udp-refused: recv -> EAGAIN"]] }),
  },
  {
    name: "peercred",
    args: () => [],
    grants: () => [],
    gap: both({ lines: [["peercred: getsockopt(SO_PEERCRED) -> ok", "peercred: SO_PEERCRED is not defined"]] }),
  },
  { name: "rcvbuf", args: () => [], grants: () => [] },
  {
    name: "abstract",
    args: () => [],
    grants: () => [],
    gap: both({ lines: [["abstract: bind -> ok", "abstract: bind -> EINVAL"]] }), // refused by the guest's libc: no host call
  },
  { name: "nodelay", args: P, grants: (p) => [`--allow-listen=127.0.0.1:${p}`, `--allow-connect=127.0.0.1:${p}`] },
];

/** stdout, then the exit status as a last line, so that a death by signal shows in the comparison. */
function transcript(o: Output): string {
  return `${o.stdout}[exit ${o.code}]\n`;
}

/** What Linux printed, changed as `gap` says. */
function expected(native: string, gap: Gap): string {
  if ("rewrite" in gap) return gap.rewrite(native);
  let out = native;
  for (const [from, to] of gap.lines) {
    assert.ok(out.includes(from + "\n"), `the native run printed "${from}"; it printed:\n${native}`);
    out = out.replace(from + "\n", to === "" ? "" : to + "\n");
  }
  return out;
}

for (const row of ROWS) {
  const gap = row.gap?.[RUNTIME];
  test(`compatibility: ${row.name} ${gap ? "differs from Linux as docs/compatibility.md says" : "as on Linux"}`, async () => {
    const b = await probe;
    const dir = mkdtempSync(join(tmpdir(), "sockbox-compat-"));
    try {
      await withPort(async (port) => {
        const args = [row.name, ...row.args(port, dir)];
        const native = await run(...command(b, "native", args), { timeoutMs: WAIT_MS });
        const opts = [...row.grants(port, dir), ...(gap?.trace ? ["--trace"] : [])];
        const sandboxed = await run(...command(b, "sandboxed", args, opts), { timeoutMs: WAIT_MS });
        if (/EADDRINUSE/.test(native.stdout + sandboxed.stdout) && row.name !== "v6only" && row.name !== "reuseport") {
          throw new PortTaken(native.stdout + sandboxed.stdout);
        }
        const want = gap ? expected(transcript(native), gap) : transcript(native);
        assert.fixture(transcript(sandboxed), want);
        if (gap?.trace) assert.ok(sandboxed.stderr.includes(gap.trace), `"${gap.trace}" in --trace:\n${sandboxed.stderr}`);
        else assert.is(sandboxed.stderr, "");
      }, row.span ?? 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test.run();
