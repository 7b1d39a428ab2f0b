import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DimseSettings } from '../../../shared/domain/pacs';
import { dimseClient } from '../../../electron/services/pacs/dimse/dimse-client';
import { startOrthanc, type Orthanc } from '../../orthanc/orthanc';
import { selfSignedCertificate } from '../../orthanc/self-signed';

/**
 * DICOM TLS: Orthanc behind a TLS front (a Node TLS server with a self-signed certificate that pipes each connection
 * to Orthanc's DICOM port), so the DIMSE client's TLS is checked end to end against a real PACS.
 */

let orthanc: Orthanc;
let front: tls.Server;
let frontPort: number;
let dir: string;
let caFile: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'boardprep-dimse-tls-'));
  const certificate = selfSignedCertificate(dir, 'localhost', 'IP:127.0.0.1');
  caFile = certificate.cert;
  const keyFile = certificate.key;
  orthanc = await startOrthanc({});
  front = tls.createServer({ key: readFileSync(keyFile), cert: readFileSync(caFile) }, (secure) => {
    const plain = net.connect({ host: '127.0.0.1', port: orthanc.dicomPort });
    secure.pipe(plain).pipe(secure);
    const end = () => {
      secure.destroy();
      plain.destroy();
    };
    secure.on('error', end).on('close', end);
    plain.on('error', end).on('close', end);
  });
  front.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  frontPort = (front.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise((r) => front?.close(r));
  await orthanc?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const settings = (over: Partial<DimseSettings>): DimseSettings => ({
  calledAet: orthanc.aet,
  host: '127.0.0.1',
  port: frontPort,
  ourAet: 'BOARDPREP',
  tls: true,
  caFile,
  retrieve: 'c-get',
  movePort: null,
  ...over,
});

describe('DIMSE over TLS', () => {
  it('echoes through TLS when the certificate is trusted by the CA file', async () => {
    const result = await dimseClient(settings({}), 'TLS PACS').test();
    expect(result).toMatchObject({ ok: true, failure: null });
  });

  it('an untrusted certificate is "certificate", in plain words', async () => {
    const result = await dimseClient(settings({ caFile: '' }), 'TLS PACS').test();
    expect(result).toMatchObject({ ok: false, failure: 'certificate' });
    expect(result.message).toMatch(
      new RegExp(`^The TLS connection to 127.0.0.1:${frontPort} failed \\(self[- ]signed certificate\\)`),
    );
  });

  it('TLS to a port that speaks plain DICOM fails as a TLS problem', async () => {
    const result = await dimseClient(settings({ port: orthanc.dicomPort }), 'TLS PACS').test();
    expect(result).toMatchObject({ ok: false, failure: 'certificate' });
    expect(result.message).toMatch(/does the PACS use TLS on this port/);
  });
});
