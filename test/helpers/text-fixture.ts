import fs from 'node:fs';

/**
 * Reads a text fixture that sits beside a test (`new URL('./fixtures/x.txt', import.meta.url)`),
 * for tests of the pure layers, which may not import node:fs themselves.
 */
export function readTextFixture(url: URL): string {
  return fs.readFileSync(url, 'utf8');
}
