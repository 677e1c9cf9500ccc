import type { Db } from './database.ts';
import { TableVersions, type VersionedTable } from './table-versions.ts';

/** Bounds of what is kept: a few hundred pages of the lists the UI and scripts read again and again. */
const MAX_BYTES = 8 * 1024 * 1024;
const MAX_PAGES = 256;

interface Page {
  stamp: number;
  body: Buffer;
  /** When it was last asked for, in `get` calls: the least recent goes first when over the bounds. */
  used: number;
}

/**
 * The JSON of list pages as sent, kept until a row of a table they were read from changes. Several
 * browsers and scripts polling the same list of an idle manager get the bytes already made instead
 * of a new query and serialisation each (about two thirds of a job page's cost, bench/README.md).
 * A changed row, in any table a page names, makes every page of that table be read anew: a page is
 * never served older than the rows it shows.
 */
export class PageCache {
  private readonly versions: TableVersions;
  private readonly pages = new Map<string, Page>();
  private bytes = 0;
  private calls = 0;

  constructor(db: Db) {
    this.versions = TableVersions.of(db);
  }

  /**
   * The page for `key` (which must name everything `build` reads besides the rows of `tables`),
   * built now unless the copy kept for it is still current. The stamp is taken before the read, so
   * a change that lands in between can only make the kept copy be read again, never outlive it.
   */
  get(key: string, tables: readonly VersionedTable[], build: () => string): Buffer {
    const stamp = this.versions.stamp(tables);
    if (stamp === null) return Buffer.from(build());
    const kept = this.pages.get(key);
    // A hit only notes the time: the map is not reordered on every read of a kept page.
    if (kept?.stamp === stamp) {
      kept.used = ++this.calls;
      return kept.body;
    }
    if (kept) this.drop(key, kept);
    const page = { stamp, body: ownBytes(build()), used: ++this.calls };
    if (page.body.length <= MAX_BYTES / 8) this.keep(key, page);
    return page.body;
  }

  private keep(key: string, page: Page): void {
    this.pages.set(key, page);
    this.bytes += sizeOf(key, page);
    while (this.bytes > MAX_BYTES || this.pages.size > MAX_PAGES) this.dropLeastRecent();
  }

  /** A scan of at most MAX_PAGES, only when a newly built page goes past the bounds. */
  private dropLeastRecent(): void {
    let oldest: [string, Page] | undefined;
    for (const entry of this.pages) if (!oldest || entry[1].used < oldest[1].used) oldest = entry;
    if (oldest) this.drop(...oldest);
  }

  private drop(key: string, page: Page): void {
    this.pages.delete(key);
    this.bytes -= sizeOf(key, page);
  }
}

/** What a kept page holds: its bytes, and its key (an instance list's key holds the servers' runtime). */
const sizeOf = (key: string, page: Page) => page.body.length + key.length;

/**
 * The text's UTF-8 bytes in memory of their own: Buffer.from puts a small text in a slice of a shared
 * 64 KiB pool, and a kept slice would hold its whole block, far past what the bound counts.
 */
function ownBytes(text: string): Buffer {
  const body = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  body.write(text);
  return body;
}
