// SPDX-License-Identifier: MIT
// Runs one of the npm S3 servers of tests/npm on loopback for the storage tests and benchmarks:
//   node --openssl-legacy-provider s3server.js --flavour verify|plain --dir DIR [--port N] [--bucket NAME]...
// "verify" is @20minutes/s3rver 4.0.4 (checks SigV4 signatures, path-style only), "plain" is s3rver 3.7.1
// (checks nothing). The credentials both accept are S3RVER / S3RVER. Prints "listening <port>" on stdout
// once ready and runs until stdin closes or a signal ends it. (--openssl-legacy-provider: both servers
// hash continuation tokens with an algorithm OpenSSL 3 keeps in its legacy provider; without it a listing
// past 1,000 keys fails.)
'use strict';
const path = require('path');

const args = process.argv.slice(2);
const options = { flavour: 'verify', dir: null, port: 0, buckets: [] };
for (let i = 0; i < args.length; ++i) {
  const value = () => {
    if (i + 1 >= args.length) throw new Error(`${args[i]} needs a value`);
    return args[++i];
  };
  switch (args[i]) {
    case '--flavour': options.flavour = value(); break;
    case '--dir': options.dir = value(); break;
    case '--port': options.port = Number(value()); break;
    case '--bucket': options.buckets.push(value()); break;
    default: throw new Error(`unknown argument ${args[i]}`);
  }
}
if (!options.dir) throw new Error('--dir is required');
const modules = path.join(__dirname, '..', 'npm', 'node_modules');
const packageName = { verify: '@20minutes/s3rver', plain: 's3rver' }[options.flavour];
if (!packageName) throw new Error(`unknown flavour ${options.flavour}`);
const S3rver = require(path.join(modules, packageName));

const server = new S3rver({
  address: '127.0.0.1',
  port: options.port,
  silent: true,
  directory: options.dir,
  // Buckets are addressed path-style: virtual hosts would need DNS names for 127.0.0.1.
  vhostBuckets: false,
  configureBuckets: options.buckets.map((name) => ({ name })),
});
server.run().then(
  (address) => process.stdout.write(`listening ${address.port}\n`),
  (error) => {
    process.stderr.write(`s3server: ${error.message}\n`);
    process.exit(1);
  },
);
const stop = () => server.close().finally(() => process.exit(0));
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
