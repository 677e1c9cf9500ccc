import { describe, expect, it } from 'vitest';
import { isMissingRuntimeExit, MISSING_RUNTIME_MESSAGE } from './missing-runtime.ts';

describe('isMissingRuntimeExit', () => {
  it('knows 0xC0000135 read unsigned and signed', () => {
    expect(isMissingRuntimeExit(3221225781)).toBe(true);
    expect(isMissingRuntimeExit(-1073741515)).toBe(true);
  });

  it('leaves every other exit to the crash policy', () => {
    for (const code of [null, undefined, 0, 1, 3, 53, 0xc0000005, -1073741819, 0xc0000135 + 1])
      expect(isMissingRuntimeExit(code)).toBe(false);
  });

  it('names the runtime and where to install it', () => {
    expect(MISSING_RUNTIME_MESSAGE).toMatch(/Visual C\+\+ 2015–2022 x64/);
    expect(MISSING_RUNTIME_MESSAGE).toMatch(/Settings → Host prerequisites/);
  });
});
