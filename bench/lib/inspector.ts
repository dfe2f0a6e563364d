/**
 * A minimal Chrome DevTools Protocol client for workerd's V8 inspector (Miniflare `inspectorPort`):
 * CPU profiles for the bench, the isolate's heap size for the soak test.
 * Needs a global WebSocket (Node ≥ 22, or Node 20 with --experimental-websocket).
 */
export interface Inspector {
  send<T = any>(method: string, params?: object): Promise<T>;
  /** The isolate's used heap now, in bytes (garbage included: sample it and take the low points). */
  heapUsed(): Promise<number>;
  close(): void;
}

export async function connectInspector(port: number): Promise<Inspector> {
  if (typeof WebSocket === 'undefined') throw new Error('no global WebSocket: run node with --experimental-websocket');
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as Array<{ webSocketDebuggerUrl: string; title?: string }>;
  // Miniflare adds internal workers (its loopback and entry services): profile the user's Worker.
  const target = targets.find((t) => /core:user:/.test(t.webSocketDebuggerUrl) && !/__mf|loopback/i.test(String(t.title))) ?? targets[0]!;
  // The DOM-style socket Node provides behind the flag (its type is not in @types/node 20).
  const ws = new WebSocket(target.webSocketDebuggerUrl) as unknown as {
    onopen: (e: unknown) => void;
    onerror: (e: unknown) => void;
    onmessage: (m: { data: unknown }) => void;
    send(data: string): void;
    close(): void;
  };
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let next = 1;
  const waiting = new Map<number, (v: any) => void>();
  ws.onmessage = (m) => {
    const msg = JSON.parse(String(m.data));
    if (msg.id && waiting.has(msg.id)) {
      waiting.get(msg.id)!(msg.result ?? msg.error);
      waiting.delete(msg.id);
    }
  };
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  return {
    send,
    // workerd does not answer HeapProfiler.collectGarbage, so there is no forced GC: callers
    // sample this under load, where collections are frequent, and use the minimum.
    async heapUsed() {
      return (await send<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize;
    },
    close: () => ws.close(),
  };
}
