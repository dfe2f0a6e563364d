/**
 * An OpenTelemetry collector stub: accepts OTLP/HTTP JSON on POST /v1/traces (answering as a
 * collector does: 200 with an empty partial-success object) and keeps what it received.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedExport {
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

export interface Collector {
  url: string;
  exports: ReceivedExport[];
  /** Every span received, with its resource's attributes flattened alongside. */
  spans(): Array<Record<string, any> & { resource: Record<string, unknown>; attrs: Record<string, unknown> }>;
  stop(): Promise<void>;
}

function flatten(attributes: Array<{ key: string; value: Record<string, any> }> = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of attributes) {
    if ('stringValue' in value) out[key] = value.stringValue;
    else if ('intValue' in value) out[key] = Number(value.intValue);
    else if ('doubleValue' in value) out[key] = value.doubleValue;
    else if ('boolValue' in value) out[key] = value.boolValue;
    else if ('arrayValue' in value) out[key] = (value.arrayValue.values ?? []).map((v: any) => v.stringValue ?? v.intValue ?? v.doubleValue);
  }
  return out;
}

export async function startCollector(): Promise<Collector> {
  const exports: ReceivedExport[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces' || !String(req.headers['content-type']).startsWith('application/json')) {
        res.writeHead(404).end();
        return;
      }
      exports.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exports,
    spans: () =>
      exports.flatMap((e) =>
        (e.body.resourceSpans ?? []).flatMap((rs: any) =>
          (rs.scopeSpans ?? []).flatMap((ss: any) => (ss.spans ?? []).map((s: any) => ({ ...s, resource: flatten(rs.resource?.attributes), attrs: flatten(s.attributes) }))),
        ),
      ),
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
