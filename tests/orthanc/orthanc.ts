import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { locateOrthanc } from '../../scripts/locate-orthanc.mjs';
import { CT_SERIES } from '../fixtures';

/**
 * A real PACS for the tests and benchmarks (issue 15 item 7): Orthanc from the Debian packages `orthanc` and
 * `orthanc-dicomweb`, on loopback ports of its own with a temporary storage folder, stopped (and its folder
 * removed) by `stop()`. Nothing is mocked: BoardPrep talks DICOMweb and DIMSE to it, and the tests load and check
 * data through its REST API.
 */

// The rule the prerequisite check uses too (scripts/locate-orthanc.mjs).
const FOUND = locateOrthanc();
export const ORTHANC_BINARY = FOUND.binary ?? FOUND.expected.binary;
export const DICOMWEB_PLUGIN = FOUND.plugin ?? FOUND.expected.plugin;
export const ORTHANC_AET = 'ORTHANC';

/** A peer Orthanc may C-MOVE to, or accept C-STORE and C-GET from (DicomModalities). */
export interface OrthancPeer {
  aet: string;
  host?: string;
  port: number;
}

export interface OrthancOptions {
  /** Peers Orthanc knows by AE title; BOARDPREP on port 1 (no C-MOVE listener) by default. */
  peers?: Record<string, OrthancPeer>;
  /** HTTP basic users of the REST and DICOMweb API ({ user: password }); none = open. */
  users?: Record<string, string>;
  /** Orthanc's own AE title. */
  aet?: string;
  /** Only known AE titles may talk DIMSE to it (Orthanc's DicomCheckCalledAet and unknown-AET refusal). */
  strictAet?: boolean;
}

export interface Orthanc {
  /** REST root, e.g. http://127.0.0.1:41234 */
  url: string;
  /** DICOMweb root, e.g. http://127.0.0.1:41234/dicom-web */
  dicomweb: string;
  aet: string;
  dicomPort: number;
  httpPort: number;
  storage: string;
  /** REST call with the harness's credentials; throws on a non-2xx answer. */
  rest<T = unknown>(route: string, init?: RequestInit): Promise<T>;
  /** Uploads Part 10 files through POST /instances; answers the Orthanc instance ids. */
  upload(files: readonly string[]): Promise<string[]>;
  /** Kills the server (SIGKILL if it does not stop within 5 s) and removes its storage. */
  stop(): Promise<void>;
  /** Stops the server but keeps its storage and ports, so `start` can bring the same PACS back. */
  pause(): Promise<void>;
  start(): Promise<void>;
}

/** A free loopback TCP port (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function orthancAvailable(): boolean {
  return FOUND.binary !== null && FOUND.plugin !== null;
}

/** Every file under `dir` (the test series are flat folders, a CD tree is not). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

export async function startOrthanc(options: OrthancOptions = {}): Promise<Orthanc> {
  if (!orthancAvailable())
    throw new Error(
      `Orthanc is not installed (${ORTHANC_BINARY}, ${DICOMWEB_PLUGIN}): apt-get install -y orthanc orthanc-dicomweb, or set BOARDPREP_ORTHANC and BOARDPREP_ORTHANC_DICOMWEB`,
    );
  const root = mkdtempSync(path.join(os.tmpdir(), 'boardprep-orthanc-'));
  const storage = path.join(root, 'storage');
  mkdirSync(storage);
  const [httpPort, dicomPort] = [await freePort(), await freePort()];
  const aet = options.aet ?? ORTHANC_AET;
  const peers = options.peers ?? { BOARDPREP: { aet: 'BOARDPREP', port: 1 } };
  const config = {
    Name: 'BoardPrep test PACS',
    StorageDirectory: storage,
    IndexDirectory: storage,
    HttpPort: httpPort,
    HttpBindAddress: '127.0.0.1',
    DicomPort: dicomPort,
    DicomAet: aet,
    // Orthanc has no bind-address option for DICOM; the port is random and the test machine's firewall is closed.
    RemoteAccessAllowed: false,
    AuthenticationEnabled: options.users !== undefined,
    RegisteredUsers: options.users ?? {},
    DicomCheckCalledAet: true,
    DicomAlwaysAllowEcho: !options.strictAet,
    DicomAlwaysAllowStore: !options.strictAet,
    DicomAlwaysAllowFind: !options.strictAet,
    DicomAlwaysAllowGet: !options.strictAet,
    DicomAlwaysAllowMove: !options.strictAet,
    DicomCheckModalityHost: false,
    DicomModalities: Object.fromEntries(
      Object.entries(peers).map(([name, p]) => [
        name,
        {
          AET: p.aet,
          Host: p.host ?? '127.0.0.1',
          Port: p.port,
          AllowEcho: true,
          AllowFind: true,
          AllowGet: true,
          AllowMove: true,
          AllowStore: true,
        },
      ]),
    ),
    Plugins: [DICOMWEB_PLUGIN],
    DicomWeb: { Enable: true, Root: '/dicom-web/', EnableWado: true, Ssl: false, StudiesMetadata: 'Full' },
    StableAge: 1,
    ConcurrentJobs: 2,
    HttpTimeout: 60,
    SaveJobs: false,
  };
  const configFile = path.join(root, 'orthanc.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const logFile = path.join(root, 'orthanc.log');
  const url = `http://127.0.0.1:${httpPort}`;
  const authHeader = options.users
    ? { Authorization: `Basic ${Buffer.from(Object.entries(options.users)[0].join(':')).toString('base64')}` }
    : undefined;

  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  async function rest<T>(route: string, init: RequestInit = {}): Promise<T> {
    const res = await fetch(url + route, { ...init, headers: { ...authHeader, ...(init.headers ?? {}) } });
    const body = await res.text();
    if (!res.ok) throw new Error(`Orthanc ${init.method ?? 'GET'} ${route}: ${res.status} ${body.slice(0, 300)}`);
    return (body && res.headers.get('content-type')?.includes('json') ? JSON.parse(body) : body) as T;
  }

  async function start(): Promise<void> {
    child = spawn(ORTHANC_BINARY, [`--logfile=${logFile}`, configFile], { stdio: 'ignore' });
    const proc = child;
    exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`Orthanc exited at start: ${tail(logFile)}`);
      try {
        await rest('/system');
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`Orthanc did not answer within 30 s: ${tail(logFile)}`);
        await new Promise((r) => setTimeout(r, 100)); // polling the condition (the REST API answers), not a fixed wait
      }
    }
  }

  async function pause(): Promise<void> {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    proc.kill('SIGTERM');
    const killer = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
  }

  await start();
  return {
    url,
    dicomweb: `${url}/dicom-web`,
    aet,
    dicomPort,
    httpPort,
    storage,
    rest,
    async upload(files) {
      const ids: string[] = [];
      for (const file of files) {
        const answer = await rest<{ ID: string }>('/instances', { method: 'POST', body: readFileSync(file) });
        ids.push(answer.ID);
      }
      return ids;
    },
    async stop() {
      await pause();
      rmSync(root, { recursive: true, force: true });
    },
    pause,
    start,
  };
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Stores the 37-slice CT in the Orthanc; answers its Study Instance UID and its SOP Instance UIDs as Orthanc lists them. */
export async function storeCt(orthanc: Orthanc): Promise<{ studyUid: string; sopUids: string[] }> {
  await orthanc.upload(filesUnder(CT_SERIES));
  const studies = await orthanc.rest<{ MainDicomTags: { StudyInstanceUID: string } }[]>('/studies?expand');
  const instances = await orthanc.rest<{ MainDicomTags: { SOPInstanceUID: string } }[]>('/instances?expand');
  return {
    studyUid: studies[0].MainDicomTags.StudyInstanceUID,
    sopUids: instances.map((i) => i.MainDicomTags.SOPInstanceUID).sort(),
  };
}
