"""Runs a command with a terminal as its stdin, for the readiness tests.

usage: python3 pty_stdin.py COMMAND [ARG...]

What this script reads from its own stdin is typed into the terminal (in
canonical mode: the command reads it line by line); at this script's EOF it
types Ctrl-D, the terminal's end of file. The command's stdout and stderr are
this script's. The exit status is the command's.
"""
import os
import pty
import subprocess
import sys
import termios
import threading

EOF_CHAR = b"\x04"


def main():
    master, slave = pty.openpty()
    attrs = termios.tcgetattr(slave)
    attrs[3] &= ~termios.ECHO  # no echo: nothing needs to read it back
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    child = subprocess.Popen(sys.argv[1:], stdin=slave)
    os.close(slave)

    def drain():
        try:
            while os.read(master, 4096):
                pass
        except OSError:
            pass

    threading.Thread(target=drain, daemon=True).start()
    while True:
        data = os.read(0, 4096)
        if not data:
            break
        os.write(master, data)
    os.write(master, EOF_CHAR)
    sys.exit(child.wait())


main()
