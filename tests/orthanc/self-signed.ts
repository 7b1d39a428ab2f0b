import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * A self-signed certificate made by openssl in `dir` for a TLS proxy in front of Orthanc (which the tests run
 * without TLS), valid for these subject alternative names ('IP:127.0.0.1,DNS:localhost'); answers its PEM files.
 * The certificate is its own CA: a node trusts it through its CA file.
 */
export function selfSignedCertificate(dir: string, name: string, altNames: string): { key: string; cert: string } {
  const key = path.join(dir, `${name}.key`);
  const cert = path.join(dir, `${name}.pem`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-addext',
      `subjectAltName=${altNames}`,
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { key, cert };
}
