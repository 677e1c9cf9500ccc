import { describe, expect, it } from 'vitest';
import { installable, STATE_LOOK } from './prereq-look.ts';

const item = (id: 'vcredist' | 'directx' | 'certificates', state: 'ok' | 'missing' | 'unknown' | 'not-applicable') => ({
  id,
  name: id,
  state,
  detail: '',
  fix: null,
});

describe('prerequisites in the UI', () => {
  it('offers the missing and the unknown ones, never those that are fine or not applicable', () => {
    expect(installable([item('vcredist', 'missing'), item('directx', 'ok'), item('certificates', 'unknown')])).toEqual([
      'vcredist',
      'certificates',
    ]);
    expect(installable([item('vcredist', 'not-applicable')])).toEqual([]);
  });

  it('has a label for every state', () => {
    expect(Object.values(STATE_LOOK).map((l) => l.label)).toEqual([
      'Installed',
      'Missing',
      'Unknown',
      'Not applicable',
    ]);
  });
});
