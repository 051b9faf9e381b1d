// Deterministic benchmark corpus: realistic JSON API bodies (order/customer/catalogue shapes) of a target size
// with about one sensitive value per 2 KB, or none. Generated on demand from a seed; never committed.
import { Rng, cardNumber, email, ssn, usPhone, iban, awsAccessKey, jwt, hardNegative, HEX, ALNUM } from "../tests/support/sensitive.ts";

const WORDS = ["order", "shipped", "pending", "warehouse", "priority", "standard", "express", "blue", "large", "cotton",
  "refund", "invoice", "customer", "catalogue", "discount", "bundle", "seasonal", "return", "gift", "note", "delivery"];

function sentence(r: Rng, n: number): string {
  return Array.from({ length: n }, () => r.pick(WORDS)).join(" ");
}

function sensitive(r: Rng): [string, string | number] {
  const kind = r.int(0, 6);
  switch (kind) {
    case 0: return ["card_number", cardNumber(r, r.pick(["", " "]))];
    case 1: return ["ssn", ssn(r)];
    case 2: return ["email", email(r)];
    case 3: return ["phone", usPhone(r)];
    case 4: return ["iban", iban(r)];
    case 5: return ["access_key", awsAccessKey(r)];
    default: return ["token", jwt(r)];
  }
}

/** One record (~500–700 bytes of JSON). `leak` adds one sensitive field. */
function record(r: Rng, i: number, leak: boolean): Record<string, unknown> {
  const rec: Record<string, unknown> = {
    id: `${r.chars(8, HEX)}-${r.chars(4, HEX)}-4${r.chars(3, HEX)}-a${r.chars(3, HEX)}-${r.chars(12, HEX)}`,
    index: i,
    status: r.pick(["pending", "shipped", "delivered", "returned"]),
    created_at: `2026-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}T${String(r.int(0, 23)).padStart(2, "0")}:${String(r.int(0, 59)).padStart(2, "0")}:00Z`,
    total: { amount: r.int(100, 99999) / 100, currency: r.pick(["USD", "EUR", "GBP"]) },
    items: Array.from({ length: r.int(1, 3) }, () => ({ sku: `SKU-${r.chars(6, ALNUM)}`, qty: r.int(1, 5), price: r.int(100, 9999) / 100, title: sentence(r, 4) })),
    note: sentence(r, r.int(6, 14)),
    tags: Array.from({ length: r.int(1, 4) }, () => r.pick(WORDS)),
    ref: hardNegative(r), // realistic noise that must not be reported
    version: `${r.int(1, 9)}.${r.int(0, 20)}.${r.int(0, 99)}`,
  };
  if (leak) {
    const [k, v] = sensitive(r);
    rec.customer = { name: "Customer " + i, [k]: v };
  }
  return rec;
}

/** A JSON response body of about `bytes` bytes; one sensitive value per ~`leakEvery` bytes (0 = none). */
export function jsonBody(seed: number, bytes: number, leakEvery = 2048): string {
  const r = new Rng(seed);
  const data: unknown[] = [];
  let size = 30;
  let sinceLeak = leakEvery; // the first record leaks, then one per ~leakEvery bytes
  for (let i = 0; size < bytes; i++) {
    const leak = leakEvery > 0 && sinceLeak >= leakEvery;
    const rec = record(r, i, leak);
    const len = JSON.stringify(rec).length + 1;
    if (size + len > bytes && data.length > 0) break;
    data.push(rec);
    size += len;
    sinceLeak = leak ? 0 : sinceLeak + len;
  }
  return JSON.stringify({ data, page: { size: data.length, next: null } });
}

export interface CorpusItem { name: string; body: string }

/** The benchmark mix: 1 KB, 16 KB and 1 MB bodies, with and without findings (≈ one per 2 KB once record sizes count). */
export function corpus(seed = 42): CorpusItem[] {
  const items: CorpusItem[] = [];
  for (const [label, size] of [["1k", 1024], ["16k", 16 * 1024], ["1m", 1024 * 1024]] as const) {
    items.push({ name: `json_${label}_clean`, body: jsonBody(seed, size, 0) });
    items.push({ name: `json_${label}_findings`, body: jsonBody(seed + 1, size, 1536) });
  }
  return items;
}
