#!/usr/bin/python3
# Test tool: writes the unusual and hostile ZIP layouts the archive tests need, with Python's zipfile where
# a real writer makes them, by hand only where none does.
# SPDX-License-Identifier: MIT
"""Subcommands (entries are NAME=FILE pairs, written in the order given):

zip       Python's zipfile (deflate). Any names, duplicates included (zipfile warns and writes them).
          --stream writes through a non-seekable file, as to a pipe: every entry then has a data
          descriptor (flag 0x0008), the layout of zip files streamed by zipfile, Java and Go.
overlap   The real entries, then N entries that all share one deflate kernel: each entry's data starts
          with a stored block quoting the next entry's local header, so entry 0 contains every later
          header and the kernel (David Fifield's "better zip bomb", 2019; unzip 6.0 refuses it as
          "overlapped components"). Every local header agrees with its central header.
reorder   Copies an archive with its central directory records in reverse order: the entries'
          data stays where it is, only the directory lists it differently.
grow      Copies an archive with one entry's compressed size raised in its local and central header,
          so that its data runs into what follows (the next entry or the central directory).
"""

import argparse
import io
import struct
import sys
import warnings
import zipfile
import zlib

LOCAL = 0x04034b50
CENTRAL = 0x02014b50
EOCD = 0x06054b50


def parse_entries(pairs):
    entries = []
    for pair in pairs:
        name, sep, path = pair.partition('=')
        if not sep:
            raise SystemExit('entries are NAME=FILE, not %r' % pair)
        with open(path, 'rb') as f:
            entries.append((name, f.read()))
    return entries


class _Unseekable(io.RawIOBase):
    def __init__(self, raw):
        self._raw = raw

    def writable(self):
        return True

    def write(self, data):
        return self._raw.write(data)


def write_zip(output, entries, stream):
    with open(output, 'wb') as raw:
        target = _Unseekable(raw) if stream else raw
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')  # "Duplicate name": intended here
            with zipfile.ZipFile(target, 'w', zipfile.ZIP_DEFLATED) as archive:
                for name, data in entries:
                    if stream:
                        with archive.open(name, 'w') as w:
                            w.write(data)
                    else:
                        archive.writestr(name, data)


def _local_header(name, crc, compressed, size):
    return struct.pack('<IHHHHHIIIHH', LOCAL, 20, 0, 8, 0, 0, crc, compressed, size, len(name), 0) + name


def _central_header(name, crc, compressed, size, offset):
    return struct.pack('<IHHHHHHIIIHHHHHII', CENTRAL, 0x031e, 20, 0, 8, 0, 0, crc, compressed, size,
                       len(name), 0, 0, 0, 0, 0o100644 << 16, offset) + name


def _deflate(data):
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    return co.compress(data) + co.flush()


def write_overlap(output, entries, count, kernel_size):
    kernel_data = bytes(kernel_size)
    kernel = _deflate(kernel_data)
    names = [('junk/%04d.bin' % i).encode() for i in range(count)]
    # Built from the last entry backwards: entry i holds entry i+1's header, then all of entry i+1.
    headers = [None] * count
    sizes = [0] * count
    compressed = [0] * count
    crcs = [0] * count
    sizes[-1], compressed[-1], crcs[-1] = kernel_size, len(kernel), zlib.crc32(kernel_data)
    headers[-1] = _local_header(names[-1], crcs[-1], compressed[-1], sizes[-1])
    for i in range(count - 2, -1, -1):
        quoted = headers[i + 1]
        sizes[i] = len(quoted) + sizes[i + 1]
        compressed[i] = 5 + len(quoted) + compressed[i + 1]
        prefix = b''.join(headers[i + 1:])
        crcs[i] = zlib.crc32(kernel_data, zlib.crc32(prefix))
        headers[i] = _local_header(names[i], crcs[i], compressed[i], sizes[i])
    body = bytearray()
    central = bytearray()
    for name, data in entries:
        packed = _deflate(data)
        offset = len(body)
        raw_name = name.encode()
        body += _local_header(raw_name, zlib.crc32(data), len(packed), len(data)) + packed
        central += _central_header(raw_name, zlib.crc32(data), len(packed), len(data), offset)
    for i in range(count):
        offset = len(body)
        body += headers[i]
        if i < count - 1:
            # A stored, non-final deflate block holding the next local header verbatim.
            body += struct.pack('<BHH', 0, len(headers[i + 1]), len(headers[i + 1]) ^ 0xffff)
        central += _central_header(names[i], crcs[i], compressed[i], sizes[i], offset)
    body += kernel
    directory_offset = len(body)
    total = len(entries) + count
    body += central
    body += struct.pack('<IHHHHIIH', EOCD, 0, 0, total, total, len(central), directory_offset, 0)
    with open(output, 'wb') as f:
        f.write(body)


def _directory(data):
    eocd = data.rfind(struct.pack('<I', EOCD))
    count, size, offset = struct.unpack('<HII', data[eocd + 10:eocd + 20])
    records = []
    at = offset
    for _ in range(count):
        name_length, extra_length, comment_length = struct.unpack('<HHH', data[at + 28:at + 34])
        end = at + 46 + name_length + extra_length + comment_length
        records.append((at, end))
        at = end
    return eocd, offset, records


def reorder(source, output):
    with open(source, 'rb') as f:
        data = f.read()
    _, offset, records = _directory(data)
    directory = b''.join(data[start:end] for start, end in reversed(records))
    with open(output, 'wb') as f:
        f.write(data[:offset] + directory + data[offset + len(directory):])


def grow(source, output, name, by):
    data = bytearray(open(source, 'rb').read())
    _, _, records = _directory(data)
    for start, _ in records:
        name_length = struct.unpack('<H', data[start + 28:start + 30])[0]
        if bytes(data[start + 46:start + 46 + name_length]) != name.encode():
            continue
        local = struct.unpack('<I', data[start + 42:start + 46])[0]
        for field in (start + 20, local + 18):
            value = struct.unpack('<I', data[field:field + 4])[0]
            data[field:field + 4] = struct.pack('<I', value + by)
        with open(output, 'wb') as f:
            f.write(data)
        return
    raise SystemExit('no entry %s' % name)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest='command', required=True)
    z = sub.add_parser('zip')
    z.add_argument('--output', required=True)
    z.add_argument('--stream', action='store_true')
    z.add_argument('entries', nargs='*')
    o = sub.add_parser('overlap')
    o.add_argument('--output', required=True)
    o.add_argument('--count', type=int, default=20)
    o.add_argument('--kernel-size', type=int, default=1 << 20)
    o.add_argument('entries', nargs='*')
    r = sub.add_parser('reorder')
    r.add_argument('--input', required=True)
    r.add_argument('--output', required=True)
    g = sub.add_parser('grow')
    g.add_argument('--input', required=True)
    g.add_argument('--output', required=True)
    g.add_argument('--name', required=True)
    g.add_argument('--by', type=int, required=True)
    args = parser.parse_args()
    if args.command == 'zip':
        write_zip(args.output, parse_entries(args.entries), args.stream)
    elif args.command == 'overlap':
        write_overlap(args.output, parse_entries(args.entries), args.count, args.kernel_size)
    elif args.command == 'reorder':
        reorder(args.input, args.output)
    else:
        grow(args.input, args.output, args.name, args.by)
    return 0


if __name__ == '__main__':
    sys.exit(main())
