/**
 * What the user is told when the sandbox refuses something: one line on
 * stderr per distinct refusal (the guest itself only sees EACCES), naming
 * the rule and the option that would grant it; at most MAX_NOTICES of them;
 * none with `--trace` (which shows every refusal). And the option each line
 * suggests really admits the call (the re-run gets past the sandbox).
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { grantFor, MAX_NOTICES } from "../../runtime/sandbox/refusal_notice.ts";
import { buildWasm, runSandboxed } from "../lib/c.ts";
import { removeDir, tempDir } from "../lib/wasi.ts";

const netops = buildWasm(["tests/sandbox/c/netops.c"]);
netops.catch(() => {}); // reported by the tests that await it
const NOTICE = /^sockbox: sandbox refused (\S+) (\S+): .*?(?:; to allow it: (.+))?$/;

test("grantFor: the smallest grant for each use", () => {
  const v4 = (address: string, port: number) => ({ family: "ipv4" as const, address, port });
  assert.is(grantFor("tcp-bind", v4("127.0.0.1", 8080), []), "--allow-listen=127.0.0.1:8080");
  assert.is(grantFor("udp-bind", v4("0.0.0.0", 0), []), "--allow-listen=0.0.0.0:*");
  assert.is(grantFor("tcp-connect", { family: "ipv6", address: "::1", port: 9 }, []), "--allow-connect=[::1]:9");
  assert.is(grantFor("udp-send", v4("10.0.0.53", 53), []), "--allow-connect=10.0.0.53:53");
  assert.is(grantFor("name-lookup", "example.com", []), "--allow-dns");
  assert.is(grantFor("unix-bind", { family: "unix", path: "/data/s.sock" }, ["/data"]), "--allow-unix=/data/s.sock");
  assert.is(
    grantFor("unix-connect", { family: "unix", path: "/database/s" }, ["/data"]),
    "--allow-unix=/database/s and a --dir=HOSTDIR:GUESTDIR that holds it",
  );
  assert.is(grantFor("unix-bind", { family: "unix", path: "" }, ["/data"]), null);
});

test(`each distinct refusal is told once on stderr, ${MAX_NOTICES} at most, then one line says the rest are in --trace`, async () => {
  const ports = Array.from({ length: MAX_NOTICES + 3 }, (_, i) => String(9000 + i));
  const args = ["tcp-connect", "127.0.0.1", "9000", ...ports.flatMap((p) => ["tcp-connect", "127.0.0.1", p])];
  const r = await runSandboxed(await netops, args);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout.trim().split("\n").filter((l) => l.endsWith(": EACCES")).length, ports.length + 1, r.stdout);
  const lines = r.stderr.trim().split("\n");
  assert.equal(
    lines.slice(0, MAX_NOTICES).map((l) => NOTICE.exec(l)?.slice(1)),
    ports.slice(0, MAX_NOTICES).map((p) => ["tcp-connect", `127.0.0.1:${p}`, `--allow-connect=127.0.0.1:${p}`]),
    r.stderr,
  );
  assert.equal(lines.slice(MAX_NOTICES), ["sockbox: more refusals not shown (--trace shows each)"]);
});

test("with --trace the refusals are in the trace, not told again", async () => {
  const r = await runSandboxed(await netops, ["tcp-connect", "127.0.0.1", "9"], ["--trace"]);
  assert.match(r.stderr, "sandbox refused tcp-connect 127.0.0.1:9: no --allow-connect grant matches 127.0.0.1:9");
  assert.not.match(r.stderr, /^sockbox: sandbox refused/m);
});

for (const op of ["tcp-bind 127.0.0.1 0", "tcp-listen 127.0.0.1 0", "tcp-bind ::1 0", "tcp-connect 127.0.0.1 9", "udp-send 127.0.0.1 9", "unix-bind /data/s.sock"]) {
  test(`${op}: the option the notice suggests gets it past the sandbox`, async () => {
    const box = tempDir("sockbox-notice-");
    try {
      const dir = `--dir=${box}:/data`;
      const refused = await runSandboxed(await netops, op.split(" "), [dir]);
      assert.is(refused.stdout.trim(), `${op}: EACCES`);
      const grant = NOTICE.exec(refused.stderr.trim())?.[3];
      assert.ok(grant?.startsWith("--allow-"), `a grant in: ${refused.stderr}`);
      const granted = await runSandboxed(await netops, op.split(" "), [dir, grant!]);
      assert.is(granted.stderr, "", `with ${grant}`);
      // A connect to the discard port may find nothing listening: that is the network, not the sandbox.
      assert.match(granted.stdout.trim(), new RegExp(`^${op}: (OK|ECONNREFUSED)$`), `with ${grant}`);
    } finally {
      removeDir(box);
    }
  });
}

test.run();
