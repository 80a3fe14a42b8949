/**
 * sockbox for AssemblyScript: sockets over the same host imports the C layer
 * uses (`wasix_32v1` and `wasi_snapshot_preview1`). Import everything from here:
 *
 *   import { TcpListener, SocketAddr, println } from "../sockbox";
 *
 * Build with `asc --runtime incremental --exportStart _start
 * --use abort=sockbox/abort/sockboxAbort` (guest/assemblyscript/build.sh does).
 *
 * @module
 */

export { Family, Shutdown, SockOption, SockType } from "./abi";
export { SocketAddr } from "./addr";
export { Errno, errnoName, strerror } from "./errno";
export { check, exit, EXIT_FAILURE, EXIT_SUCCESS, fail } from "./exit";
export { args, eprintln, monotonicMs, print, println, readStdin, writeFd, writeStdout } from "./io";
export { poll, PollEvents, PollFd, sleepMs } from "./poll";
export { err, ok, Result } from "./result";
export { Received, Socket } from "./socket";
export { DEFAULT_BACKLOG, TcpListener, TcpStream } from "./tcp";
export { UdpSocket } from "./udp";
export { resolveHost } from "./resolve";
import "./abort";
