// Why a connection to Redis failed at the TLS layer, in words naming the fix: a certificate this machine does not
// trust (or that names another host), or the two ends disagreeing on whether the port speaks TLS at all.

// Node's codes for a certificate chain it could not verify (the connection is then refused, never trusted anyway).
const UNVERIFIED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REVOKED',
]);

const TRUST_HINT = 'if its certificate comes from a private CA, start this process with NODE_EXTRA_CA_CERTS=/path/to/ca.pem';

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** Whether `err` is a TLS failure `explainTlsRefusal` has words for (checked before Redis's own refusals). */
export function isTlsRefusal(err: unknown, url: string): boolean {
  return explainTlsRefusal(err, url, '') !== null;
}

/** One line on a TLS failure naming what to fix, or null when `err` is not one. `where`: the URL as it may be shown. */
export function explainTlsRefusal(err: unknown, url: string, where: string): string | null {
  const code = codeOf(err);
  const message = err instanceof Error ? err.message : String(err);
  const tls = url.startsWith('rediss:');
  if (UNVERIFIED.has(code)) return `Redis at ${where}: TLS certificate verification failed (${code}: ${message}); ${TRUST_HINT}`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `Redis at ${where}: TLS certificate verification failed (${message}); connect by a host name or address its certificate names`;
  }
  // A TLS port hangs up on the plain-text commands of a redis:// client at once.
  if (!tls && code === 'ECONNRESET') return `Redis at ${where} reset the connection at once: if that port speaks TLS, use rediss:// instead of redis://`;
  // A plain port reads a TLS hello as a command that never ends, so the handshake only times out.
  if (tls && code === 'ETIMEDOUT') return `Redis at ${where}: no TLS handshake (ETIMEDOUT): if that port speaks plain Redis, use redis:// instead of rediss://`;
  return null;
}
