/**
 * aborts: reads the value of a failed Result, which must abort through
 * sockboxAbort (message on stderr, exit status 134) — never through an
 * `env.abort` import. Run by tests/assemblyscript/build_test.ts.
 */

import { Family, println, TcpStream } from "../sockbox";

println("before");
const s = TcpStream.open(Family.UNSPEC).value; // EAFNOSUPPORT: aborts here
println("after " + s.fd.toString());
