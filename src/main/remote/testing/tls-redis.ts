// Test helper: a real redis-server that speaks only TLS, on 127.0.0.1 at a free port, with a private CA and a
// server certificate for IP 127.0.0.1 made by the openssl command in a temp folder, and the plain test server's
// ACL users and passwords. Clients need not present a certificate (`--tls-auth-clients no`): they log in by password.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, REDIS_SERVER, TEST_PASSWORD, waitForPort } from './redis-server';

export const OPENSSL = '/usr/bin/openssl';
/** Why the TLS Redis tests skip here, or null when they can run. */
export const NO_TLS_REDIS_REASON = !existsSync(REDIS_SERVER)
  ? `${REDIS_SERVER} is missing (apt-get install redis-server)`
  : !existsSync(OPENSSL)
    ? `${OPENSSL} is missing (apt-get install openssl)`
    : null;

export interface TlsRedis {
  readonly port: number;
  /** rediss://nnwb:<password>@127.0.0.1:<port> */
  readonly url: string;
  /** The same server and login as redis:// (no TLS): what a client that forgot the extra "s" would use. */
  readonly plainUrl: string;
  /** The private CA's certificate (PEM), for NODE_EXTRA_CA_CERTS. */
  readonly caFile: string;
  stop(): Promise<void>;
}

const run = promisify(execFile);

/** A private CA, and a server certificate for 127.0.0.1 signed by it; returns the files' paths. */
export async function makeCertificates(dir: string): Promise<{ ca: string; cert: string; key: string }> {
  const file = (name: string) => path.join(dir, name);
  // Extensions in files of our own, so the system's openssl.cnf decides nothing about the certificates.
  writeFileSync(file('ca.ext'), 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n');
  writeFileSync(
    file('server.ext'),
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' +
      'subjectAltName=IP:127.0.0.1\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
  );
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await run(OPENSSL, ['req', '-new', ...ec, '-keyout', file('ca.key'), '-out', file('ca.csr'), '-subj', '/CN=NN Workbench test CA']);
  await run(OPENSSL, ['x509', '-req', '-in', file('ca.csr'), '-key', file('ca.key'), '-days', '2', '-extfile', file('ca.ext'), '-out', file('ca.crt')]);
  await run(OPENSSL, ['req', '-new', ...ec, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=127.0.0.1']);
  await run(OPENSSL, [
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.crt'),
    '-CAkey',
    file('ca.key'),
    '-set_serial',
    '1',
    '-days',
    '2',
    '-extfile',
    file('server.ext'),
    '-out',
    file('server.crt'),
  ]);
  return { ca: file('ca.crt'), cert: file('server.crt'), key: file('server.key') };
}

export async function startTlsRedis(): Promise<TlsRedis> {
  const dir = mkdtempSync(path.join(tmpdir(), 'nnw-tls-redis-'));
  const certs = await makeCertificates(dir);
  const port = await freePort();
  // --port 0: no plain-text port at all; every connection must speak TLS.
  const args = ['--bind', '127.0.0.1', '--port', '0', '--tls-port', String(port), '--dir', dir, '--save', '', '--appendonly', 'no'];
  args.push('--tls-cert-file', certs.cert, '--tls-key-file', certs.key, '--tls-ca-cert-file', certs.ca, '--tls-auth-clients', 'no');
  // The plain test server's users (see startRedis): the default user with its own password, and nnwb.
  args.push('--user', 'default', 'on', `>${TEST_PASSWORD}-admin`, '~*', '&*', '+@all');
  args.push('--user', 'nnwb', 'on', `>${TEST_PASSWORD}`, '~*', '&*', '+@all', '--loglevel', 'warning');
  const proc: ChildProcess = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  // A redis-server built without TLS exits at once: say so with its own words rather than time out.
  const early = exited.then((code) => {
    throw new Error(`redis-server exited (code ${code}) before listening on TLS port ${port}:\n${output}`);
  });
  early.catch(() => {});
  try {
    await Promise.race([waitForPort(port), early]);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    port,
    url: `rediss://nnwb:${TEST_PASSWORD}@127.0.0.1:${port}`,
    plainUrl: `redis://nnwb:${TEST_PASSWORD}@127.0.0.1:${port}`,
    caFile: certs.ca,
    stop,
  };
}
