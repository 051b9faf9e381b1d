// Validator names a detector may use. The filter's registry (assembly/validators/index.ts, NAMES and
// validatorParam) is the authority: names are read from it so the two never drift. A parameter, where a
// validator takes one, is optional (0 means the validator's default).
import { existsSync, readFileSync } from "node:fs";

const REGISTRY = new URL("../../assembly/validators/index.ts", import.meta.url).pathname;
const FALLBACK = ["luhn", "card_iin", "iban", "ssn", "aba_routing", "jwt", "ipv4", "ipv6", "ip", "public_ip", "date",
  "birth_date", "entropy", "uk_nino", "uk_nhs", "ca_sin", "email", "phone", "us_passport", "us_drivers_license",
  "aws_secret_key", "private_key", "base64", "not_placeholder", "secret_shape", "password_value"];
/** What the number means, for validators that take one (mirrors validatorParam in the registry). */
const PARAMS: Record<string, string> = { entropy: "min_bits_per_char", secret_shape: "min_bits_per_char", birth_date: "max_year", base64: "min_bytes" };

export interface ValidatorInfo { param: string | null }

function names(): string[] {
  if (!existsSync(REGISTRY)) return FALLBACK;
  const m = /const NAMES: string\[\] = \[([^\]]*)\]/.exec(readFileSync(REGISTRY, "utf8"));
  return m ? [...m[1].matchAll(/"([a-z0-9_]+)"/g)].map((x) => x[1]) : FALLBACK;
}

export const VALIDATORS: Record<string, ValidatorInfo> = Object.fromEntries(names().map((n) => [n, { param: PARAMS[n] ?? null }]));
