// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeApi, installDomShims, json, renderInApp, testInstance, type Call } from '../../test/harness.tsx';
import { ConfigTab } from '../instances/ConfigTab.tsx';
import { TEST_CATALOGUE } from './test-catalogue.ts';

const GUS = '[ServerSettings]\r\nTamingSpeedMultiplier=2\r\n\r\n[SessionSettings]\r\nSessionName=Demo\r\n';

function serve() {
  fakeApi((c: Call) =>
    c.path.endsWith('/game-settings/catalogue')
      ? json(200, { settings: TEST_CATALOGUE })
      : new Response(c.path.endsWith('Game.ini') ? '' : GUS, { headers: { 'content-type': 'text/plain' } }),
  );
}

const editor = () => screen.findByTestId<HTMLTextAreaElement>('config-editor');

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the raw editor’s wrong-section warning', () => {
  it('appears as a known key is typed under the wrong section, and goes once it is moved', async () => {
    serve();
    renderInApp(<ConfigTab instance={testInstance('STOPPED')} />);
    const area = await editor();
    await waitFor(() => expect(area.value).toContain('SessionName=Demo'));
    expect(screen.queryByTestId('config-misplaced')).toBeNull();

    fireEvent.change(area, { target: { value: `${area.value}MaxTamedDinos=100\n` } });
    const item = await screen.findByTestId('config-misplaced-item');
    expect(item.textContent).toBe('Line 6: MaxTamedDinos belongs in [ServerSettings] (it is under [SessionSettings])');

    fireEvent.click(item.querySelector('button')!);
    expect(area.value.slice(area.selectionStart, area.selectionEnd)).toBe('MaxTamedDinos=100');

    fireEvent.change(area, {
      target: {
        value: area.value
          .replace('MaxTamedDinos=100\n', '')
          .replace('[ServerSettings]\n', '[ServerSettings]\nMaxTamedDinos=100\n'),
      },
    });
    await waitFor(() => expect(screen.queryByTestId('config-misplaced')).toBeNull());
  });
});
