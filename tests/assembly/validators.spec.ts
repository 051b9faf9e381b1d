import {
  Validators, abaRouting, base64, birthDate, caSin, cardIin, date, email, entropy, iban, ip, ipv4, ipv6, jwt, luhn,
  notPlaceholder, passwordValue, phone, privateKey, publicIp, runValidator, secretShape, shannonEntropy, ssn, ukNhs,
  ukNino, usDriversLicense, usPassport, awsSecretKey, validatorByName, validatorIdByName, validatorNames,
} from "../../assembly/validators/index";

function bytes(s: string): Uint8Array {
  return Uint8Array.wrap(String.UTF8.encode(s));
}

// Calls a validator over a whole string.
type Fn = (b: Uint8Array, s: i32, e: i32) => bool;
function all(fn: Fn, values: string[], want: bool): void {
  for (let i = 0; i < values.length; i++) {
    const b = bytes(values[i]);
    expect(fn(b, 0, b.length)).toBe(want, values[i]);
  }
}

// Calls a validator over `needle` where it sits inside `text` (validators may look just outside the match).
function inside(fn: Fn, text: string, needle: string, want: bool): void {
  const b = bytes(text);
  const s = String.UTF8.byteLength(text.substring(0, text.indexOf(needle)));
  expect(fn(b, s, s + String.UTF8.byteLength(needle))).toBe(want, text);
}

describe("luhn and card_iin", () => {
  test("well-known test card numbers pass both", () => {
    const ok = ["4111111111111111", "5555555555554444", "378282246310005", "6011111111111117", "3530111333300000",
      "30569309025904", "4539 1488 0343 6467", "2223003122003222", "6200000000000005", "4000-0566-5566-5556",
      "36227206271667", "6759649826438453", "135410014004955", "2200000000000004"];
    all(luhn, ok, true);
    all(cardIin, ok, true);
  });
  test("Luhn failures, wrong lengths, one repeated digit, bad separators", () => {
    all(luhn, ["4111111111111112", "4539 1488 0343 6468", "0000000000000000", "12345678901", "41111111111111111111",
      "4111 1111 1111 111a", " 4111111111111111", "4111111111111111-", "4111--1111111111111"], false);
  });
  test("card_iin refuses Luhn-valid numbers outside issuer ranges or with the wrong length", () => {
    all(cardIin, ["1234567812345670", "9111111111111116", "3782822463100050", "7000000000000000", "400000000001"], false);
  });
  test("card_iin refuses a slice of a longer number: after '+', after a digit group, before a further group", () => {
    inside(cardIin, "mobile +4940959209761", "4940959209761", false);
    inside(cardIin, "IBAN SE52 4177 6169 6244 7621 2045", "4177 6169 6244 7621", false);
    inside(cardIin, "4539 1488 0343 6467 1234 5678", "4539 1488 0343 6467", false);
    inside(cardIin, "card 4539 1488 0343 6467 12/29", "4539 1488 0343 6467", true);
    inside(cardIin, "card 4539-1488-0343-6467 - thanks", "4539-1488-0343-6467", true);
    inside(cardIin, "4539148803436467", "4539148803436467", true);
  });
  test("card_iin refuses a number right after an id word", () => {
    inside(cardIin, "The order 4539148803436467 placed", "4539148803436467", false);
    inside(cardIin, "invoice #4539148803436467", "4539148803436467", false);
    inside(cardIin, "my card 4539148803436467", "4539148803436467", true);
    inside(cardIin, "reorder4539148803436467", "4539148803436467", true);
  });
});

// Builds an IBAN with correct check digits for a BBAN (ISO 7064 mod 97-10), to test the BBAN rules alone.
function ibanWithCheck(cc: string, bban: string): string {
  const r = bban + cc + "00";
  let rem = 0;
  for (let i = 0; i < r.length; i++) {
    const c = r.charCodeAt(i);
    if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97;
    else rem = (rem * 100 + (c - 55)) % 97;
  }
  const check = 98 - rem;
  return cc + (check < 10 ? "0" : "") + check.toString() + bban;
}

describe("iban", () => {
  test("published example IBANs of several countries", () => {
    all(iban, ["DE89 3704 0044 0532 0130 00", "GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432",
      "FR14 2004 1010 0505 0001 3M02 606", "NL91 ABNA 0417 1643 00", "BE68 5390 0754 7034",
      "CH93 0076 2011 6238 5295 7", "NO93 8601 1117 947", "ES91 2100 0418 4502 0005 1332",
      "IT60 X054 2811 1010 0000 0123 456", "SA03 8000 0000 6080 1016 7519", "MT84 MALT 0110 0001 2345 MTLC AST0 01S",
      "de89370400440532013000", "AT611904300234573201", "PL61109010140000071219812874", "SE4550000000058398257466",
      "DK5000400440116243", "FI2112345600000785", "IE29AIBK93115212345678", "PT50000201231234567890154",
      "ES9121000418450200051332", "BE68539007547034", "KW81CBKU0000000000001234560101"], true);
  });
  test("wrong check digits, wrong length for the country, unknown country, junk", () => {
    all(iban, ["DE89 3704 0044 0532 0130 01", "GB82 WEST 1234 5698 7654 3", "XX82 WEST 1234 5698 7654 32",
      "DE00 3704 0044 0532 0130 00", "DE89-3704-0044-0532-0130-00", "DE89  3704 0044 0532 0130 00", "DE89",
      "NO93 8601 1117 9477"], false);
  });
  test("BBAN structure: a letter where the country has digits fails even when mod 97 holds", () => {
    // GB: 4 letters then 14 digits; this one satisfies mod 97 with a letter among the digits
    all(iban, [ibanWithCheck("GB", "NWBK6016133192681C"), ibanWithCheck("DE", "37040044053201300A"),
      ibanWithCheck("NL", "1BNA0417164300")], false);
    all(iban, [ibanWithCheck("GB", "NWBK60161331926819"), ibanWithCheck("DE", "370400440532013000")], true);
  });
});

describe("ssn", () => {
  test("valid numbers in the three written forms", () => {
    all(ssn, ["536-22-1234", "536 22 1234", "536221234", "001-01-0001", "899-99-9998"], true);
  });
  test("SSA rules and known invalid/advertising numbers", () => {
    all(ssn, ["000-12-3456", "666-12-3456", "900-12-3456", "999-12-3456", "123-00-4567", "123-45-0000",
      "078-05-1120", "219-09-9999", "123-45-6789", "111-11-1111", "536-22 1234", "53-622-1234", "5362212345",
      "536-22-123"], false);
  });
});

describe("aba_routing", () => {
  test("real routing numbers", () => {
    all(abaRouting, ["011000015", "021000021", "121000358", "026009593"], true);
  });
  test("checksum failures and prefixes no Federal Reserve district uses", () => {
    all(abaRouting, ["021000022", "000000000", "131000021", "91100001x", "12100035"], false);
  });
});

describe("jwt", () => {
  test("header with alg and JSON payload", () => {
    all(jwt, [
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
      "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.",
    ], true);
  });
  test("no alg, alg only nested or as a prefix, not JSON, not objects, two parts", () => {
    all(jwt, [
      "eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxIn0.abc",
      "eyJhbGdvIjoieCJ9.eyJzdWIiOiIxIn0.abc",
      "eyJhbGciOiJIUzI1NiI.eyJzdWIiOiIxIn0.abc",
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.bm90IGpzb24.abc",
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.WzEsMl0.abc",
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0",
      "a.b.c", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.a!c",
    ], false);
  });
});

describe("ip addresses", () => {
  test("IPv4 syntax", () => {
    all(ipv4, ["192.168.1.1", "8.8.8.8", "255.255.255.255", "0.0.0.0"], true);
    all(ipv4, ["256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4.", "1..2.3", "1.2.3.4a", "1234.1.1.1"], false);
  });
  test("IPv4 inside a longer dotted run is refused", () => {
    const b = bytes("oid 1.3.6.1.4.1.311 v 1.2.3.4.5");
    expect(ipv4(b, 4, 11)).toBe(false); // 1.3.6.1 followed by .4
    expect(ipv4(b, 24, 31)).toBe(false); // 1.2.3.4 followed by .5
    const c = bytes("host 10.0.0.1.");
    expect(ipv4(c, 5, 13)).toBe(true); // a sentence-ending dot is fine
    const ua = bytes("Mozilla/5.0 Chrome/120.0.0.0 Safari/537.36 http://10.0.0.1/");
    expect(ipv4(ua, 19, 28)).toBe(false); // Chrome/120.0.0.0
    expect(ipv4(ua, 50, 58)).toBe(true); // http://10.0.0.1
  });
  test("IPv6 syntax", () => {
    all(ipv6, ["2001:db8::1", "::1", "fe80::1ff:fe23:4567:890a", "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
      "::ffff:192.0.2.128", "1:2:3:4:5:6:7:8", "2001:db8::", "1::"], true);
    all(ipv6, ["12:30:45", "1::2::3", "12345::1", "::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:",
      "g::1", "1:2:3:4:5:6:7::8:9", "fe80::1%eth0"], false);
  });
  test("ip is either; public_ip refuses private, loopback, link-local and documentation ranges", () => {
    all(ip, ["10.1.2.3", "2001:db8::1"], true);
    all(ip, ["10.1.2", "hello"], false);
    all(publicIp, ["8.8.8.8", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "100.128.0.1"], true);
    all(publicIp, ["10.0.0.1", "192.168.0.1", "172.16.5.4", "127.0.0.1", "169.254.1.1", "100.64.0.1",
      "192.0.2.1", "198.51.100.7", "203.0.113.9", "224.0.0.1", "2001:db8::1", "::1", "fe80::1", "fd00::1",
      "::ffff:10.0.0.1", "ff02::1"], false);
  });
});

describe("dates", () => {
  test("real calendar dates in common formats", () => {
    all(date, ["1985-03-15", "2020-02-29", "2000-02-29", "03/15/1985", "15/03/1985", "15.03.1985", "15-03-1985",
      "1985/03/15", "19850315", "15 Mar 1985", "15 March 1985", "March 15, 1985", "Sept 1 1999", "1985 Mar 15",
      "1985-03-15T10:20:30Z", "1985-03-15T10:20:30.123+02:00"], true);
  });
  test("impossible dates and mixed forms", () => {
    all(date, ["2019-02-29", "1900-02-29", "13/13/1985", "31.04.1985", "2021-13-01", "1985-03/15", "1985-3-150",
      "15 Foo 1985", "1985 03 15", "99999999", "2021-00-10", "v1.2.3.4",
      "1985-02-30T10:20:30Z", "1985-03-15Tfoo"], false);
  });
  test("birth_date: 1900 up to the year bound (constant, or the parameter)", () => {
    all((b: Uint8Array, s: i32, e: i32): bool => birthDate(b, s, e), ["1985-03-15", "1900-01-01", "2025-12-31"], true);
    all((b: Uint8Array, s: i32, e: i32): bool => birthDate(b, s, e), ["1899-12-31", "2026-01-01", "2999-01-01"], false);
    const b = bytes("2028-06-01");
    expect(birthDate(b, 0, b.length, 2030)).toBe(true);
  });
});

describe("entropy", () => {
  test("Shannon entropy in bits per byte", () => {
    const a = bytes("aaaaaaaa");
    expect(shannonEntropy(a, 0, a.length)).toBe(0.0);
    const c = bytes("abcdefgh");
    expect(shannonEntropy(c, 0, c.length)).toBeCloseTo(3.0);
    const d = bytes("aabb");
    expect(shannonEntropy(d, 0, d.length)).toBeCloseTo(1.0);
    // the histogram is reset between calls
    expect(shannonEntropy(d, 0, d.length)).toBeCloseTo(1.0);
    expect(entropy(c, 0, c.length, 3.0)).toBe(true);
    expect(entropy(c, 0, c.length, 3.5)).toBe(false);
  });
});

describe("national identifiers", () => {
  test("uk_nino", () => {
    all(ukNino, ["AB123456C", "AB 12 34 56 C", "ce123456d", "AB123456"], true);
    all(ukNino, ["QQ123456C", "BG123456A", "AB123456E", "AO123456A", "AB12345C", "DA123456A", "ZZ123456A",
      "A1123456C"], false);
  });
  test("uk_nhs (mod 11)", () => {
    all(ukNhs, ["943 476 5919", "9434765919", "943-476-5919"], true);
    all(ukNhs, ["943 476 5918", "1111111111", "943476591"], false);
  });
  test("ca_sin (Luhn, no 0 or 8 prefix)", () => {
    all(caSin, ["130 692 544", "130-692-551", "130692544"], true);
    all(caSin, ["046 454 286", "130 692 545", "830 692 541", "13069254"], false);
  });
  test("us_passport and us_drivers_license shapes", () => {
    all(usPassport, ["A12345678", "123456789", "C03005988"], true);
    all(usPassport, ["000000000", "AB1234567", "12345678", "A1234567X", "111111111"], false);
    all(usDriversLicense, ["D1234567", "123456789", "A123-4567-8901", "WA12345678", "S1234"], true);
    all(usDriversLicense, ["ABC12345", "12345", "11111111", "D12-", "A1B2C3D4", "123456789012345"], false);
  });
});

describe("ip after a version word", () => {
  test("build/version numbers are not addresses; other prose is", () => {
    inside(ip, "retrying, build 1.1.58.182", "1.1.58.182", false);
    inside(ip, "Version: 10.0.19041.1", "10.0.19041.1", false);
    inside(ip, "login from 81.2.69.160", "81.2.69.160", true);
    inside(ip, "rebuild81.2.69.160", "81.2.69.160", true);
  });
});

describe("email", () => {
  test("structure and a real-looking TLD", () => {
    all(email, ["john.doe@example.com", "a@b.co", "first+tag@mail.example.org", "x_y@sub.domain.museum",
      "o'brien@corp.ie", "user@xn--bcher-kva.ch"], true);
    all(email, ["logo@2x.png", "user@localhost", ".a@b.com", "a.@b.com", "a..b@c.com", "a@-b.com", "a@b.c",
      "user@host.123", "${user}@x.com", "a@b@c.com", "@b.com", "a@b..com", "icon@3x.webp", "dev@svc.internal"], false);
  });
  test("URL credentials are not mailboxes", () => {
    inside(email, "redis://root:vc551tAQSUOB@mongo-0.mongo:6379/0", "vc551tAQSUOB@mongo-0.mongo", false);
    inside(email, "postgres://app:s3cr3t@db.example.com/orders", "s3cr3t@db.example.com", false);
    inside(email, "mailto:ana@example.com", "ana@example.com", true);
    inside(email, "see https://example.com/u ana@example.com", "ana@example.com", true);
  });
});

describe("phone", () => {
  test("E.164, NANP and national forms", () => {
    all(phone, ["+1 212-456-7890", "(212) 456-7890", "212.456.7890", "212-555-1234", "+44 20 7946 0018",
      "0044 20 7946 0018", "020 7946 0018", "+49 30 901820", "1-212-456-7890", "0382115394", "0376 496 5354",
      "01747 955024"], true);
  });
  test("a slice of a longer digit run is not a phone", () => {
    inside(phone, "TR68 7743 1333 7003 0072 0931 90", "0072 0931 90", false);
    inside(phone, "card 6011-0089-8854-0008", "0089-8854-0008", false);
    inside(phone, "call 0044 20 7946 0018", "0044 20 7946 0018", true);
  });
  test("NANP rules, the 555-01xx fiction range, timestamps, junk", () => {
    all(phone, ["212-555-0123", "123-456-7890", "911-456-7890", "212-156-7890", "1700000000", "+1 123 456 7890",
      "+0 20 7946 0018", "(212 456-7890", "12345", "+1 212 456 78901", "555-0100", "2125551212x", "1111111111",
      "292-456-7890"], false);
  });
});

describe("secret shapes", () => {
  test("private_key: real PKCS#8, SEC1 and OpenSSH keys; escaped newlines", () => {
    all(privateKey, [
      "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgj1nSc1/+HIcwhsfM\n1Dd6Mml5ynlmAgKAJ0K0fYBzYaShRANCAARIavhe5EossJ2OEwQTF3t25gzv3g+A\noGy0AwHUF+dhsjwRCQP8l0PZYPcsjaBA+rrCHN8FKWv/Ff0wzRH/k1G4\n-----END PRIVATE KEY-----",
      "-----BEGIN EC PRIVATE KEY-----\\nMHcCAQEEII9Z0nNf/hyHMIbHzNQ3ejJpecp5ZgICgCdCtH2Ac2GkoAoGCCqGSM49\\nAwEHoUQDQgAESGr4XuRKLLCdjhMEExd7duYM794PgKBstAMB1BfnYbI8EQkD/JdD\\n2WD3LI2gQPq6whzfBSlr/xX9MM0R/5NRuA==\\n-----END EC PRIVATE KEY-----",
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACC4p20ZQfUcXR5WonGbyS1YEKOp4SlFVIrQUERYzFpFZAAAAIhOgWrpToFq\n6QAAAAtzc2gtZWQyNTUxOQAAACC4p20ZQfUcXR5WonGbyS1YEKOp4SlFVIrQUERYzFpFZA\nAAAEAL9esYvtfQCT31OcZMKLo3HMkQi+WAFe/74/Hwhw/WF7inbRlB9RxdHlaicZvJLVgQ\no6nhKUVUitBQRFjMWkVkAAAAAAECAwQF\n-----END OPENSSH PRIVATE KEY-----",
      "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF\n\nMHcCAQEEII9Z0nNf/hyHMIbHzNQ3ejJpecp5ZgICgCdCtH2Ac2GkoAoGCCqGSM49\nAwEHoUQDQgAESGr4XuRKLLCdjhMEExd7duYM794PgKBstAMB1BfnYbI8EQkD/JdD\n2WD3LI2gQPq6whzfBSlr/xX9MM0R/5NRuA==\n-----END EC PRIVATE KEY-----",
    ], true);
  });
  test("private_key: elided, redacted, public, or truncated blocks", () => {
    all(privateKey, [
      "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----",
      "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA<redacted>\n-----END RSA PRIVATE KEY-----",
      "-----BEGIN RSA PRIVATE KEY-----\nREDACTEDREDACTEDREDACTEDREDACTEDREDACTED\n-----END RSA PRIVATE KEY-----",
      "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAESGr4XuRKLLCdjhMEExd7duYM794PgKBstAMB1BfnYbI8EQkD/JdD2WD3LI2gQPq6whzfBSlr/xX9MM0R/5NRuA==\n-----END PUBLIC KEY-----",
      "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgj1nSc1/+HIcwhsfM\n1Dd6Mml5ynlmAgKAJ0K0fYBzYaShRANCAARIavhe5EossJ2OEwQTF3t25gzv3g+A\n",
      "-----BEGIN PRIVATE KEY-----\nQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\n-----END PRIVATE KEY-----",
    ], false);
  });
  test("aws_secret_key", () => {
    all(awsSecretKey, ["MAowDHGQ1YuiAYIsUs+QgkJ04GDNr+cbNTlqXcgO", "9dK2vQx7Lr+P0aZmB3nYt/8uWc5HfJ1sE4gRkT6o"], true);
    all(awsSecretKey, ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "0123456789abcdef0123456789abcdef01234567",
      "MAowDHGQ1YuiAYIsUs+QgkJ04GDNr+cbNTlqXcg", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAa1",
      "MAowDHGQ1YuiAYIsUs-QgkJ04GDNr+cbNTlqXcgO"], false);
  });
  test("not_placeholder, secret_shape, password_value", () => {
    all(notPlaceholder, ["sk_live_51HqLyjWDarjtT1zdp7dc", "hunter2"], true);
    all(notPlaceholder, ["${API_KEY}", "{{ token }}", "<your-api-key>", "xxxxxxxxxxxx", "********", "$TOKEN",
      "YOUR_API_KEY_HERE", "ENC[AES256_GCM,data:abc]", "changeme", "[REDACTED]", "<%= key %>"], false);
    all((b: Uint8Array, s: i32, e: i32): bool => secretShape(b, s, e), ["sk_live_51HqLyjWDarjtT1zdp7dc", "a8Kd93jfLq0PzX7mN2vB", "Zm9vYmFyYmF6cXV4MTIz"], true);
    all((b: Uint8Array, s: i32, e: i32): bool => secretShape(b, s, e), ["123e4567-e89b-12d3-a456-426614174000", "da39a3ee5e6b4b0d3255bfef95601890afd80709",
      "d41d8cd98f00b204e9800998ecf8427e", "1700000000000", "v1.2.3", "https://api.x.io/v1/k9", "my_api_key_name",
      "${API_KEY}", "{{ token }}", "aaaa1111aaaa1111", "has space 123abc", "1.2.3-beta.4"], false);
    all(passwordValue, ["hunter2!", "S3cr3t-P@ss", "correct horse battery staple", "Tr0ub4dor&3"], true);
    all(passwordValue, ["true", "********", "${DB_PASSWORD}", "abc", "string", "<password>", "null", "Password",
      "changeme", "{{ .Values.password }}"], false);
  });
  test("base64 with a minimum decoded size", () => {
    const b = bytes("SGVsbG8gV29ybGQhIFRoaXMgaXMgYmFzZTY0");
    expect(base64(b, 0, b.length, 0)).toBe(true);
    const s = bytes("SGVsbG8");
    expect(base64(s, 0, s.length, 0)).toBe(false);
    expect(base64(s, 0, s.length, 4)).toBe(true);
    const bad = bytes("not base64!!");
    expect(base64(bad, 0, bad.length, 1)).toBe(false);
    const pad = bytes("SGVsbG8=x");
    expect(base64(pad, 0, pad.length, 1)).toBe(false);
  });
});

describe("registry", () => {
  test("names map to ids and back; unknown is -1", () => {
    const names = validatorNames();
    expect(names.length).toBeGreaterThanOrEqual(26);
    for (let i = 0; i < names.length; i++) {
      expect(validatorIdByName(names[i])).toBe(i);
      expect(validatorByName(names[i])).toBe(i);
    }
    expect(validatorIdByName("nope")).toBe(-1);
    expect(validatorIdByName("")).toBe(-1);
    expect(validatorIdByName("LUHN")).toBe(-1);
    names[0] = "changed"; // a copy: the registry is not affected
    expect(validatorIdByName("luhn")).toBe(0);
  });
  test("run dispatches with the parameter", () => {
    const v = new Validators();
    const card = bytes("x 4111 1111 1111 1111 y");
    expect(v.run(validatorIdByName("luhn"), 0, card, 2, 21)).toBe(true);
    expect(v.run(validatorIdByName("luhn"), 0, card, 2, 20)).toBe(false);
    const e = bytes("abcdefgh");
    expect(v.run(validatorIdByName("entropy"), 2.5, e, 0, 8)).toBe(true);
    expect(v.run(validatorIdByName("entropy"), 3.5, e, 0, 8)).toBe(false);
    const d = bytes("2028-06-01");
    expect(v.run(validatorIdByName("birth_date"), 0, d, 0, 10)).toBe(false);
    expect(v.run(validatorIdByName("birth_date"), 2030, d, 0, 10)).toBe(true);
    expect(runValidator(validatorIdByName("iban"), bytes("NL91ABNA0417164300"), 0, 18, 0)).toBe(true);
    expect(v.run(-1, 0, card, 0, 4)).toBe(false);
    expect(v.run(9999, 0, card, 0, 4)).toBe(false);
  });
  test("never traps on out-of-range spans or arbitrary bytes", () => {
    const v = new Validators();
    const n = validatorNames().length;
    const buf = new Uint8Array(300);
    let seed: u32 = 12345;
    for (let round = 0; round < 60; round++) {
      for (let i = 0; i < buf.length; i++) {
        seed = seed * 1103515245 + 12345;
        // bias towards the bytes validators care about
        const r = (seed >> 16) & 0xff;
        buf[i] = <u8>(round % 2 == 0 ? r : ("0123456789-. :/+=@abcdefABCDEF{}\"\\-\nxyz".charCodeAt(r % 40)));
      }
      const len = <i32>((seed >> 8) % 300);
      for (let id = -1; id <= n; id++) {
        v.run(id, 3.0, buf, -10, len + 50);
        v.run(id, 0, buf, 5, len);
        v.run(id, 0, buf, len, 2);
        v.run(id, 0, buf, 400, 500);
      }
    }
    const empty = new Uint8Array(0);
    for (let id = 0; id < n; id++) expect(v.run(id, 0, empty, 0, 0)).toBe(false);
  });
});
