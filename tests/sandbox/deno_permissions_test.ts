/**
 * The Deno permissions a guest's worker gets: exactly the granted host:port
 * list where Deno's syntax can say it, and every widening (port ranges over
 * 64 ports, IPv6 networks, `*`, unix directory grants, symlink-creating
 * modules) named in a note. Pure computation: runs on both runtimes.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mayCreateSymlinks, nameserversOf, permissionsFor } from "../../host/deno/permissions.ts";
import { type Grants, noGrants } from "../../runtime/policy/grant_policy.ts";
import { parseGrant } from "../../runtime/policy/grants.ts";
import { parseNet } from "../../runtime/policy/cidr.ts";

function grants(listen: string[], connect: string[], extra: Partial<Grants> = {}): Grants {
  return {
    ...noGrants(),
    listen: listen.map((t) => parseGrant("listen", t, `--allow-listen=${t}`)),
    connect: connect.map((t) => parseGrant("connect", t, `--allow-connect=${t}`)),
    ...extra,
  };
}

const DATA = [{ guest: "/data", hosts: ["box", "/real/box"] }];

test("no grants: no network, files only in the preopens, nothing else", () => {
  const { permissions, notes } = permissionsFor(noGrants(), DATA, []);
  assert.equal(permissions, {
    net: false,
    read: ["box", "/real/box"],
    write: ["box", "/real/box"],
    env: false,
    run: false,
    ffi: false,
    sys: false,
    import: false,
  });
  assert.equal(notes, []);
  assert.is(permissionsFor(noGrants(), [], []).permissions.read, false);
});

test("exact grants become exactly those host:port entries", () => {
  const { permissions, notes } = permissionsFor(grants(["127.0.0.1:8080", "[::1]:0"], ["10.0.0.0/8:443/tcp", "192.0.2.1:*/tcp"]), [], []);
  assert.equal(permissions.net, ["127.0.0.1:8080", "[::1]:0", "10.0.0.0/8:443", "192.0.2.1"]);
  assert.equal(notes, []);
});

test("a connect grant that covers UDP adds the implicit bind of the sending socket", () => {
  const { permissions } = permissionsFor(grants([], ["127.0.0.1:53/udp"]), [], []);
  assert.equal(permissions.net, ["127.0.0.1:53", "0.0.0.0:0", "[::]:0"]);
});

test("small port ranges are expanded, large ones widen to every port (noted)", () => {
  const small = permissionsFor(grants(["127.0.0.1:8000-8002"], []), [], []);
  assert.equal(small.permissions.net, ["127.0.0.1:8000", "127.0.0.1:8001", "127.0.0.1:8002"]);
  const large = permissionsFor(grants(["127.0.0.1:1000-2000"], []), [], []);
  assert.equal(large.permissions.net, ["127.0.0.1"]);
  assert.match(large.notes.join("\n"), "1001 ports are more than 64; Deno admits every port of those hosts");
});

test("names become their addresses; localhost is 127.0.0.0/8 and ::1", () => {
  const g = grants([], ["localhost:6379/tcp", "db.example:5432/tcp"]);
  const db = g.connect[1].host;
  if (db.type === "name") db.nets = [parseNet("192.0.2.7")!, parseNet("2001:db8::7")!];
  assert.equal(permissionsFor(g, [], []).permissions.net, [
    "127.0.0.0/8:6379",
    "[::1]:6379",
    "192.0.2.7:5432",
    "[2001:db8::7]:5432",
  ]);
});

test("what Deno cannot express widens to all network access, and says so", () => {
  const v6net = permissionsFor(grants([], ["[fd00::]/8:443/tcp"]), [], []);
  assert.is(v6net.permissions.net, true);
  assert.match(v6net.notes.join("\n"), "Deno cannot express the IPv6 part of [fd00::/8]:443/tcp");
  const any = permissionsFor(grants(["*:8080/tcp"], []), [], []);
  assert.is(any.permissions.net, true);
  assert.equal(permissionsFor(grants([], []), [], [], false).permissions.net, false);
});

test("unix grants: exact host paths under every spelling of the preopen; directory grants widen", () => {
  const exact = permissionsFor(grants([], [], { unix: [{ path: "/data/app.sock", source: "--allow-unix=/data/app.sock" }] }), DATA, []);
  assert.equal(exact.permissions.net, ["unix:/real/box/app.sock"], "relative host spellings are left out (Deno wants absolute)");
  const dir = permissionsFor(grants([], [], { unix: [{ path: "/data/run/", source: "--allow-unix=/data/run/" }] }), DATA, []);
  assert.is(dir.permissions.net, true);
  assert.match(dir.notes.join("\n"), "Deno admits unix sockets by exact path only");
});

test("--allow-dns reaches the system's name servers; --allow-net is everything", () => {
  const dns = permissionsFor(grants([], [], { dns: "--allow-dns" }), [], ["10.255.255.53", "fd00::53"]);
  assert.equal(dns.permissions.net, ["10.255.255.53:53", "[fd00::53]:53"]);
  assert.equal(nameserversOf("# comment\nnameserver 10.0.0.2\nsearch x\nnameserver fe80::1%eth0\n"), ["10.0.0.2", "fe80::1"]);
  assert.is(permissionsFor(grants([], [], { allowNet: "--allow-net" }), [], []).permissions.net, true);
});

test("a module that can create symbolic links gets unscoped files (Deno's rule), only when it has directories", () => {
  const links = new TextEncoder().encode("\0asm...wasi_snapshot_preview1\x0cpath_symlink...");
  assert.ok(mayCreateSymlinks(links));
  assert.not.ok(mayCreateSymlinks(new TextEncoder().encode("path_symlin path_open")));
  const p = permissionsFor(noGrants(), DATA, [], true);
  assert.is(p.permissions.read, true);
  assert.is(p.permissions.write, true);
  assert.match(p.notes.join("\n"), "imports path_symlink");
  assert.is(permissionsFor(noGrants(), [], [], true).permissions.read, false, "no directory, nothing to widen");
});

test.run();
