"""A loopback TCP port whose connections never complete, for connect timeouts.

usage: python3 blackhole.py

Listens on 127.0.0.1 with a backlog of 0 and never accepts; one connection of
its own fills the accept queue, after which Linux drops every new SYN, so a
connect() there waits in SYN_SENT. Prints "listening on port P", then holds
the port until its stdin closes.
"""
import socket
import sys

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.bind(("127.0.0.1", 0))
listener.listen(0)
port = listener.getsockname()[1]
fillers = []
for _ in range(2):  # backlog 0 holds one; a second makes sure the queue is full
    f = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    f.setblocking(False)
    f.connect_ex(("127.0.0.1", port))
    fillers.append(f)
print(f"listening on port {port}", flush=True)
sys.stdin.read()
