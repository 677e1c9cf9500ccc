// Makes sure a Chromium the browser tests can drive exists. On Debian/Ubuntu it installs the
// distribution's package (never a browser download: `npx playwright install` is not allowed
// here). Elsewhere it looks for an installed Chrome/Chromium and says what to do if none.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
].filter(Boolean);

const found = CANDIDATES.find((p) => fs.existsSync(p));
if (found) {
  console.log(`browser tests use ${found}`);
  process.exit(0);
}
if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/apt-get')) {
  console.error('No Chrome or Chromium found for the browser tests: install one or set CHROMIUM_PATH.');
  process.exit(1);
}
const asRoot = process.getuid?.() === 0;
const run = (args) =>
  execFileSync(asRoot ? args[0] : 'sudo', asRoot ? args.slice(1) : ['-n', ...args], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
try {
  console.log('Installing Debian chromium for the browser tests…');
  try {
    run(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium']);
  } catch {
    run(['apt-get', 'update']);
    run(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium']);
  }
} catch (err) {
  console.error(
    `Could not install chromium (${err.message}); install it (apt-get install chromium) or set CHROMIUM_PATH.`,
  );
  process.exit(1);
}
