import { Select } from '@mantine/core';
import { ApiError } from '../../api/http.ts';
import { useBuilds } from '../../api/queries.ts';

/** What the build field says instead of a list when the host's builds cannot be listed. */
function unlisted(error: Error | null, hostName: string | undefined): string | null {
  if (!error) return null;
  if (error instanceof ApiError && error.code === 'agent-offline')
    return `The builds of ${hostName ?? 'this host'} cannot be listed while it is offline`;
  return `Could not list the builds: ${error.message}`;
}

/** The build a new server runs on, from the picked host's build cache (this PC when `agentId` is undefined). */
export function BuildSelect({
  agentId,
  hostName,
  value,
  onChange,
  error,
}: {
  agentId: string | undefined;
  hostName: string | undefined;
  value: string | null;
  onChange: (buildId: string | null) => void;
  error?: string;
}) {
  const builds = useBuilds(agentId);
  const options = (builds.data?.items ?? []).map((b) => ({ value: b.buildId, label: `Build ${b.buildId}` }));
  const problem = unlisted(builds.error, hostName);
  const placeholder = builds.isLoading
    ? 'Loading the builds…'
    : options.length
      ? 'Newest'
      : 'No build installed yet: the server waits for one';
  return (
    <Select
      label="Build"
      description={problem ?? `Newest installed build${agentId && hostName ? ` on ${hostName}` : ''} when left empty`}
      data={options}
      value={value}
      onChange={onChange}
      clearable
      disabled={!!problem}
      placeholder={problem ? 'Not available' : placeholder}
      error={error}
      data-testid="build-select"
    />
  );
}
