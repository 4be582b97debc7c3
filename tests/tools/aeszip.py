#!/usr/bin/python3
# Test tool: writes WinZip-AES ZIP archives laid out as pyzipper 0.3.6 writes them and reads them by its rules.
# SPDX-License-Identifier: MIT
"""Re-creates the archives DataHub writes with
``pyzipper.AESZipFile(compression=ZIP_LZMA, encryption=WZ_AES)`` (pyzipper 0.3.6),
because pyzipper itself is not installable here, and reads archives the way
pyzipper 0.3.6 does, so tests can check that archives written by Tapedeck would
be accepted by it.

Layout of one encrypted entry as pyzipper 0.3.6 writes it with ``writestr``
(pyzipper/zipfile_aes.py, pyzipper/zipfile.py):

* local and central header: method 99, general purpose flags 0x0001
  (encrypted) | 0x0002 for LZMA (stream ends with an end-of-stream marker)
  | 0x0800 when the name is not ASCII; never a data descriptor (0x0008),
  because the output file is seekable and the local header is rewritten;
* version needed = version made by = 63 for LZMA, 46 for bzip2, 20 otherwise;
  made by Unix (3); external attributes 0o600 << 16 (``writestr``);
* extra field 0x9901, 7 bytes: u16 vendor version, "AE", u8 strength
  (1/2/3 = AES-128/192/256), u16 real compression method; the same field is in
  the local and the central header;
* CRC-32 of the plain data for AE-1, 0 for AE-2. pyzipper 0.3.6 always writes
  AE-1: its test ``file_size < 20 | compress_type == ZIP_BZIP2`` parses as the
  chained comparison ``file_size < (20 | compress_type) == 12``, never true;
* data = salt (8/12/16 bytes) + 2-byte password verifier + AES-CTR ciphertext
  of the compressed data + first 10 bytes of HMAC-SHA1 over the ciphertext;
  the compressed size in both headers counts all of it.
"""

import argparse
import bz2
import hashlib
import hmac
import lzma
import os
import struct
import sys
import time
import zipfile
import zlib

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

METHODS = {'store': 0, 'deflate': 8, 'bzip2': 12, 'lzma': 14}
METHOD_NAMES = {number: name for name, number in METHODS.items()}
METHOD_AES = 99

EXTRA_AES = 0x9901
AES_VENDOR_ID = b'AE'
SALT_LENGTH = {1: 8, 2: 12, 3: 16}
KEY_LENGTH = {1: 16, 2: 24, 3: 32}
VERIFIER_LENGTH = 2
HMAC_LENGTH = 10
PBKDF2_ROUNDS = 1000

FLAG_ENCRYPTED = 0x0001
FLAG_LZMA_EOS = 0x0002
FLAG_PATCH_DATA = 0x0020
FLAG_STRONG_ENCRYPTION = 0x0040
FLAG_UTF8 = 0x0800

# "Version needed to extract" as pyzipper's ZipInfo.FileHeader sets it.
VERSION_DEFAULT = 20
VERSION_BZIP2 = 46
VERSION_LZMA = 63
CREATE_SYSTEM_UNIX = 3
ZIP64_LIMIT = (1 << 31) - 1

MODE_FILE = 0o600 << 16                 # what writestr gives a file
MODE_DIRECTORY = (0o40775 << 16) | 0x10  # writestr, name ending in '/'
MODE_SYMLINK = 0o120777 << 16

# The LZMA SDK version pyzipper (like Python's zipfile) puts before the
# properties; readers ignore it.
LZMA_SDK_VERSION = (9, 4)

LOCAL_HEADER = struct.Struct('<4s2B4HL2L2H')
CENTRAL_HEADER = struct.Struct('<4s4B4HL2L5H2L')
END_RECORD = struct.Struct('<4s4H2LH')
AES_EXTRA = struct.Struct('<HHH2sBH')


class AesZipError(Exception):
    """An archive that pyzipper 0.3.6 would not read."""


class WrongPassword(AesZipError):
    """Missing password, or the password verifier does not match."""


class BadHmac(AesZipError):
    """The HMAC-SHA1 over the ciphertext does not match."""


class BadCrc(AesZipError):
    """The CRC-32 of the extracted data does not match the header."""


class Unsupported(AesZipError):
    """A method, strength, flag or version that pyzipper cannot read."""


class BadArchive(AesZipError):
    """A damaged, truncated or inconsistent archive."""


def _password_bytes(password):
    if password is None or isinstance(password, bytes):
        return password
    return password.encode('utf-8')


def _derive_keys(password, salt, strength):
    """PBKDF2-HMAC-SHA1, 1000 rounds: AES key, HMAC key, 2-byte verifier."""
    key_length = KEY_LENGTH[strength]
    material = hashlib.pbkdf2_hmac('sha1', password, salt, PBKDF2_ROUNDS,
                                   2 * key_length + VERIFIER_LENGTH)
    return (material[:key_length], material[key_length:2 * key_length],
            material[2 * key_length:])


def _winzip_ctr(key, data):
    """AES-CTR as WinZip defines it: a 128-bit little-endian counter that
    starts at 1 (the cryptography package's CTR counts big-endian, so the
    keystream is built from ECB-encrypted counter blocks)."""
    blocks = (len(data) + 15) // 16
    counters = b''.join(i.to_bytes(16, 'little') for i in range(1, blocks + 1))
    encryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    keystream = encryptor.update(counters) + encryptor.finalize()
    size = len(data)
    mixed = int.from_bytes(data, 'little') ^ int.from_bytes(keystream[:size], 'little')
    return mixed.to_bytes(size, 'little')


def _mac(key, ciphertext):
    return hmac.new(key, ciphertext, hashlib.sha1).digest()[:HMAC_LENGTH]


def _compress(method, data):
    """Compressed data as pyzipper's (and Python's zipfile's) compressors
    produce it with their default settings."""
    if method == METHODS['store']:
        return data
    if method == METHODS['deflate']:
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        return compressor.compress(data) + compressor.flush()
    if method == METHODS['bzip2']:
        return bz2.compress(data)
    # LZMA (method 14): u8 major, u8 minor SDK version, u16 properties size,
    # the 5 LZMA1 property bytes of liblzma's default preset, then a raw LZMA1
    # stream, which liblzma always ends with an end-of-stream marker. The
    # private lzma helpers are the ones Python's zipfile and pyzipper call.
    properties = lzma._encode_filter_properties({'id': lzma.FILTER_LZMA1})
    compressor = lzma.LZMACompressor(lzma.FORMAT_RAW, filters=[
        lzma._decode_filter_properties(lzma.FILTER_LZMA1, properties)])
    header = struct.pack('<BBH', *LZMA_SDK_VERSION, len(properties)) + properties
    return header + compressor.compress(data) + compressor.flush()


def _version_needed(method):
    if method == METHODS['lzma']:
        return VERSION_LZMA
    if method == METHODS['bzip2']:
        return VERSION_BZIP2
    return VERSION_DEFAULT


def _dos_date_time(moment):
    year, month, day, hour, minute, second = moment[:6]
    return (hour << 11 | minute << 5 | second // 2,
            (year - 1980) << 9 | month << 5 | day)


def _external_attributes(name, symlinks):
    if name in symlinks:
        return MODE_SYMLINK
    if name.endswith('/'):
        return MODE_DIRECTORY
    return MODE_FILE


def write_archive(path, password, entries, method='lzma', strength=3,
                  ae_version=1, encrypt=True, symlinks=()):
    """Write ``entries`` [(name, data), ...] in order, one ``writestr`` each.

    Names are written verbatim (flag 0x0800 when not ASCII). ``ae_version`` 1
    keeps the real CRC-32 (what pyzipper 0.3.6 writes), 2 writes CRC 0.
    ``encrypt=False`` writes a plain ZIP with the same method. Entries named in
    ``symlinks`` get Unix symlink attributes; their data is the link target.
    """
    if method not in METHODS:
        raise ValueError('method must be one of %s' % ', '.join(METHODS))
    if strength not in SALT_LENGTH:
        raise ValueError('strength must be 1, 2 or 3')
    if ae_version not in (1, 2):
        raise ValueError('ae_version must be 1 or 2')
    password = _password_bytes(password)
    if encrypt and not password:
        raise ValueError('WinZip AES encryption requires a password')
    symlinks = set(symlinks)
    missing = symlinks - {name for name, _ in entries}
    if missing:
        raise ValueError('symlinks name no entry: %s' % ', '.join(sorted(missing)))

    real_method = METHODS[method]
    version = _version_needed(real_method)
    dos_time, dos_date = _dos_date_time(time.localtime())
    central = []
    with open(path, 'wb') as out:
        for name, data in entries:
            if len(data) * 1.05 > ZIP64_LIMIT:
                raise ValueError('%s: entries needing ZIP64 are not supported' % name)
            try:
                raw_name, flags = name.encode('ascii'), 0
            except UnicodeEncodeError:
                raw_name, flags = name.encode('utf-8'), FLAG_UTF8
            if real_method == METHODS['lzma']:
                flags |= FLAG_LZMA_EOS
            crc = zlib.crc32(data)
            payload = _compress(real_method, data)
            header_method, extra = real_method, b''
            if encrypt:
                flags |= FLAG_ENCRYPTED
                salt = os.urandom(SALT_LENGTH[strength])
                aes_key, mac_key, verifier = _derive_keys(password, salt, strength)
                ciphertext = _winzip_ctr(aes_key, payload)
                payload = salt + verifier + ciphertext + _mac(mac_key, ciphertext)
                header_method = METHOD_AES
                extra = AES_EXTRA.pack(EXTRA_AES, 7, ae_version, AES_VENDOR_ID,
                                       strength, real_method)
                if ae_version == 2:
                    crc = 0
            offset = out.tell()
            out.write(LOCAL_HEADER.pack(
                b'PK\x03\x04', version, 0, flags, header_method, dos_time, dos_date,
                crc, len(payload), len(data), len(raw_name), len(extra)))
            out.write(raw_name + extra + payload)
            central.append(CENTRAL_HEADER.pack(
                b'PK\x01\x02', version, CREATE_SYSTEM_UNIX, version, 0, flags,
                header_method, dos_time, dos_date, crc, len(payload), len(data),
                len(raw_name), len(extra), 0, 0, 0,
                _external_attributes(name, symlinks), offset) + raw_name + extra)
        directory_offset = out.tell()
        for record in central:
            out.write(record)
        out.write(END_RECORD.pack(b'PK\x05\x06', 0, 0, len(central), len(central),
                                  out.tell() - directory_offset, directory_offset, 0))


def _aes_extra(info):
    """The 0x9901 field of a central directory record as
    (vendor version, vendor id, strength, real method), or None. Like pyzipper,
    the last such field wins and the local header's copy is not looked at."""
    found = None
    extra = info.extra
    while len(extra) >= 4:
        kind, size = struct.unpack('<HH', extra[:4])
        if kind == EXTRA_AES:
            if size != 7 or len(extra) < 11:
                raise BadArchive('%s: corrupt AES extra field (size %d)' % (info.filename, size))
            found = AES_EXTRA.unpack(extra[:11])[2:]
        extra = extra[4 + size:]
    return found


def _open_directory(path):
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise BadArchive('%s: %s' % (path, error)) from None
    except NotImplementedError as error:
        # pyzipper, like Python's zipfile, refuses "version needed" above 6.3.
        raise Unsupported('%s: %s' % (path, error)) from None


def _stored_data(archive, info):
    """The entry's bytes after its local header, checked as pyzipper checks
    the local header (signature, file name), sized by the central record."""
    archive.fp.seek(info.header_offset)
    header = archive.fp.read(LOCAL_HEADER.size)
    if len(header) != LOCAL_HEADER.size:
        raise BadArchive('%s: truncated local header' % info.filename)
    fields = LOCAL_HEADER.unpack(header)
    if fields[0] != b'PK\x03\x04':
        raise BadArchive('%s: bad local header signature' % info.filename)
    raw_name = archive.fp.read(fields[10])
    archive.fp.read(fields[11])
    try:
        local_name = raw_name.decode('utf-8' if info.flag_bits & FLAG_UTF8 else 'cp437')
    except UnicodeDecodeError:
        local_name = None
    if local_name != info.orig_filename:
        raise BadArchive('%s: local header names %r' % (info.filename, raw_name))
    data = archive.fp.read(info.compress_size)
    if len(data) != info.compress_size:
        raise BadArchive('%s: entry data is truncated' % info.filename)
    return data


def _decompress(name, method, payload, size):
    """Decompress with the decoder pyzipper uses for ``method``. Like pyzipper,
    a stream that reaches ``size`` without its end mark is accepted. Stricter
    than pyzipper where its outcome depends on read chunking: the output must
    be exactly ``size`` bytes and nothing may follow the end of the stream."""
    rest = b''
    try:
        if method == METHODS['store']:
            data = payload
        elif method == METHODS['deflate']:
            decoder = zlib.decompressobj(-15)
            data = decoder.decompress(payload, size + 1)
            rest = decoder.unconsumed_tail + decoder.unused_data
        elif method == METHODS['bzip2']:
            decoder = bz2.BZ2Decompressor()
            data = decoder.decompress(payload, size + 1)
            rest = decoder.unused_data
        elif method == METHODS['lzma']:
            # u8 major, u8 minor SDK version (ignored), u16 properties size,
            # properties, raw LZMA1 data; flag 0x0002 is not looked at.
            if len(payload) < 4:
                raise BadArchive('%s: LZMA header is truncated' % name)
            properties_size = struct.unpack('<H', payload[2:4])[0]
            properties = payload[4:4 + properties_size]
            decoder = lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=[
                lzma._decode_filter_properties(lzma.FILTER_LZMA1, properties)])
            data = decoder.decompress(payload[4 + properties_size:], size + 1)
            rest = decoder.unused_data
        else:
            label = zipfile.compressor_names.get(method, 'unknown')
            raise Unsupported('%s: compression method %d (%s) is not supported'
                              % (name, method, label))
    except (zlib.error, OSError, EOFError, lzma.LZMAError) as error:
        raise BadArchive('%s: corrupt compressed data (%s)' % (name, error)) from None
    if len(data) > size:
        raise BadArchive('%s: more data than the uncompressed size %d' % (name, size))
    if len(data) < size:
        raise BadArchive('%s: %d bytes instead of %d' % (name, len(data), size))
    if rest:
        raise BadArchive('%s: bytes after the end of the compressed stream' % name)
    return data


def _read_entry(archive, info, password):
    name = info.filename
    if info.flag_bits & FLAG_PATCH_DATA:
        raise Unsupported('%s: compressed patched data (flag bit 5)' % name)
    if info.flag_bits & FLAG_STRONG_ENCRYPTION:
        raise Unsupported('%s: strong encryption (flag bit 6)' % name)
    aes = _aes_extra(info)
    encrypted = info.flag_bits & FLAG_ENCRYPTED
    if aes is not None and not encrypted:
        raise BadArchive('%s: AES extra field without the encryption flag' % name)
    if encrypted and aes is None:
        raise Unsupported('%s: traditional PKWARE encryption is not implemented here' % name)
    payload = _stored_data(archive, info)
    method = info.compress_type
    if aes is not None:
        # pyzipper checks neither the vendor id nor that the header says 99:
        # the real method always comes from the extra field.
        vendor_version, _vendor_id, strength, method = aes
        if strength not in SALT_LENGTH:
            raise Unsupported('%s: AES strength %d' % (name, strength))
        if not password:
            raise WrongPassword('%s: encrypted with WinZip AES, a password is required' % name)
        salt_length = SALT_LENGTH[strength]
        if len(payload) < salt_length + VERIFIER_LENGTH + HMAC_LENGTH:
            raise BadArchive('%s: too short for WinZip AES data' % name)
        salt = payload[:salt_length]
        verifier = payload[salt_length:salt_length + VERIFIER_LENGTH]
        ciphertext = payload[salt_length + VERIFIER_LENGTH:-HMAC_LENGTH]
        aes_key, mac_key, expected_verifier = _derive_keys(password, salt, strength)
        if verifier != expected_verifier:
            raise WrongPassword('%s: wrong password' % name)
        # pyzipper checks the HMAC after decompressing; checking it first
        # reports tampering as tampering rather than as a decoder error.
        if not hmac.compare_digest(_mac(mac_key, ciphertext), payload[-HMAC_LENGTH:]):
            raise BadHmac('%s: Bad HMAC check (data tampered or corrupt)' % name)
        payload = _winzip_ctr(aes_key, ciphertext)
        # pyzipper 0.3.6 checks the CRC whenever it is nonzero, and for every
        # vendor version but 2 even when it is zero.
        check_crc = info.CRC != 0 or vendor_version != 2
    else:
        check_crc = True
    data = _decompress(name, method, payload, info.file_size)
    if check_crc and zlib.crc32(data) != info.CRC:
        raise BadCrc('%s: Bad CRC-32' % name)
    return data


def read_archive(path, password):
    """Every entry in central directory order as (name, bytes), read by
    pyzipper 0.3.6's rules; raises an AesZipError subclass otherwise."""
    password = _password_bytes(password)
    with _open_directory(path) as archive:
        return [(info.filename, _read_entry(archive, info, password))
                for info in archive.infolist()]


def inspect_archive(path):
    """Header facts of every entry (central directory), no password needed."""
    rows = []
    with _open_directory(path) as archive:
        for info in archive.infolist():
            aes = _aes_extra(info)
            rows.append({
                'name': info.filename,
                'flags': '0x%04x' % info.flag_bits,
                'method': info.compress_type,
                'version_needed': info.extract_version,
                'ae_version': aes[0] if aes else '-',
                'vendor': aes[1].decode('latin-1') if aes else '-',
                'strength': aes[2] if aes else '-',
                'real_method': aes[3] if aes else info.compress_type,
                'crc': '0x%08x' % info.CRC,
                'compressed_size': info.compress_size,
                'size': info.file_size,
                'external_attr': '0x%08x' % info.external_attr,
            })
    return rows


def _safe_target(directory, name):
    """Where --output-dir puts an entry, refusing names that would escape."""
    parts = name.rstrip('/').split('/')
    if (name.startswith('/') or '\\' in name or '\0' in name or name[1:2] == ':'
            or any(part in ('', '.', '..') for part in parts)):
        raise BadArchive('refusing to extract unsafe name %r' % name)
    return os.path.join(directory, *parts)


def _entries_from_dir(directory):
    """Every file under ``directory`` by relative '/' path, sorted, with
    manifest.json and recipe.yaml first as DataHub writes them."""
    names = []
    for root, _dirs, files in os.walk(directory):
        for file_name in files:
            relative = os.path.relpath(os.path.join(root, file_name), directory)
            names.append(relative.replace(os.sep, '/'))
    first = [name for name in ('manifest.json', 'recipe.yaml') if name in names]
    names = first + sorted(name for name in names if name not in first)
    entries = []
    for name in names:
        with open(os.path.join(directory, *name.split('/')), 'rb') as source:
            entries.append((name, source.read()))
    return entries


def _command_write(args, parser):
    if not args.no_encrypt and not args.password:
        parser.error('write: --password is required unless --no-encrypt is given')
    entries = _entries_from_dir(args.from_dir) if args.from_dir else []
    for spec in args.entries:
        name, separator, file_name = spec.partition('=')
        if not separator or not name:
            parser.error('write: entry %r is not NAME=FILE' % spec)
        with open(file_name, 'rb') as source:
            entries.append((name, source.read()))
    write_archive(args.output, args.password, entries, method=args.method,
                  strength=args.strength, ae_version=args.ae_version,
                  encrypt=not args.no_encrypt, symlinks=args.symlink)


def _command_read(args, _parser):
    entries = read_archive(args.archive, args.password)
    if args.output_dir:
        targets = [_safe_target(args.output_dir, name) for name, _ in entries]
        for (name, data), target in zip(entries, targets):
            if name.endswith('/'):
                os.makedirs(target, exist_ok=True)
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, 'wb') as out:
                out.write(data)
    for name, data in entries:
        print('%s\t%d\t%s' % (name, len(data), hashlib.sha256(data).hexdigest()))


def _command_inspect(args, _parser):
    for row in inspect_archive(args.archive):
        print('\t'.join([row.pop('name')] + ['%s=%s' % item for item in row.items()]))


def main(argv=None):
    parser = argparse.ArgumentParser(
        description='Write and read WinZip-AES ZIP archives as pyzipper 0.3.6 does.')
    commands = parser.add_subparsers(dest='command', required=True)

    write = commands.add_parser('write', help='write an archive')
    write.add_argument('--password')
    write.add_argument('--method', choices=list(METHODS), default='lzma')
    write.add_argument('--strength', type=int, choices=[1, 2, 3], default=3)
    write.add_argument('--ae-version', type=int, choices=[1, 2], default=1)
    write.add_argument('--no-encrypt', action='store_true')
    write.add_argument('--symlink', action='append', default=[], metavar='NAME')
    write.add_argument('--from-dir', metavar='DIR')
    write.add_argument('--output', required=True, metavar='OUT.zip')
    write.add_argument('entries', nargs='*', metavar='NAME=FILE')
    write.set_defaults(run=_command_write)

    read = commands.add_parser('read', help='read and verify every entry')
    read.add_argument('--password')
    read.add_argument('--output-dir', metavar='DIR')
    read.add_argument('archive')
    read.set_defaults(run=_command_read)

    inspect = commands.add_parser('inspect', help='show header fields')
    inspect.add_argument('archive')
    inspect.set_defaults(run=_command_inspect)

    args = parser.parse_args(argv)
    try:
        args.run(args, parser)
    except (AesZipError, OSError, ValueError) as error:
        print('aeszip: %s' % error, file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
