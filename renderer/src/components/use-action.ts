import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { ApiError } from '../api/http.ts';

/** A button's action: runs the call, and shows the API's own words when it fails. */
export function useAction<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
  opts: { success?: (r: R) => string } = {},
) {
  return useMutation({
    mutationFn: (args: A) => fn(...args),
    onSuccess: (r) => {
      const message = opts.success?.(r);
      if (message) notifications.show({ message, color: 'teal', autoClose: 3000 });
    },
    onError: (err) =>
      notifications.show({
        title: err instanceof ApiError && err.status === 409 ? 'Not now' : 'That did not work',
        message: err.message,
        color: 'red',
        autoClose: 8000,
      }),
  });
}
