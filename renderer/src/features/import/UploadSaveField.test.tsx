// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Instance, Job } from '@ark-asa/contracts';
import { fakeApi, installDomShims, json, renderInApp, testInstance, type Call } from '../../test/harness.tsx';
import { UploadSaveField } from './UploadSaveField.tsx';

function job(i: Instance): Job {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    type: 'IMPORT_SAVE',
    status: 'PENDING',
    instanceId: i.id,
    agentId: null,
    params: {},
    createdAt: now,
    updatedAt: now,
    startedAt: null,
    finishedAt: null,
    error: null,
  };
}

/** The upload answers `answer`; the job it queued reads back as pending. */
function api(i: Instance, answer: (j: Job) => Response) {
  const queued = job(i);
  fakeApi((c: Call) => {
    if (c.path.endsWith('/saves/upload') && c.method === 'POST') return answer(queued);
    if (c.path.endsWith(`/jobs/${queued.id}`)) return json(200, { ...queued, runs: [] });
    return json(404, { error: { code: 'not-found', message: 'No such route' } });
  });
  return queued;
}

const refusal = (status: number, code: string, message: string, fields?: { field: string; message: string }[]) =>
  json(status, { error: { code, message, ...(fields && { details: { fields } }) } });

function pick(name = 'island.zip', data = 'PK zip bytes') {
  const file = new File([data], name, { type: 'application/zip' });
  const input = document.querySelector<HTMLInputElement>('[data-testid="upload-save"] input[type="file"]')!;
  fireEvent.change(input, { target: { files: [file] } });
  return file;
}

const uploadButton = () => screen.getByRole<HTMLButtonElement>('button', { name: 'Upload and import' });

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('UploadSaveField', () => {
  it('sends the chosen zip as the body of the upload route and shows the queued import', async () => {
    const i = testInstance('STOPPED');
    api(i, (j) => json(202, { job: j }));
    renderInApp(<UploadSaveField instance={i} blocked={null} />);
    expect(uploadButton().disabled).toBe(true);
    const file = pick();
    await waitFor(() => expect(uploadButton().disabled).toBe(false));
    fireEvent.click(uploadButton());
    expect(await screen.findByText(/Import: Waiting for its turn/)).toBeTruthy();
    const [url, init] = vi.mocked(fetch).mock.calls[0]!;
    expect(url).toBe(`/api/v1/instances/${i.id}/saves/upload`);
    expect(init).toMatchObject({ method: 'POST', body: file, headers: { 'content-type': 'application/zip' } });
  });

  it('shows the API error of the body at the field', async () => {
    const i = testInstance('STOPPED');
    api(i, () =>
      refusal(400, 'validation-failed', 'Invalid request', [
        { field: 'body', message: 'The uploaded zip holds no world save (no .ark file)' },
      ]),
    );
    renderInApp(<UploadSaveField instance={i} blocked={null} />);
    pick('notes.zip');
    fireEvent.click(uploadButton());
    expect(await screen.findByText('The uploaded zip holds no world save (no .ark file)')).toBeTruthy();
  });

  it('shows a refusal without fields (a server that started meanwhile) with its message', async () => {
    const i = testInstance('STOPPED');
    api(i, () => refusal(409, 'instance-running', 'The server is running: stop it to import a save'));
    renderInApp(<UploadSaveField instance={i} blocked={null} />);
    pick();
    fireEvent.click(uploadButton());
    expect(await screen.findByText('The server is running: stop it to import a save')).toBeTruthy();
  });

  it('refuses a zip over the cap before sending it', async () => {
    const i = testInstance('STOPPED');
    api(i, (j) => json(202, { job: j }));
    renderInApp(<UploadSaveField instance={i} blocked={null} />);
    const file = new File(['x'], 'huge.zip', { type: 'application/zip' });
    Object.defineProperty(file, 'size', { value: 9 * 1024 ** 3 });
    const input = document.querySelector<HTMLInputElement>('[data-testid="upload-save"] input[type="file"]')!;
    fireEvent.change(input, { target: { files: [file] } });
    await waitFor(() => expect(uploadButton().disabled).toBe(false));
    fireEvent.click(uploadButton());
    expect(await screen.findByText('The zip is 9.0 GiB; an upload carries at most 8.0 GiB')).toBeTruthy();
    expect(vi.mocked(fetch)).not.toHaveBeenCalled();
  });

  it('cannot upload while the server is not stopped', async () => {
    const i = testInstance('RUNNING');
    api(i, (j) => json(202, { job: j }));
    renderInApp(<UploadSaveField instance={i} blocked="The server is running: stop it" />);
    pick();
    await new Promise((r) => setTimeout(r, 0));
    expect(uploadButton().disabled).toBe(true);
    expect(vi.mocked(fetch)).not.toHaveBeenCalled();
  });
});
