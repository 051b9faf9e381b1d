// Validator registry: the names a policy uses (`validators: [luhn, {entropy: 3.5}]`) mapped to ids the
// compiled policy stores, and one dispatch over them. Ids are the index in NAMES and stable within a build.
import { abaRouting, caSin, cardIin, iban, luhn } from "./checksum";
import { birthDate, date } from "./date";
import { email, ip, ipv4, ipv6, phone, publicIp } from "./net";
import { ssn, ukNhs, ukNino, usDriversLicense, usPassport } from "./national";
import { awsSecretKey, base64, entropy, jwt, notPlaceholder, passwordValue, privateKey, secretShape } from "./secret";

export { abaRouting, caSin, cardIin, iban, luhn } from "./checksum";
export { birthDate, date, MAX_BIRTH_YEAR, MIN_BIRTH_YEAR } from "./date";
export { email, ip, ipv4, ipv6, phone, publicIp } from "./net";
export { ssn, ukNhs, ukNino, usDriversLicense, usPassport } from "./national";
export {
  awsSecretKey, base64, entropy, isUuid, jwt, notPlaceholder, passwordValue, privateKey, secretShape, shannonEntropy,
} from "./secret";

export const V_LUHN: i32 = 0;
export const V_CARD_IIN: i32 = 1;
export const V_IBAN: i32 = 2;
export const V_SSN: i32 = 3;
export const V_ABA_ROUTING: i32 = 4;
export const V_JWT: i32 = 5;
export const V_IPV4: i32 = 6;
export const V_IPV6: i32 = 7;
export const V_IP: i32 = 8;
export const V_PUBLIC_IP: i32 = 9;
export const V_DATE: i32 = 10;
export const V_BIRTH_DATE: i32 = 11;
export const V_ENTROPY: i32 = 12;
export const V_UK_NINO: i32 = 13;
export const V_UK_NHS: i32 = 14;
export const V_CA_SIN: i32 = 15;
export const V_EMAIL: i32 = 16;
export const V_PHONE: i32 = 17;
export const V_US_PASSPORT: i32 = 18;
export const V_US_DRIVERS_LICENSE: i32 = 19;
export const V_AWS_SECRET_KEY: i32 = 20;
export const V_PRIVATE_KEY: i32 = 21;
export const V_BASE64: i32 = 22;
export const V_NOT_PLACEHOLDER: i32 = 23;
export const V_SECRET_SHAPE: i32 = 24;
export const V_PASSWORD_VALUE: i32 = 25;

const NAMES: string[] = [
  "luhn", "card_iin", "iban", "ssn", "aba_routing", "jwt", "ipv4", "ipv6", "ip", "public_ip", "date",
  "birth_date", "entropy", "uk_nino", "uk_nhs", "ca_sin", "email", "phone", "us_passport", "us_drivers_license",
  "aws_secret_key", "private_key", "base64", "not_placeholder", "secret_shape", "password_value",
];

/** Validator id for a policy name, or -1 when unknown. */
export function validatorIdByName(name: string): i32 {
  for (let i = 0; i < NAMES.length; i++) if (unchecked(NAMES[i]) == name) return i;
  return -1;
}

/** Every validator name, in id order (a fresh copy). */
export function validatorNames(): string[] {
  return NAMES.slice(0);
}

/** The parameter a validator takes (for policy checks): "" none, else what the number means. */
export function validatorParam(id: i32): string {
  if (id == V_ENTROPY || id == V_SECRET_SHAPE) return "min_bits_per_char";
  if (id == V_BIRTH_DATE) return "max_year";
  if (id == V_BASE64) return "min_bytes";
  return "";
}

/**
 * Dispatch. `param` is the policy's number for validators that take one (0 = the validator's default).
 * Never traps: every validator clamps [start, end) to the array.
 */
export class Validators {
  run(validatorId: i32, param: f64, bytes: Uint8Array, start: i32, end: i32): bool {
    switch (validatorId) {
      case V_LUHN: return luhn(bytes, start, end);
      case V_CARD_IIN: return cardIin(bytes, start, end);
      case V_IBAN: return iban(bytes, start, end);
      case V_SSN: return ssn(bytes, start, end);
      case V_ABA_ROUTING: return abaRouting(bytes, start, end);
      case V_JWT: return jwt(bytes, start, end);
      case V_IPV4: return ipv4(bytes, start, end);
      case V_IPV6: return ipv6(bytes, start, end);
      case V_IP: return ip(bytes, start, end);
      case V_PUBLIC_IP: return publicIp(bytes, start, end);
      case V_DATE: return date(bytes, start, end);
      case V_BIRTH_DATE: return birthDate(bytes, start, end, param > 0 && param < 10000 ? <i32>param : 0);
      case V_ENTROPY: return entropy(bytes, start, end, param);
      case V_UK_NINO: return ukNino(bytes, start, end);
      case V_UK_NHS: return ukNhs(bytes, start, end);
      case V_CA_SIN: return caSin(bytes, start, end);
      case V_EMAIL: return email(bytes, start, end);
      case V_PHONE: return phone(bytes, start, end);
      case V_US_PASSPORT: return usPassport(bytes, start, end);
      case V_US_DRIVERS_LICENSE: return usDriversLicense(bytes, start, end);
      case V_AWS_SECRET_KEY: return awsSecretKey(bytes, start, end);
      case V_PRIVATE_KEY: return privateKey(bytes, start, end);
      case V_BASE64: return base64(bytes, start, end, param > 0 && param < 1e6 ? <i32>param : 0);
      case V_NOT_PLACEHOLDER: return notPlaceholder(bytes, start, end);
      case V_SECRET_SHAPE: return secretShape(bytes, start, end, param);
      case V_PASSWORD_VALUE: return passwordValue(bytes, start, end);
      default: return false;
    }
  }
}

const SHARED = new Validators();

/** The architecture document's names for the same registry. */
export function validatorByName(name: string): i32 {
  return validatorIdByName(name);
}

export function runValidator(id: i32, bytes: Uint8Array, start: i32, end: i32, param: f64): bool {
  return SHARED.run(id, param, bytes, start, end);
}
