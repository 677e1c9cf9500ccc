import { Button, FileInput, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import { SAVE_UPLOAD_MAX_BYTES, type Instance } from '@ark-asa/contracts';
import { ApiError } from '../../api/http.ts';
import { bytes } from '../../components/format.ts';
import { ImportSaveOutcome } from './ImportSaveOutcome.tsx';
import { uploadSave } from './upload-save.ts';

/**
 * "Upload a world (.zip)": a zip on THIS computer (a browser on another PC than the manager's) sent
 * to the manager and imported into the stopped server, with the same safety backup as a path import.
 */
export function UploadSaveField({ instance, blocked }: { instance: Instance; blocked: string | null }) {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const submit = async () => {
    if (!file) return;
    setError(null);
    // Refused here rather than after the browser has sent gigabytes the manager will not keep.
    if (file.size > SAVE_UPLOAD_MAX_BYTES) {
      setError(`The zip is ${bytes(file.size)}; an upload carries at most ${bytes(SAVE_UPLOAD_MAX_BYTES)}`);
      return;
    }
    setBusy(true);
    try {
      setJobId((await uploadSave(instance.id, file)).id);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err.fieldMessage('body') ?? err.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs" data-testid="upload-save">
      <Group align="flex-end">
        <FileInput
          flex={1}
          label="Upload a world (.zip)"
          description="A zip on this computer: it is sent to the manager, then imported as above"
          placeholder="Choose a .zip"
          accept=".zip,application/zip,application/x-zip-compressed"
          clearable
          value={file}
          onChange={(f) => {
            setFile(f);
            setError(null);
          }}
          error={error ?? undefined}
        />
        <Button onClick={() => void submit()} loading={busy} disabled={!file || !!blocked}>
          Upload and import
        </Button>
      </Group>
      {jobId && <ImportSaveOutcome jobId={jobId} />}
    </Stack>
  );
}
