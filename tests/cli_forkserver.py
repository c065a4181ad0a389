"""A fork server for the `riskframe` command lines of the documentation test (tests/test_docs.py).

Importing riskframe (pandas, SQLAlchemy, pydantic) costs each `riskframe` process about 1.5 s of
CPU, and the documentation runs some forty of them. The server imports riskframe once; a tiny
client (`client_script`, standard library only) hands it the command's argv, environment, working
directory and its three standard streams, and the server runs `riskframe.cli.main()` in a fork,
so the command reads and writes the caller's streams and exits with its code as a process would.

Run as `python tests/cli_forkserver.py SOCKET`: prints `ready` once it listens.
"""

from __future__ import annotations

import importlib
import json
import os
import socket
import sys
import threading
import traceback

# Imported before forking so that no command pays for them; the commands import them lazily.
PRELOAD = ["riskframe.cli", "riskframe.store", "riskframe.accounts", "riskframe.demo", "riskframe.excel.export",
           "riskframe.excel.template", "riskframe.excel.importer", "riskframe.scoring", "openpyxl"]

CLIENT = '''#!{python} -IS
"""`riskframe` for the documentation test: the command runs in the fork server at {socket}."""
import json, os, socket, sys
conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
conn.connect({socket!r})
socket.send_fds(conn, [b"x"], [0, 1, 2])
conn.sendall(json.dumps({{"argv": sys.argv, "env": dict(os.environ), "cwd": os.getcwd()}}).encode())
conn.shutdown(socket.SHUT_WR)
reply = b""
while chunk := conn.recv(64):
    reply += chunk
sys.exit(int(reply or b"1"))
'''


def client_script(socket_path: str) -> str:
    return CLIENT.format(python=sys.executable, socket=socket_path)


def _run(request: dict, fds: list[int]) -> None:
    """In the fork: become the command (streams, directory, environment, argv) and exit with its code."""
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    code = 1
    try:
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.argv = ["riskframe", *request["argv"][1:]]
        from riskframe.cli import main

        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if exc.code is not None and not isinstance(exc.code, int):
            print(exc.code, file=sys.stderr)
    except BaseException:
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        os._exit(code)


def _serve_one(conn: socket.socket) -> None:
    with conn:
        _msg, fds, _flags, _addr = socket.recv_fds(conn, 1, 3)
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
        request = json.loads(data)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _run(request, fds)
        for fd in fds:
            os.close(fd)
        _, status = os.waitpid(pid, 0)
        conn.sendall(str(os.waitstatus_to_exitcode(status)).encode())


def serve(socket_path: str) -> None:
    for name in PRELOAD:
        importlib.import_module(name)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(socket_path)
    server.listen(16)
    print("ready", flush=True)
    while True:  # one thread per command: a pipeline runs two commands at once
        conn, _ = server.accept()
        threading.Thread(target=_serve_one, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    serve(sys.argv[1])
