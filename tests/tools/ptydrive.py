#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Runs a command on a pseudo-terminal and answers its prompts, for testing interactive password entry.
# Usage: ptydrive.py --answer TEXT [--answer TEXT]... -- COMMAND [ARGS]...
# Each answer is typed when the program waits at a prompt (the output so far ends in "...assword...: ").
# Prints the terminal transcript and exits with the command's exit code (124 after --timeout seconds).
import argparse
import os
import pty
import re
import select
import signal
import sys
import time

PROMPT = re.compile(rb"assword[^\n]*: ?$")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--answer", action="append", default=[])
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command

    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    transcript = b""
    answers = list(args.answer)
    answered_at = -1
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                data = os.read(fd, 4096)
            except OSError:
                break
            if not data:
                break
            transcript += data
        # Answer each prompt once, and only while the program is sitting at it.
        if answers and len(transcript) != answered_at and PROMPT.search(transcript):
            answered_at = len(transcript)
            os.write(fd, answers.pop(0).encode() + b"\n")
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        sys.stdout.write(transcript.decode(errors="replace"))
        sys.exit(124)
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(transcript.decode(errors="replace"))
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
