import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PacsClient } from '../../../electron/services/pacs/client';
import { dicomwebClient } from '../../../electron/services/pacs/dicomweb/dicomweb-client';
import type { DicomwebSettings } from '../../../shared/domain/pacs';
import { CT_SERIES } from '../../fixtures';
import { filesUnder, startOrthanc, type Orthanc } from '../../orthanc/orthanc';
import { selfSignedCertificate } from '../../orthanc/self-signed';
import { CT_INSTANCES, CT_PATIENT_ID, CT_STUDY_UID, query, settings } from './dicomweb-fixtures';

// DICOMweb over https: Orthanc behind a local TLS proxy whose self-signed certificate (made by openssl for this
// run) is trusted only through the node's CA file.

let orthanc: Orthanc;
let dir: string;
const proxies: https.Server[] = [];
const clients: PacsClient[] = [];

/** An https server passing every request through to Orthanc; answers its base DICOMweb URL. */
async function tlsProxy(files: { key: string; cert: string }): Promise<string> {
  const server = https.createServer({ key: readFileSync(files.key), cert: readFileSync(files.cert) }, (req, res) => {
    const upstream = http.request(
      { host: '127.0.0.1', port: orthanc.httpPort, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  proxies.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}/dicom-web`;
}

let trusted: { key: string; cert: string };
let trustedUrl: string;
let otherHost: { key: string; cert: string };
let otherHostUrl: string;

function client(url: string, more: Partial<DicomwebSettings> = {}): PacsClient {
  const made = dicomwebClient(settings(url, more), '', 'TLS PACS');
  clients.push(made);
  return made;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'boardprep-tls-'));
  orthanc = await startOrthanc();
  await orthanc.upload(filesUnder(CT_SERIES));
  trusted = selfSignedCertificate(dir, 'pacs-local', 'IP:127.0.0.1,DNS:localhost');
  trustedUrl = await tlsProxy(trusted);
  otherHost = selfSignedCertificate(dir, 'pacs-elsewhere', 'DNS:pacs.example.org');
  otherHostUrl = await tlsProxy(otherHost);
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  for (const server of proxies) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await orthanc?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('DICOMweb over https', () => {
  it('says the certificate is self-signed and not trusted when no CA file is given', async () => {
    const result = await client(trustedUrl).test();
    expect(result).toMatchObject({ ok: false, failure: 'certificate' });
    expect(result.message).toMatch(
      /certificate of 127\.0\.0\.1:\d+ is self-signed and not trusted: give the node the hospital's CA file/,
    );
  });

  it('trusts it through the CA file: Test, a query and a retrieval work', async () => {
    const c = client(trustedUrl, { caFile: trusted.cert });
    expect(await c.test()).toMatchObject({ ok: true, failure: null });
    expect(await c.findStudies(query({ patientId: CT_PATIENT_ID }))).toHaveLength(1);
    let received = 0;
    await c.retrieve({ studyUid: CT_STUDY_UID }, { onInstance: async () => void received++ });
    expect(received).toBe(CT_INSTANCES);
  });

  it('says a trusted certificate is for another host name', async () => {
    const result = await client(otherHostUrl, { caFile: otherHost.cert }).test();
    expect(result).toMatchObject({ ok: false, failure: 'certificate' });
    expect(result.message).toMatch(/certificate of 127\.0\.0\.1:\d+ is for another host name/);
  });

  it('says the CA file cannot be read or holds no certificate, naming it', async () => {
    const missing = path.join(dir, 'no-such-ca.pem');
    const result = await client(trustedUrl, { caFile: missing }).test();
    expect(result).toMatchObject({ ok: false, failure: 'certificate' });
    expect(result.message).toBe(`The CA file ${missing} of "TLS PACS" cannot be read: it does not exist`);
    const result2 = await client(trustedUrl, { caFile: trusted.key }).test();
    expect(result2).toMatchObject({ ok: false, failure: 'certificate' });
    expect(result2.message).toBe(
      `The CA file ${trusted.key} of "TLS PACS" holds no PEM certificate (a "-----BEGIN CERTIFICATE-----" block)`,
    );
  });
});
