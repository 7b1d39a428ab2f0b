import { authHeaders } from './web-access';

/**
 * Binary traffic with the main process: uploads of DICOM files and rendered PNGs. Same relative URLs in
 * the web host (HTTP) and in Electron (the boardprep:// protocol), never base64 inside JSON.
 */
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

async function put(url: string, body: Blob): Promise<void> {
  const response = await fetch(url, { method: 'PUT', body, headers: authHeaders(), credentials: 'omit' });
  if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
}

export interface UploadProgress {
  sent: number;
  total: number;
}

/** Uploads files (a few at a time) into one batch; the batch is then imported as one unit. */
export async function uploadBatch(
  files: File[],
  onProgress: (p: UploadProgress) => void,
  signal: AbortSignal,
): Promise<string> {
  const batchId = randomId();
  let next = 0;
  let sent = 0;
  const worker = async () => {
    while (next < files.length) {
      if (signal.aborted) throw new DOMException('Upload cancelled', 'AbortError');
      const i = next++;
      const file = files[i];
      const name = (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
      await put(`/media/uploads/${batchId}/${i}?name=${encodeURIComponent(name)}`, file);
      onProgress({ sent: ++sent, total: files.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, files.length) }, worker));
  return batchId;
}

/** Uploads a rendered key image (its PNG and the JPEG for print) and returns the token that claims it. */
export async function uploadRender(png: Blob, jpeg: Blob): Promise<string> {
  const token = randomId();
  await Promise.all([put(`/media/renders/${token}.png`, png), put(`/media/renders/${token}.jpg`, jpeg)]);
  return token;
}

export const instanceUrl = (sopInstanceUid: string) => `/media/instances/${sopInstanceUid}`;
