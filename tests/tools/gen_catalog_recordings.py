#!/usr/bin/python3
# Test tool: writes thousands of small DataHub-style recordings (pyzipper layout through aeszip.py) across
# folders, and an index of what each one holds, for the catalog tests to compute expected results from.
# SPDX-License-Identifier: MIT
"""Writes --count recordings into --folders sub-folders of --output (team-0, team-1, …).

Each recording has a manifest.json written as DataHub's archive.py writes it (json.dumps, indent 2;
exception_info only for failed runs) and a recipe.yaml, as
* an encrypted archive recording-<run_id>.zip (WinZip AES-256, pyzipper 0.3.6's layout; deflate so
  that thousands are made in seconds: the catalog reads the method from the headers), most of them;
* an unencrypted archive, a few;
* an extracted folder <run_id>/ with manifest.json and recipe.yaml, a few.

--extras DIR also writes DIR/new/ (recordings not in any folder yet) and DIR/replace/ (new versions,
with another source type, of some archives of team-0 under the same file names).

The index (--index, JSON) lists every recording with the values the catalog must report: location
(relative to --output or --extras), kind, run_id, source_type, sink_type, created_ms (UTC epoch
milliseconds rounded to the nearest, null without created_at), failed, exception_type, exception_message and fields: every
scalar manifest field (exception_info.* dotted) and every recipe scalar under "recipe." as text.

Speed: one salt (and so one PBKDF2 derivation) serves every entry: the entries stay valid WinZip AES,
they only share their salt, which does not matter to a test of listing.
"""

import argparse
import datetime
import functools
import json
import multiprocessing
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import aeszip  # noqa: E402

SOURCES = ['snowflake', 'Snowflake', 'bigquery', 'postgres', 'mysql', 'looker', 'dbt', 'kafka',
           'redshift', 'mssql']
SINKS = ['datahub-rest', 'datahub-rest', 'datahub-kafka', 'file', 'console']
CLI_VERSIONS = ['0.13.3', '0.14.0', '0.14.0.2', '0.14.1', '1.0.0']
PIPELINES = ['pipe?1', 'pipe11', 'pipe[1]', 'pipe1']
FAILURES = [
    ('PipelineExecutionError', 'Snowflake query timed out after {n} s'),
    ('TimeoutError', 'GMS did not answer: timed out after {n} ms'),
    ('ConnectionError', '100% of {n} retries used against gms'),
    ('KeyError', "table a_b_{n} not found"),
    ('KeyError', "table axb{n} not found"),
]
BASE = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
STEP = datetime.timedelta(hours=3, minutes=17)
PLUS_TWO = datetime.timezone(datetime.timedelta(hours=2))


def recording(i, folder, rng, source=None):
    """Manifest dict, recipe text and the index record (without location and kind) of recording i."""
    run_id = 'run-%05d' % i
    source = source or rng.choice(SOURCES)
    sink = rng.choice(SINKS)
    manifest = {
        'format_version': '1.0.0',
        'run_id': run_id,
        'source_type': source,
        'sink_type': sink,
        'datahub_cli_version': rng.choice(CLI_VERSIONS),
        'python_version': rng.choice(['3.10.12', '3.11.4']),
    }
    created = None
    form = rng.random()
    if form >= 0.01:
        instant = BASE + STEP * i + datetime.timedelta(microseconds=rng.randrange(0, 60_000_000))
        created = instant
        if form < 0.2:
            text = instant.astimezone(PLUS_TWO).isoformat()  # another offset, same instant
        elif form < 0.3:
            instant = instant.replace(microsecond=0)
            created = instant
            text = instant.isoformat()
        else:
            text = instant.isoformat()  # datetime.now(utc).isoformat(): microseconds, +00:00
        manifest['created_at'] = text
    manifest['checksums'] = {}
    manifest['recording_start_time'] = (BASE + STEP * i).isoformat()
    if rng.random() < 0.3:
        manifest['environment'] = rng.choice(['prod', 'staging'])  # an unknown key: kept, searchable
    failed = rng.random() < 0.15
    exception_type = exception_message = ''
    if failed:
        exception_type, message = rng.choice(FAILURES)
        exception_message = message.format(n=rng.randrange(1, 999))
        manifest['exception_info'] = {'type': exception_type, 'message': exception_message,
                                      'traceback': 'Traceback (most recent call last):\n  File "x.py"'}
    recipe = [
        ('source.type', source.lower()),
        ('source.config.host_port', 'db-%d.internal:5432' % (i % 50)),
        ('source.config.database', 'db_%d' % (i % 37)),
        ('source.config.username', 'ingest'),
        ('source.config.password', '__REPLAY_DUMMY__'),
        ('source.config.include_views', rng.choice(['true', 'false'])),
        ('sink.type', sink),
        ('sink.config.server', 'http://gms-%d:8080' % (i % 7)),
        ('sink.config.token', '__REPLAY_DUMMY__'),
        ('pipeline_name', rng.choice(PIPELINES)),
    ]
    fields = {}
    for key, value in manifest.items():
        if key in ('checksums', 'files'):
            continue
        if isinstance(value, dict):
            for sub, v in value.items():
                fields['%s.%s' % (key, sub)] = v
        else:
            fields[key] = value
    for path, value in recipe:
        fields['recipe.' + path] = value
    record = {
        'folder': folder, 'run_id': run_id, 'source_type': source, 'sink_type': sink,
        'created_ms': None if created is None else epoch_ms(created),
        'failed': failed, 'exception_type': exception_type, 'exception_message': exception_message,
        'fields': fields,
    }
    return manifest, recipe_yaml(recipe), record


def epoch_ms(instant):
    """Milliseconds since the epoch, the microseconds rounded to the nearest millisecond."""
    microseconds = (instant - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)) // datetime.timedelta(
        microseconds=1)
    return (microseconds + 500) // 1000


def recipe_yaml(pairs):
    """Block YAML of dotted paths; values are plain scalars or, where YAML would read them otherwise,
    double-quoted (the value text is the same either way)."""
    lines, opened = [], []
    for path, value in pairs:
        parts = path.split('.')
        common = 0
        while common < min(len(opened), len(parts) - 1) and opened[common] == parts[common]:
            common += 1
        opened = opened[:common]
        for depth in range(common, len(parts) - 1):
            lines.append('  ' * depth + parts[depth] + ':')
            opened.append(parts[depth])
        plain = value.replace('-', '').replace('.', '').replace('_', '').replace(':', '').replace('/', '')
        text = value if plain.isalnum() and ': ' not in value and not value[0].isdigit() else json.dumps(value)
        lines.append('  ' * (len(parts) - 1) + parts[-1] + ': ' + text)
    return ('\n'.join(lines) + '\n').encode()


def write(job):
    root, relative, kind, manifest, recipe, password = job
    path = os.path.join(root, relative)
    entries = [('manifest.json', json.dumps(manifest, indent=2).encode()), ('recipe.yaml', recipe)]
    if kind == 'dir':
        os.makedirs(path, exist_ok=True)
        for name, data in entries:
            with open(os.path.join(path, name), 'wb') as f:
                f.write(data)
    else:
        aeszip.write_archive(path, password, entries, method='deflate', encrypt=(kind == 'zip'))
    return relative


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--output', required=True)
    parser.add_argument('--count', type=int, default=5000)
    parser.add_argument('--folders', type=int, default=5)
    parser.add_argument('--password', required=True)
    parser.add_argument('--seed', type=int, default=14)
    parser.add_argument('--index', required=True)
    parser.add_argument('--extras', help='also write new recordings and replacements here')
    parser.add_argument('--jobs', type=int, default=2)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    jobs, index = [], []
    for i in range(args.count):
        folder = 'team-%d' % (i % args.folders)
        manifest, recipe, record = recording(i, folder, rng)
        roll = rng.random()
        kind = 'dir' if roll < 0.02 else 'plain' if roll < 0.03 else 'zip'
        name = manifest['run_id'] if kind == 'dir' else 'recording-%s.zip' % manifest['run_id']
        record.update(location=folder + '/' + name, kind=kind)
        os.makedirs(os.path.join(args.output, folder), exist_ok=True)
        jobs.append((args.output, record['location'], kind, manifest, recipe, args.password))
        index.append(record)
    extras = []
    if args.extras:
        for i in range(args.count, args.count + 7):
            manifest, recipe, record = recording(i, 'new', rng)
            record.update(location='new/recording-%s.zip' % manifest['run_id'], kind='zip')
            extras.append(record)
            jobs.append((args.extras, record['location'], 'zip', manifest, recipe, args.password))
        replaced = [r for r in index if r['folder'] == 'team-0' and r['kind'] == 'zip'][:5]
        for old in replaced:
            i = int(old['run_id'][4:])
            manifest, recipe, record = recording(i, 'replace', rng, source='replaced-src')
            record.update(location='replace/' + old['location'].split('/')[-1], kind='zip')
            extras.append(record)
            jobs.append((args.extras, record['location'], 'zip', manifest, recipe, args.password))
        for sub in ('new', 'replace'):
            os.makedirs(os.path.join(args.extras, sub), exist_ok=True)

    # One salt for all: see the module's note on speed.
    aeszip._derive_keys = functools.lru_cache(maxsize=16)(aeszip._derive_keys)
    salt = bytes(range(16))
    os.urandom = lambda n: salt[:n]
    with multiprocessing.Pool(args.jobs) as pool:
        for _ in pool.imap_unordered(write, jobs, chunksize=64):
            pass
    with open(args.index, 'w') as f:
        json.dump({'recordings': index, 'extras': extras}, f, indent=1)


if __name__ == '__main__':
    main()
