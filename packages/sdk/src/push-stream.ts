/**
 * The server's push stream of cache invalidations (`GET /api/v1/verify/events`, server-sent
 * events), read with fetch so no EventSource polyfill is needed. Reconnects with a backoff; the
 * client learns when it is up (`ready`) and when it drops.
 */
export type Invalidation =
  | { kind: 'tokens'; tokenIds: string[] }
  | { kind: 'owner'; owner: { type: string; id: string } }
  | { kind: 'org' }
  | { kind: 'resync' };

export interface PushStreamHandlers {
  onReady(): void;
  onDown(error: unknown): void;
  onInvalidate(change: Invalidation): void;
}

const BACKOFF_MS = [250, 500, 1000, 2000];

export function openPushStream(url: string, headers: Record<string, string>, handlers: PushStreamHandlers, fetchImpl: typeof fetch): { close(): void } {
  let closed = false;
  let attempt = 0;
  let controller: AbortController | null = null;

  async function readOnce(): Promise<void> {
    controller = new AbortController();
    const response = await fetchImpl(url, { headers: { ...headers, accept: 'text/event-stream' }, signal: controller.signal });
    if (!response.ok || !response.body) throw new Error(`push stream answered ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let event = 'message';
    let data = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('push stream ended');
      buffer += value;
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).replace(/\r$/, '');
        buffer = buffer.slice(newline + 1);
        if (line === '') {
          dispatch(event, data);
          event = 'message';
          data = '';
        } else if (line.startsWith('event:')) {
          event = line.slice(6).trim();
        } else if (line.startsWith('data:')) {
          data += line.slice(5).trim();
        }
      }
    }
  }

  function dispatch(event: string, data: string): void {
    if (event === 'ready') {
      attempt = 0;
      handlers.onReady();
      return;
    }
    if (event !== 'invalidate') return;
    try {
      handlers.onInvalidate(JSON.parse(data) as Invalidation);
    } catch {
      // An unreadable message: safest is to forget everything.
      handlers.onInvalidate({ kind: 'resync' });
    }
  }

  void (async () => {
    for (; !closed; attempt += 1) {
      try {
        await readOnce();
      } catch (error) {
        if (closed) return;
        handlers.onDown(error);
      }
      await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]).unref?.());
    }
  })();

  return {
    close() {
      closed = true;
      controller?.abort();
    },
  };
}
