// Demo upstream services for `npm start`: a REST customers/payments API and a gRPC customer directory.
// They leak PII and secrets "now and then" (deterministically: every response whose id is odd, and the
// debug endpoint always), so a newcomer can see MicroWAF redact, block and count them.
import { createServer, type Server, type IncomingMessage, type ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { Rng, cardNumber, email, ssn, usPhone, iban, awsAccessKey, awsSecretKey } from "../../tests/support/sensitive.ts";

export const PROTO_PATH = fileURLToPath(new URL("./customers.proto", import.meta.url));

export interface DemoCustomer {
  id: string; name: string; email: string; ssn: string; card_number: string; phone: string;
  address: { street: string; city: string; postal_code: string };
}

const NAMES = ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth", "Radia Perlman", "Ken Thompson"];

export function customer(n: number): DemoCustomer {
  const r = new Rng(1000 + n);
  return {
    id: String(n), name: NAMES[n % NAMES.length], email: email(r), ssn: ssn(r), card_number: cardNumber(r, " "), phone: usPhone(r),
    address: { street: `${r.int(1, 999)} Main Street`, city: "Springfield", postal_code: String(r.int(10000, 99999)) },
  };
}

/** What a well-behaved service returns; odd ids leak the full record, as a buggy serializer would. */
function publicView(c: DemoCustomer, n: number): Record<string, unknown> {
  if (n % 2 === 1) return { ...c };
  return { id: c.id, name: c.name, city: c.address.city };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export function restHandler(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? "/", "http://demo");
  const parts = url.pathname.split("/").filter(Boolean);
  if (parts[0] === "healthz") return send(res, 200, { ok: true });
  if (parts[0] !== "api") return send(res, 404, { error: "not found" });
  if (parts[1] === "customers" && parts.length === 2) {
    const limit = Math.min(Number(url.searchParams.get("limit") ?? 5), 500);
    return send(res, 200, { data: Array.from({ length: limit }, (_, i) => publicView(customer(i + 1), i + 1)) });
  }
  if (parts[1] === "customers" && parts.length === 3) {
    const n = Number(parts[2]);
    if (!Number.isInteger(n) || n < 1) return send(res, 404, { error: "no such customer" });
    return send(res, 200, publicView(customer(n), n));
  }
  if (parts[1] === "payments" && req.method === "POST") {
    void readBody(req).then((text) => {
      let amount = 0;
      try { amount = Number(JSON.parse(text).amount ?? 0); } catch { return send(res, 400, { error: "invalid JSON" }); }
      const r = new Rng(Math.round(amount * 100));
      send(res, 201, { id: `pay_${r.int(100000, 999999)}`, amount, status: "captured", iban: iban(r) });
    });
    return;
  }
  if (parts[1] === "debug" && parts[2] === "config") {
    // The classic leak: a debug endpoint that dumps configuration with cloud credentials.
    const r = new Rng(7);
    return send(res, 200, { service: "payments", aws_access_key_id: awsAccessKey(r), aws_secret_access_key: awsSecretKey(r), db_password: "hunter2-prod-Zq9!" });
  }
  send(res, 404, { error: "not found" });
}

export function startRest(port = 0, host = "127.0.0.1"): Promise<Server> {
  // Behind a proxy, an app server keeps idle connections open longer than the proxy does: with Node's default
  // 5 s, a request sent on a pooled connection just as the server closes it fails with a reset (Envoy answers
  // 503 "upstream connect error or disconnect/reset before headers" in that race as well).
  const server = createServer({ keepAliveTimeout: 65_000 }, restHandler);
  return new Promise((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) => reject(new Error(`demo REST service cannot listen on ${host}:${port}: ${e.code ?? e.message}`)));
    server.listen(port, host, () => resolve(server));
  });
}

export async function startGrpc(port = 0, host = "127.0.0.1"): Promise<{ server: grpc.Server; port: number }> {
  const def = protoLoader.loadSync(PROTO_PATH, { keepCase: true });
  const pkg = grpc.loadPackageDefinition(def) as any;
  const server = new grpc.Server();
  server.addService(pkg.demo.v1.Customers.service, {
    GetCustomer(call: any, cb: any) {
      const n = Number(call.request.id);
      if (!Number.isInteger(n) || n < 1) return cb({ code: grpc.status.NOT_FOUND, message: "no such customer" });
      cb(null, customer(n));
    },
    ListCustomers(call: any) {
      const limit = Math.min(Math.max(Number(call.request.limit) || 3, 1), 1000);
      for (let i = 1; i <= limit; i++) call.write(customer(i));
      call.end();
    },
  });
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(new Error(`demo gRPC service cannot listen on ${host}:${port}: ${err.message}`)) : resolve(p))));
  return { server, port: bound };
}
