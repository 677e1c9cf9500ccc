import { describe, expect, it } from 'vitest';
import { describeStateFlags, updateUnderWay } from './app-state.ts';
import { describeDiskProgress, diskDownloadProgress, diskFingerprint, formatBytes } from './disk-progress.ts';
import { downloading, manifest } from './manifest-fixture.ts';

describe('StateFlags', () => {
  it('names the bits of the values seen in manifests', () => {
    expect(describeStateFlags(4)).toBe('4 (fully installed)');
    expect(describeStateFlags(1026)).toBe('1026 (update required, update started)');
    expect(describeStateFlags(6)).toBe('6 (fully installed, update required)');
    expect(describeStateFlags(null)).toBe('missing');
  });

  it('tells an update under way from a finished install', () => {
    expect(updateUnderWay(1026)).toBe(true);
    expect(updateUnderWay(6)).toBe(true);
    expect(updateUnderWay(4)).toBe(false);
    expect(updateUnderWay(null)).toBe(false);
  });
});

describe('diskDownloadProgress', () => {
  it("reads the manifest's byte counters while a download is under way", () => {
    expect(diskDownloadProgress({ manifest: downloading(250), downloadingBytes: 3999 })).toEqual({
      kind: 'progress',
      stateCode: '0x61',
      stateLabel: 'downloading',
      percent: 25,
      bytesDone: 250,
      bytesTotal: 1000,
    });
  });

  it('falls back to the downloading folder against the bytes to stage while the counters are 0', () => {
    expect(diskDownloadProgress({ manifest: downloading(0), downloadingBytes: 1000 })).toMatchObject({
      percent: 25,
      bytesDone: 1000,
      bytesTotal: 4000,
    });
    // Never past 100 %, even when the folder holds more than the manifest announced.
    expect(diskDownloadProgress({ manifest: downloading(0), downloadingBytes: 9000 })?.percent).toBe(100);
  });

  it('says nothing without a download under way', () => {
    expect(diskDownloadProgress({ manifest: null, downloadingBytes: 500 })).toBeNull();
    expect(diskDownloadProgress({ manifest: downloading(0), downloadingBytes: null })).toBeNull();
    expect(diskDownloadProgress({ manifest: downloading(0), downloadingBytes: 0 })).toBeNull();
    // The finished manifest of the build an update starts from is not "100 % downloaded".
    expect(diskDownloadProgress({ manifest: manifest(), downloadingBytes: 500 })).toBeNull();
  });

  it('describes the progress with the sizes it is based on', () => {
    const p = diskDownloadProgress({
      manifest: downloading(0, { BytesToStage: '9371487164' }),
      downloadingBytes: 4_230_000_000,
    });
    expect(describeDiskProgress(p!)).toBe('Downloading… 45% (4.2 GB of 9.4 GB)');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(262_144)).toBe('262 KB');
  });
});

describe('diskFingerprint', () => {
  it('changes when the folder or a counter or the state moves, and only then', () => {
    const base = diskFingerprint({ manifest: downloading(100), downloadingBytes: 10 });
    expect(diskFingerprint({ manifest: downloading(100), downloadingBytes: 10 })).toBe(base);
    expect(diskFingerprint({ manifest: downloading(100), downloadingBytes: 11 })).not.toBe(base);
    expect(diskFingerprint({ manifest: downloading(101), downloadingBytes: 10 })).not.toBe(base);
    expect(diskFingerprint({ manifest: downloading(100, { StateFlags: '4' }), downloadingBytes: 10 })).not.toBe(base);
    expect(diskFingerprint({ manifest: null, downloadingBytes: 10 })).not.toBe(base);
  });
});
