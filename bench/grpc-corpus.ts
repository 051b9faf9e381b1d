// Deterministic gRPC unary exchange for the benchmark: a GetCustomer-style request and a ~1 KB response
// message encoded with protobufjs and framed (1-byte flag, 4-byte big-endian length). The filter has no
// descriptor here, so it scans the protobuf schemaless (field numbers as keys), as with the default policy.
import protobuf from "protobufjs";
import { Rng, cardNumber, email, usPhone, ssn, HEX } from "../tests/support/sensitive.ts";
import type { Exchange } from "./driver.ts";

const PROTO = `
syntax = "proto3";
package shop.v1;
message GetCustomerRequest { string customer_id = 1; repeated string fields = 2; }
message Address { string line1 = 1; string city = 2; string postcode = 3; string country = 4; }
message Order { string id = 1; int64 total_cents = 2; string currency = 3; string status = 4; string note = 5; }
message Customer {
  string id = 1; string display_name = 2; string email = 3; string phone = 4; string tax_id = 5;
  Address address = 6; repeated Order orders = 7; repeated string tags = 8; int64 created_unix = 9; string card = 10;
}
`;

const root = protobuf.parse(PROTO).root;
const Req = root.lookupType("shop.v1.GetCustomerRequest");
const Cust = root.lookupType("shop.v1.Customer");

export function frame(msg: Uint8Array): Buffer {
  const b = Buffer.alloc(5 + msg.length);
  b.writeUInt8(0, 0);
  b.writeUInt32BE(msg.length, 1);
  Buffer.from(msg).copy(b, 5);
  return b;
}

const WORDS = ["priority", "standard", "express", "gift", "return", "bundle", "seasonal", "warehouse", "delivered", "pending"];

/** A customer message of about 1 KB; with `findings`, email, phone, SSN and card number are real-looking. */
export function customerMessage(seed: number, findings: boolean): Uint8Array {
  const r = new Rng(seed);
  const words = (n: number) => Array.from({ length: n }, () => r.pick(WORDS)).join(" ");
  const orders = Array.from({ length: 9 }, () => ({
    id: `ord_${r.chars(16, HEX)}`, totalCents: r.int(100, 99999), currency: r.pick(["USD", "EUR"]), status: r.pick(["pending", "shipped"]), note: words(8),
  }));
  const msg = Cust.create({
    id: `cus_${r.chars(20, HEX)}`,
    displayName: "Customer " + r.int(1, 99999),
    email: findings ? email(r) : "",
    phone: findings ? usPhone(r) : "",
    taxId: findings ? ssn(r) : "",
    card: findings ? cardNumber(r) : "",
    address: { line1: `${r.int(1, 999)} ${r.pick(WORDS)} street`, city: "Springfield", postcode: String(r.int(10000, 99999)), country: "US" },
    orders,
    tags: Array.from({ length: 4 }, () => r.pick(WORDS)),
    createdUnix: 1_700_000_000 + r.int(0, 50_000_000),
  });
  return Cust.encode(msg).finish();
}

export function grpcUnaryExchange(name: string, findings: boolean, seed = 7): Exchange {
  const req = frame(Req.encode(Req.create({ customerId: "cus_0042", fields: ["email", "phone", "orders"] })).finish());
  const resp = frame(customerMessage(seed, findings));
  return {
    name,
    requestHeaders: { ":method": "POST", ":path": "/shop.v1.Customers/GetCustomer", ":authority": "customers.svc", ":scheme": "http", "content-type": "application/grpc", te: "trailers", "content-length": String(req.length) },
    requestBody: req,
    responseHeaders: { ":status": "200", "content-type": "application/grpc" },
    responseBody: resp,
    responseTrailers: { "grpc-status": "0" },
    bytes: req.length + resp.length,
  };
}
