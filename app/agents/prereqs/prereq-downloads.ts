// Where the installers come from, fetching them, and checking the certificates before they are
// trusted machine-wide. URLs are the ones Microsoft and Amazon publish (docs/windows-prerequisites.md).
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs/promises';

export const VC_REDIST_URL = 'https://aka.ms/vs/17/release/vc_redist.x64.exe';
export const DXWEBSETUP_URL =
  'https://download.microsoft.com/download/1/7/1/1718CCC4-6315-4D8E-9543-8E28A4E18C4C/dxwebsetup.exe';
export const AMAZON_ROOT_CA1_URL = 'https://www.amazontrust.com/repository/AmazonRootCA1.cer';
/** Amazon publishes the intermediate over plain http (its AIA address); it is checked against the root below. */
export const AMAZON_RSA_M02_URL = 'http://crt.r2m02.amazontrust.com/r2m02.cer';

/** SHA-256 of Amazon Root CA 1 (https://www.amazontrust.com/repository/). */
export const AMAZON_ROOT_CA1_SHA256 =
  '8E:CD:E6:88:4F:3D:87:B1:12:5B:A3:1A:C3:FC:B1:3D:70:16:DE:7F:57:CC:90:4F:E1:CB:97:C6:AE:98:19:6E';

/** Saves `url` to `file`; tests pass a fake, so nothing is ever downloaded by a test. */
export type Download = (url: string, file: string, signal: AbortSignal) => Promise<void>;

export const httpDownload: Download = async (url, file, signal) => {
  const res = await fetch(url, { signal, redirect: 'follow' });
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
  await fs.writeFile(file, new Uint8Array(await res.arrayBuffer()));
};

/**
 * The downloaded certificates are what we think: the root by its pinned fingerprint, the
 * intermediate by its name and a signature of that root. Throws a message fit for the user.
 */
export function verifyAmazonCerts(rootDer: Buffer, intermediateDer: Buffer): void {
  const root = new X509Certificate(rootDer);
  if (root.fingerprint256 !== AMAZON_ROOT_CA1_SHA256)
    throw new Error('The downloaded Amazon Root CA 1 does not have the published fingerprint; nothing was imported');
  const m02 = new X509Certificate(intermediateDer);
  const named = /CN=Amazon RSA 2048 M02/.test(m02.subject);
  if (!named || !m02.checkIssued(root) || !m02.verify(root.publicKey))
    throw new Error('The downloaded Amazon RSA 2048 M02 is not signed by Amazon Root CA 1; nothing was imported');
}
