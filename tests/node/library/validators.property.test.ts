// Property tests of the filter's validators (compiled to wasm): checksum algebra that must hold for every
// input, and no trap on arbitrary bytes. fast-check with a fixed seed so failures reproduce.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { registryNames } from "./load.ts";
import { loadValidators, type ValidatorHost } from "./validators-wasm.ts";

let host: ValidatorHost;
before(async () => { host = await loadValidators(); });
const enc = (s: string) => new TextEncoder().encode(s);
const check = (name: string, s: string, param = 0) => { const b = enc(s); return host.run(host.idOf(name), param, b, 0, b.length); };
const opts = { seed: 20261121, numRuns: 300 };

function luhnComplete(body: string): string {
  let sum = 0, dbl = true;
  for (let i = body.length - 1; i >= 0; i--) { let d = +body[i]; if (dbl) { d *= 2; if (d > 9) d -= 9; } sum += d; dbl = !dbl; }
  return body + ((10 - (sum % 10)) % 10);
}

test("luhn: every completed number passes, every single-digit change fails", () => {
  fc.assert(fc.property(fc.stringMatching(/^4[0-9]{14}$/), fc.nat(15), fc.integer({ min: 1, max: 9 }), (body, pos, delta) => {
    const n = luhnComplete(body);
    if (/^(\d)\1+$/.test(n)) return;
    assert.ok(check("luhn", n), n);
    assert.ok(check("card_iin", n), n);
    const changed = n.slice(0, pos) + ((+n[pos] + delta) % 10) + n.slice(pos + 1);
    assert.ok(!check("luhn", changed), changed);
  }), opts);
});

test("iban: mod 97 catches every single digit-for-digit or letter-for-letter substitution", () => {
  const base = "GB29NWBK60161331926819";
  assert.ok(check("iban", base));
  fc.assert(fc.property(fc.integer({ min: 4, max: base.length - 1 }), fc.constantFrom(..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"), (pos, c) => {
    if (base[pos] === c || /[0-9]/.test(base[pos]) !== /[0-9]/.test(c)) return;
    const changed = base.slice(0, pos) + c + base.slice(pos + 1);
    assert.ok(!check("iban", changed), changed);
  }), opts);
});

test("aba_routing: a single-digit change always breaks the 3-7-1 checksum", () => {
  const base = "021000021";
  fc.assert(fc.property(fc.nat(8), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
    const changed = base.slice(0, pos) + ((+base[pos] + delta) % 10) + base.slice(pos + 1);
    assert.ok(!check("aba_routing", changed), changed);
  }), opts);
});

test("ipv4: every dotted quad of 0-255 without leading zeros is valid, 256+ never", () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }), fc.nat(3), fc.integer({ min: 256, max: 999 }), (parts, k, big) => {
    assert.ok(check("ipv4", parts.join(".")));
    const bad = [...parts]; bad[k] = big;
    assert.ok(!check("ipv4", bad.join(".")));
  }), opts);
});

test("ipv6: canonical full and '::'-compressed forms of random addresses are valid", () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }), fc.nat(6), (g, z) => {
    const full = g.map((x) => x.toString(16)).join(":");
    assert.ok(check("ipv6", full), full);
    const comp = g.slice(0, z).map((x) => x.toString(16)).join(":") + "::" + g.slice(z + 2).map((x) => x.toString(16)).join(":");
    if (comp !== "::") assert.ok(check("ipv6", comp), comp);
  }), opts);
});

test("date: agrees with the JavaScript calendar for ISO dates", () => {
  fc.assert(fc.property(fc.integer({ min: 1000, max: 2999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
    const s = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    const dt = new Date(Date.UTC(y, m - 1, d));
    const real = dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
    assert.equal(check("date", s), real, s);
  }), opts);
});

test("entropy: matches Shannon's formula", () => {
  fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 64, unit: "binary-ascii" }), (s) => {
    const counts = new Map<string, number>();
    for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
    let h = 0;
    for (const k of counts.values()) { const p = k / s.length; h -= p * Math.log2(p); }
    if (h < 0.01) return; // a parameter of 0 means the default floor (3.0)
    assert.equal(check("entropy", s, h - 1e-9), true);
    assert.equal(check("entropy", s, h + 1e-6), false);
  }), opts);
});

test("no validator traps on arbitrary bytes or spans", () => {
  const names = registryNames();
  fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: -20, max: 420 }), fc.integer({ min: -20, max: 420 }), fc.double({ min: 0, max: 100, noNaN: true }), (bytes, s, e, param) => {
    for (const n of names) host.run(host.idOf(n), param, bytes, s, e);
  }), { seed: 7, numRuns: 200 });
});
