/**
 * The grant grammar and matching, in-process: every grant form admits what it
 * names and refuses its neighbours (next port, next address, other family,
 * other protocol), IPv4-mapped IPv6 addresses are matched as IPv4, wildcard
 * and ephemeral binds need grants that name them, and every refusal says why.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { formatNet, parseIp, parseNet } from "../../runtime/policy/cidr.ts";
import { type Grants, GrantPolicy, noGrants } from "../../runtime/policy/grant_policy.ts";
import { formatGrant, GrantError, parseGrant } from "../../runtime/policy/grants.ts";
import type { NetUse } from "../../runtime/policy.ts";
import type { SocketAddress } from "../../runtime/sockaddr.ts";

function policy(g: Partial<Grants> & { listenText?: string[]; connectText?: string[] }): GrantPolicy {
  const grants = { ...noGrants(), ...g };
  grants.listen = [...grants.listen, ...(g.listenText ?? []).map((t) => parseGrant("listen", t, `--allow-listen=${t}`))];
  grants.connect = [...grants.connect, ...(g.connectText ?? []).map((t) => parseGrant("connect", t, `--allow-connect=${t}`))];
  return new GrantPolicy(grants);
}

function inet(address: string, port: number): SocketAddress {
  return { family: address.includes(":") ? "ipv6" : "ipv4", address, port };
}

function admits(p: GrantPolicy, use: NetUse, address: string, port: number): boolean {
  return p.check(use, inet(address, port)).allowed;
}

test("grant forms parse to their canonical text", () => {
  const cases: [string, string][] = [
    ["127.0.0.1:8080", "127.0.0.1:8080"],
    ["127.0.0.1:8000-8010", "127.0.0.1:8000-8010"],
    ["127.0.0.1:*", "127.0.0.1:*"],
    ["127.0.0.1:0-65535", "127.0.0.1:*"],
    ["10.0.0.0/8:443", "10.0.0.0/8:443"],
    ["[::1]:8080", "[::1]:8080"],
    ["[fd00::]/8:443", "[fd00::/8]:443"],
    ["[fd00::/8]:443", "[fd00::/8]:443"],
    ["[::ffff:127.0.0.1]:80", "127.0.0.1:80"],
    ["[::ffff:10.0.0.0]/104:80", "10.0.0.0/8:80"],
    ["localhost:6379", "localhost:6379"],
    ["LocalHost.:6379", "localhost:6379"],
    ["example.com:443/tcp", "example.com:443/tcp"],
    ["*:53/UDP", "*:53/udp"],
    ["*:*", "*:*"],
  ];
  for (const [text, canonical] of cases) assert.is(formatGrant(parseGrant("connect", text, text)), canonical, text);
});

test("bad grants are refused with a message that says what to write", () => {
  const cases: [string, RegExp][] = [
    ["127.0.0.1", /needs a port: 127\.0\.0\.1:PORT/],
    ["[::1]", /needs a port/],
    ["::1:80", /IPv6 addresses need brackets.*\[::1\]:80/],
    ["127.0.0.1:70000", /out of range/],
    ["127.0.0.1:90-80", /empty port range/],
    ["127.0.0.1:http", /bad port 'http'/],
    ["127.0.0.1:", /bad port ''/],
    [":80", /no host: use \*:80/],
    ["10.1.2.3/8:80", /did you mean 10\.0\.0\.0\/8/],
    ["10.0.0.0/33:80", /bad prefix length/],
    ["[fd00::1]/8:80", /did you mean fd00::\/8/],
    ["1.2.3:80", /bad IPv4 address/],
    ["[zz::1]:80", /bad IPv6 address/],
    ["bad_host!:80", /neither an address, a network nor a host name/],
    ["[fe80::1%eth0]:80", /bad IPv6 address/],
  ];
  for (const [text, why] of cases) {
    assert.throws(() => parseGrant("listen", text, text), (e: Error) => e instanceof GrantError && why.test(e.message), text);
  }
});

test("host:port admits exactly that address and port", () => {
  const p = policy({ connectText: ["127.0.0.1:8080"] });
  assert.ok(admits(p, "tcp-connect", "127.0.0.1", 8080));
  assert.not.ok(admits(p, "tcp-connect", "127.0.0.1", 8081), "next port");
  assert.not.ok(admits(p, "tcp-connect", "127.0.0.1", 8079), "previous port");
  assert.not.ok(admits(p, "tcp-connect", "127.0.0.2", 8080), "next address");
  assert.not.ok(admits(p, "tcp-connect", "::1", 8080), "other family");
  assert.not.ok(admits(p, "tcp-bind", "127.0.0.1", 8080), "a connect grant does not admit a bind");
  assert.ok(admits(p, "tcp-connect", "::ffff:127.0.0.1", 8080), "mapped IPv4 is the same address");
  assert.ok(admits(p, "udp-send", "127.0.0.1", 8080), "no suffix: UDP too");
});

test("host:lo-hi admits the range and refuses its edges' neighbours", () => {
  const p = policy({ listenText: ["127.0.0.1:8000-8010"] });
  for (const port of [8000, 8005, 8010]) assert.ok(admits(p, "tcp-bind", "127.0.0.1", port), `${port}`);
  assert.not.ok(admits(p, "tcp-bind", "127.0.0.1", 7999));
  assert.not.ok(admits(p, "tcp-bind", "127.0.0.1", 8011));
  assert.not.ok(admits(p, "tcp-bind", "127.0.0.1", 0), "port 0 is not in 8000-8010");
});

test("host:* admits every port of that address, port 0 included", () => {
  const p = policy({ listenText: ["127.0.0.1:*"] });
  for (const port of [0, 1, 80, 65535]) assert.ok(admits(p, "tcp-bind", "127.0.0.1", port), `${port}`);
  assert.not.ok(admits(p, "tcp-bind", "127.0.0.2", 80));
  assert.not.ok(admits(p, "tcp-bind", "0.0.0.0", 80), "the wildcard address is another address");
});

test("an ephemeral bind (port 0) needs port * or a range including 0", () => {
  assert.not.ok(admits(policy({ listenText: ["127.0.0.1:8080"] }), "tcp-bind", "127.0.0.1", 0));
  assert.ok(admits(policy({ listenText: ["127.0.0.1:0"] }), "tcp-bind", "127.0.0.1", 0));
  assert.ok(admits(policy({ listenText: ["127.0.0.1:0-1023"] }), "udp-bind", "127.0.0.1", 0));
  const d = policy({ listenText: ["127.0.0.1:8080"] }).check("tcp-bind", inet("127.0.0.1", 0));
  assert.match(d.rule, "no --allow-listen grant matches 127.0.0.1:0");
  assert.match(d.rule, "ephemeral bind (port 0) needs a grant with port * or a range including 0");
});

test("wildcard binds (0.0.0.0, ::) need a grant that names them or *", () => {
  const loop = policy({ listenText: ["127.0.0.1:8080", "[::1]:8080"] });
  assert.not.ok(admits(loop, "tcp-bind", "0.0.0.0", 8080));
  assert.not.ok(admits(loop, "tcp-bind", "::", 8080));
  assert.match(loop.check("tcp-bind", inet("0.0.0.0", 8080)).rule, "wildcard bind needs a grant that names it");
  const named = policy({ listenText: ["0.0.0.0:8080"] });
  assert.ok(admits(named, "tcp-bind", "0.0.0.0", 8080));
  assert.not.ok(admits(named, "tcp-bind", "::", 8080), "0.0.0.0 does not name ::");
  assert.ok(admits(policy({ listenText: ["[::]:8080"] }), "tcp-bind", "::", 8080));
  const any = policy({ listenText: ["*:8080"] });
  for (const a of ["0.0.0.0", "::", "127.0.0.1", "::1", "192.0.2.7"]) assert.ok(admits(any, "tcp-bind", a, 8080), a);
  assert.not.ok(admits(any, "tcp-bind", "0.0.0.0", 8081));
});

test("IPv4 networks admit their addresses and refuse the next one out", () => {
  const p = policy({ connectText: ["10.0.0.0/8:443"] });
  for (const a of ["10.0.0.0", "10.1.2.3", "10.255.255.255", "::ffff:10.9.9.9"]) assert.ok(admits(p, "tcp-connect", a, 443), a);
  for (const a of ["11.0.0.0", "9.255.255.255", "::a00:1", "64:ff9b::a00:1"]) assert.not.ok(admits(p, "tcp-connect", a, 443), a);
  assert.not.ok(admits(p, "tcp-connect", "10.0.0.1", 444));
  const odd = policy({ connectText: ["192.168.4.0/22:80"] });
  assert.ok(admits(odd, "tcp-connect", "192.168.7.255", 80));
  assert.not.ok(admits(odd, "tcp-connect", "192.168.8.0", 80));
  assert.not.ok(admits(odd, "tcp-connect", "192.168.3.255", 80));
});

test("IPv6 addresses and networks admit their addresses only", () => {
  const one = policy({ connectText: ["[::1]:8080"] });
  assert.ok(admits(one, "tcp-connect", "::1", 8080));
  assert.ok(admits(one, "tcp-connect", "0:0:0:0:0:0:0:1", 8080), "any spelling of ::1");
  assert.not.ok(admits(one, "tcp-connect", "::2", 8080));
  assert.not.ok(admits(one, "tcp-connect", "127.0.0.1", 8080), "other family");
  assert.not.ok(admits(one, "tcp-connect", "::1", 8081));
  const net = policy({ connectText: ["[fd00::]/8:443"] });
  assert.ok(admits(net, "tcp-connect", "fd12:3456::1", 443));
  assert.ok(admits(net, "tcp-connect", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 443));
  assert.not.ok(admits(net, "tcp-connect", "fe00::", 443));
  assert.not.ok(admits(net, "tcp-connect", "fc00::", 443));
});

test("a mapped IPv4 target cannot slip past an IPv4 grant, nor an IPv6 grant admit it", () => {
  const v4 = policy({ connectText: ["127.0.0.1:80"] });
  assert.ok(admits(v4, "tcp-connect", "::ffff:127.0.0.1", 80));
  assert.not.ok(admits(v4, "tcp-connect", "::ffff:127.0.0.2", 80));
  assert.not.ok(admits(v4, "tcp-connect", "::ffff:127.0.0.1", 81));
  const v6 = policy({ connectText: ["[::]/0:80"] });
  assert.not.ok(admits(v6, "tcp-connect", "::ffff:10.0.0.1", 80), "::/0 is IPv6 only; mapped IPv4 is IPv4");
  assert.not.ok(admits(v6, "tcp-connect", "10.0.0.1", 80));
  const refused = v4.check("tcp-connect", inet("::ffff:127.0.0.2", 80));
  assert.match(refused.rule, "no --allow-connect grant matches 127.0.0.2:80");
});

test("names: localhost is 127.0.0.0/8 and ::1 without a lookup", () => {
  const p = policy({ connectText: ["localhost:6379"] });
  for (const a of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"]) assert.ok(admits(p, "tcp-connect", a, 6379), a);
  assert.not.ok(admits(p, "tcp-connect", "128.0.0.1", 6379));
  assert.not.ok(admits(p, "tcp-connect", "::2", 6379));
  assert.not.ok(admits(p, "tcp-connect", "127.0.0.1", 6380));
  assert.ok(p.check("name-lookup", "localhost").allowed, "a grant naming a host admits looking it up");
  assert.ok(p.check("name-lookup", "LOCALHOST.").allowed);
  assert.not.ok(p.check("name-lookup", "example.com").allowed);
});

test("names: other names match the addresses pinned for them", () => {
  const g = parseGrant("connect", "example.com:443", "--allow-connect=example.com:443");
  assert.equal(g.host.type === "name" && g.host.nets, [], "nothing until resolved");
  if (g.host.type === "name") g.host.nets = [parseNet("192.0.2.10")!, parseNet("2001:db8::10")!];
  const p = new GrantPolicy({ ...noGrants(), connect: [g] });
  assert.ok(admits(p, "tcp-connect", "192.0.2.10", 443));
  assert.ok(admits(p, "tcp-connect", "2001:db8::10", 443));
  assert.not.ok(admits(p, "tcp-connect", "192.0.2.11", 443));
  assert.not.ok(admits(p, "tcp-connect", "192.0.2.10", 80));
  assert.is(p.check("name-lookup", "Example.COM").rule, "--allow-connect=example.com:443");
});

test("/tcp and /udp limit a grant to one protocol", () => {
  const p = policy({ connectText: ["127.0.0.1:53/udp"], listenText: ["127.0.0.1:8080/tcp"] });
  assert.ok(admits(p, "udp-send", "127.0.0.1", 53));
  assert.ok(admits(p, "udp-connect", "127.0.0.1", 53));
  assert.not.ok(admits(p, "tcp-connect", "127.0.0.1", 53));
  assert.ok(admits(p, "tcp-bind", "127.0.0.1", 8080));
  assert.not.ok(admits(p, "udp-bind", "127.0.0.1", 8080));
  assert.match(p.check("tcp-connect", inet("127.0.0.1", 53)).rule, "no --allow-connect grant matches 127.0.0.1:53");
  assert.match(p.check("udp-bind", inet("127.0.0.1", 8080)).rule, "(udp)");
});

test("nothing is admitted without a grant, and each refusal says what is missing", () => {
  const p = policy({});
  const uses: [NetUse, SocketAddress | string, RegExp][] = [
    ["tcp-bind", inet("127.0.0.1", 8080), /no --allow-listen grant matches 127\.0\.0\.1:8080/],
    ["udp-bind", inet("::1", 53), /no --allow-listen grant matches \[::1\]:53 \(udp\)/],
    ["tcp-connect", inet("127.0.0.1", 8081), /no --allow-connect grant matches 127\.0\.0\.1:8081/],
    ["udp-connect", inet("127.0.0.1", 53), /no --allow-connect grant/],
    ["udp-send", inet("127.0.0.1", 53), /no --allow-connect grant/],
    ["unix-bind", { family: "unix", path: "/data/s" }, /no --allow-unix grant matches \/data\/s/],
    ["unix-connect", { family: "unix", path: "/data/s" }, /no --allow-unix grant/],
    ["name-lookup", "example.com", /looking up 'example\.com' needs --allow-dns/],
  ];
  for (const [use, target, why] of uses) {
    const d = p.check(use, target);
    assert.is(d.allowed, false, use);
    assert.match(d.rule, why, use);
  }
});

test("admissions name the grant that admitted", () => {
  const p = policy({ connectText: ["10.0.0.0/8:443", "127.0.0.1:*"] });
  assert.equal(p.check("tcp-connect", inet("10.2.3.4", 443)), { allowed: true, rule: "--allow-connect=10.0.0.0/8:443" });
  assert.equal(p.check("tcp-connect", inet("127.0.0.1", 9)), { allowed: true, rule: "--allow-connect=127.0.0.1:*" });
  assert.equal(policy({ allowNet: "--allow-net" }).check("udp-bind", inet("0.0.0.0", 0)), { allowed: true, rule: "--allow-net" });
  assert.equal(policy({ dns: "--allow-dns" }).check("name-lookup", "example.com"), { allowed: true, rule: "--allow-dns" });
  assert.not.ok(policy({ dns: "--allow-dns" }).check("tcp-connect", inet("127.0.0.1", 80)).allowed, "dns is not connect");
});

test("unix grants: exact paths, directories ending in /, normalized paths", () => {
  const p = policy({
    unix: [{ path: "/data/app.sock", source: "--allow-unix=/data/app.sock" }, { path: "/run/", source: "--allow-unix=/run/" }],
  });
  const ok = (path: string) => p.check("unix-connect", { family: "unix", path }).allowed;
  assert.ok(ok("/data/app.sock"));
  assert.ok(ok("/data//./app.sock"));
  assert.ok(ok("/data/x/../app.sock"));
  assert.not.ok(ok("/data/app.sock2"));
  assert.not.ok(ok("/data/app"));
  assert.not.ok(ok("/data"));
  assert.ok(ok("/run/a.sock"));
  assert.ok(ok("/run/deep/b.sock"));
  assert.not.ok(ok("/runner/a.sock"));
  assert.not.ok(ok("/run/../etc/x"));
  assert.not.ok(ok(""), "unnamed sockets");
  assert.not.ok(p.check("tcp-connect", { family: "unix", path: "/data/app.sock" }).allowed);
});

test("CIDR helpers: folding and formatting", () => {
  assert.equal(parseIp("::ffff:1.2.3.4"), { family: "ipv4", bytes: new Uint8Array([1, 2, 3, 4]) });
  assert.is(parseIp("[::1]")!.family, "ipv6");
  assert.is(parseIp("example.com"), null);
  assert.is(formatNet(parseNet("10.0.0.0/8")!), "10.0.0.0/8");
  assert.is(formatNet(parseNet("[2001:db8::]/32")!), "2001:db8::/32");
  assert.is(formatNet(parseNet("::ffff:0:0/96")!), "0.0.0.0/0");
});

test.run();
