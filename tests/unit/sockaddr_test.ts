import { test } from "uvu";
import * as assert from "uvu/assert";
import { canonicalIp, formatIpv6, parseIpv4, parseIpv6 } from "../../runtime/sockaddr.ts";

test("IPv4 text round-trips and rejects junk", () => {
  assert.equal([...parseIpv4("127.0.0.1")!], [127, 0, 0, 1]);
  assert.is(parseIpv4("256.0.0.1"), null);
  assert.is(parseIpv4("1.2.3"), null);
  assert.is(parseIpv4("1.2.3.4.5"), null);
});

test("IPv6 is formatted per RFC 5952", () => {
  assert.is(formatIpv6(parseIpv6("::1")!), "::1");
  assert.is(formatIpv6(parseIpv6("::")!), "::");
  assert.is(formatIpv6(parseIpv6("2001:db8:0:0:1:0:0:1")!), "2001:db8::1:0:0:1");
  assert.is(formatIpv6(parseIpv6("::ffff:127.0.0.1")!), "::ffff:127.0.0.1");
  assert.is(formatIpv6(parseIpv6("fe80::1%2")!), "fe80::1");
  assert.is(parseIpv6("1::2::3"), null);
  assert.is(parseIpv6("12345::"), null);
  assert.is(parseIpv6("1:2:3:4:5:6:7:8:9"), null);
});

test("canonicalIp tells the family", () => {
  assert.equal(canonicalIp("[::1]"), { family: "ipv6", address: "::1" });
  assert.equal(canonicalIp("10.0.0.1"), { family: "ipv4", address: "10.0.0.1" });
  assert.is(canonicalIp("localhost"), null);
});

test.run();
