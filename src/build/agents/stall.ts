// A stalled agent: one that stopped producing anything while ghost waits on it. For an exec CLI
// that is silence on stdout and stderr (process/run.ts kills it); for a model server it is a
// request accepted and then no byte for `stallMs`, before the answer or midway through it.
// The openai SDK's own timeout ends when the headers arrive, so it misses a server that goes
// quiet mid-answer, and it is retried, so a server that never answers costs every retry.

/** How long an agent may stay silent before its session ends as `stalled`. */
export const DEFAULT_STALL_MS = 10 * 60_000;

/** Thrown by a turn source whose server went silent; the loop ends the session as `stalled`. */
export class StalledError extends Error {
  override name = 'StalledError';
}

export interface StallWatch {
  /** A fetch for the SDK that restarts the clock on every byte and stops it between requests. */
  fetch: typeof fetch;
  /** Aborted when a request in flight has received nothing for `stallMs`. */
  signal: AbortSignal;
  /** Stop watching (the call is over). */
  stop(): void;
}

/**
 * A watch for one model call, retries included. Only time spent waiting on the server counts:
 * the SDK's back-off between retries does not, and every chunk of the answer restarts the clock.
 * Aborting `signal` (passed to the SDK as the call's signal) ends the call without a retry.
 */
export function watchStalls(stallMs: number, inner: typeof fetch, describe: () => string): StallWatch {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const stop = () => clearTimeout(timer);
  const arm = () => {
    stop();
    timer = setTimeout(() => controller.abort(new StalledError(describe())), stallMs);
  };
  const watched = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    arm();
    let res: Response;
    try {
      res = await inner(input, init);
    } catch (e) {
      stop();
      throw e;
    }
    if (!res.body) {
      stop();
      return res;
    }
    arm();
    const reader = res.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(out) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            stop();
            out.close();
          } else {
            arm();
            out.enqueue(value);
          }
        } catch (e) {
          stop();
          out.error(e);
        }
      },
      cancel(reason) {
        stop();
        return reader.cancel(reason);
      },
    });
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
  return { fetch: watched as typeof fetch, signal: controller.signal, stop };
}
