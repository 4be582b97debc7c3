#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""A TCP proxy on loopback that misbehaves on purpose, for the S3 fault tests (tst_s3client, tst_s3download).

    faultproxy.py --target 127.0.0.1:PORT [--mode MODE] [--after N] [--times K] [--status S --code C]

Clients connect to the port printed as "listening <port>"; each connection is relayed to the target. The
first K connections (every one with --times -1; K requests in status mode) get the fault, after N bytes of
the server's answer have been passed on:
  pass     relay faithfully
  drop     reset the connection (RST, as a crashed peer or a middlebox does)
  cut      close the connection cleanly (FIN): a body cut short
  stall    stop relaying but keep the connection open (a hung server)
  corrupt  flip one byte, then relay the rest faithfully
  status   answer a request with HTTP status S and an S3 error body with code C (and, for 3xx, Region
           eu-west-1), without asking the target; then relay the following requests
Events go to stdout, one a line: "connection <n>", "fault <n> <mode>". The proxy ends when stdin closes.
"""
import argparse
import os
import selectors
import socket
import struct
import sys
import threading

REASONS = {301: 'Moved Permanently', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found',
           429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable'}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--target', required=True, help='host:port of the real server')
    parser.add_argument('--port', type=int, default=0)
    parser.add_argument('--mode', default='pass', choices=['pass', 'drop', 'cut', 'stall', 'corrupt', 'status'])
    parser.add_argument('--after', type=int, default=0, help="bytes of the server's answer passed before the fault")
    parser.add_argument('--times', type=int, default=-1, help='connections (requests in status mode) faulted; -1: all')
    parser.add_argument('--status', type=int, default=503)
    parser.add_argument('--code', default='SlowDown')
    args = parser.parse_args()
    host, _, port = args.target.rpartition(':')
    target = (host, int(port))

    lock = threading.Lock()
    state = {'faults_left': args.times, 'connections': 0}

    def log(line):
        with lock:
            sys.stdout.write(line + '\n')
            sys.stdout.flush()

    def take_fault():
        with lock:
            if state['faults_left'] == 0:
                return False
            if state['faults_left'] > 0:
                state['faults_left'] -= 1
            return True

    def canned(number):
        region = '<Region>eu-west-1</Region><Endpoint>s3.eu-west-1.amazonaws.com</Endpoint>' \
            if 300 <= args.status < 400 else ''
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>%s</Code><Message>fault %d of the '
                'fault proxy</Message>%s<RequestId>F%d</RequestId></Error>' % (args.code, number, region, number)).encode()
        head = 'HTTP/1.1 %d %s\r\nContent-Type: application/xml\r\nContent-Length: %d\r\nConnection: close\r\n' % (
            args.status, REASONS.get(args.status, 'Fault'), len(body))
        if args.status == 301:
            head += 'x-amz-bucket-region: eu-west-1\r\n'
        return head.encode() + b'\r\n' + body

    def handle(client, number):
        upstream = None
        try:
            log('connection %d' % number)
            if args.mode == 'status':
                head = b''
                while b'\r\n\r\n' not in head:
                    data = client.recv(65536)
                    if not data:
                        return
                    head += data
                if take_fault():
                    log('fault %d status' % number)
                    client.sendall(canned(number))
                    client.shutdown(socket.SHUT_RDWR)
                    return
                upstream = socket.create_connection(target)
                upstream.sendall(head)
                faulted = False
            else:
                upstream = socket.create_connection(target)
                faulted = args.mode != 'pass' and take_fault()
            # One thread per connection, both directions in one select loop: closing a socket then really
            # closes it (a recv blocked in another thread would hold it open and turn a reset into a stall).
            selector = selectors.DefaultSelector()
            selector.register(client, selectors.EVENT_READ, 'client')
            selector.register(upstream, selectors.EVENT_READ, 'upstream')
            passed = 0
            stalled = False
            while True:
                for key, _ in selector.select():
                    if key.data == 'client':
                        data = client.recv(65536)
                        if not data:
                            return  # the client went away
                        if not stalled:
                            upstream.sendall(data)
                        continue
                    data = upstream.recv(65536)
                    if not data:
                        client.shutdown(socket.SHUT_WR)
                        selector.unregister(upstream)
                        continue
                    if faulted and passed + len(data) > args.after:
                        keep = max(0, args.after - passed)
                        if args.mode == 'corrupt':
                            data = bytearray(data)
                            data[keep] ^= 0xFF
                            data = bytes(data)
                            log('fault %d corrupt' % number)
                            faulted = False
                        else:
                            if keep:
                                client.sendall(data[:keep])
                            log('fault %d %s' % (number, args.mode))
                            if args.mode == 'drop':
                                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
                                return
                            if args.mode == 'cut':
                                client.shutdown(socket.SHUT_RDWR)
                                return
                            # stall: nothing more from the server; wait for the client to give up
                            stalled = True
                            faulted = False
                            selector.unregister(upstream)
                            continue
                    client.sendall(data)
                    passed += len(data)
        except OSError:
            pass
        finally:
            client.close()
            if upstream is not None:
                upstream.close()

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(('127.0.0.1', args.port))
    listener.listen(128)
    log('listening %d' % listener.getsockname()[1])

    def watch_stdin():
        sys.stdin.buffer.read()
        os._exit(0)

    threading.Thread(target=watch_stdin, daemon=True).start()
    while True:
        client, _ = listener.accept()
        with lock:
            state['connections'] += 1
            number = state['connections']
        threading.Thread(target=handle, args=(client, number), daemon=True).start()


if __name__ == '__main__':
    main()
