/**
 * The epoll echo servers of guest/c-examples (level-triggered and
 * edge-triggered), natively and sandboxed, each with 100 native clients at
 * once: every client sends its own bytes in uneven writes, half-closes,
 * and must get every byte back, in order, before the server closes it. Four
 * of the clients send 16 MiB and do not read for the first half second:
 * more than the kernel buffers on both sides hold, so the server's sends hit
 * EAGAIN and go on at EPOLLOUT.
 * The native build runs the same test first, so a failure is known to be
 * the sandbox's.
 *
 * @module
 */

import { connect } from "node:net";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildBoth, type Built, command, listeningPort, type Mode, Watched } from "../readiness/harness.ts";

const CLIENTS = 100;
/** Every SLOW_EVERY-th client sends BIG_BYTES and starts reading only after SLOW_START_MS. */
const SLOW_EVERY = 25;
const BIG_BYTES = 16 * 1024 * 1024;
const SLOW_START_MS = 500;
const RUN_TIMEOUT_MS = 90_000;

/** Deterministic bytes for client `i` (xorshift), so each echo can be checked byte for byte. */
function payload(i: number): Uint8Array {
  const size = i % SLOW_EVERY === 0 ? BIG_BYTES : 1000 + ((i * 7919) % 60_000);
  const out = new Uint8Array(size);
  let x = (i + 1) * 2654435761 >>> 0 || 1;
  for (let k = 0; k < size; k++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[k] = x & 0xff;
  }
  return out;
}

/** One client: sends `data` in uneven writes, half-closes, resolves with everything echoed once the server closes. */
function client(port: number, data: Uint8Array, slow: boolean): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host: "127.0.0.1", port });
    const chunks: Uint8Array[] = [];
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`no close from the server within ${RUN_TIMEOUT_MS} ms`));
    }, RUN_TIMEOUT_MS);
    if (slow) {
      sock.pause();
      setTimeout(() => sock.resume(), SLOW_START_MS);
    }
    sock.on("data", (d: Uint8Array) => chunks.push(new Uint8Array(d)));
    sock.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    sock.on("end", () => {
      clearTimeout(timer);
      sock.end();
      resolve(Buffer.concat(chunks));
    });
    sock.once("connect", () => {
      let off = 0, step = 1;
      while (off < data.length) {
        const n = Math.min(data.length - off, 1 + ((step * 4099) % 20_000));
        sock.write(data.subarray(off, off + n));
        off += n;
        step++;
      }
      sock.end();
    });
  });
}

async function serve(built: Built, mode: Mode): Promise<void> {
  const server = new Watched(...command(built, mode, ["0", String(CLIENTS)]));
  try {
    const port = await listeningPort(server);
    const payloads = Array.from({ length: CLIENTS }, (_, i) => payload(i));
    const echoes = await Promise.all(payloads.map((p, i) => client(port, p, i % SLOW_EVERY === 0)));
    echoes.forEach((echo, i) => {
      assert.is(echo.length, payloads[i].length, `client ${i}: bytes echoed`);
      assert.ok(Buffer.from(echo).equals(Buffer.from(payloads[i])), `client ${i}: the echo differs from what it sent`);
    });
    assert.is(await server.exit(30_000), 0, `server exit status; stderr: ${server.stderr}`);
    const connected = server.lines.filter((l) => /^client \d+ connected$/.test(l));
    assert.is(connected.length, CLIENTS, "connected lines");
    const sizes = server.lines.map((l) => /^client \d+ left after (\d+) bytes$/.exec(l)).filter((m) => m !== null)
      .map((m) => Number(m![1])).sort((a, b) => a - b);
    assert.equal(
      sizes,
      payloads.map((p) => p.length).sort((a, b) => a - b),
      "bytes echoed per client, as the server counted",
    );
    assert.is(server.lines[server.lines.length - 1], "server done");
  } finally {
    server.kill();
  }
}

for (const name of ["epoll_echo_server", "epoll_et_server"]) {
  const built = buildBoth(`guest/c-examples/${name}.c`);
  built.catch(() => {}); // reported by the tests that await it
  for (const mode of ["native", "sandboxed"] as const) {
    test(`${name} (${mode}): ${CLIENTS} clients at once, every byte echoed back, slow readers included`, async () => {
      await serve(await built, mode);
    });
  }
}

test.run();
