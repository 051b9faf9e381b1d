// Who is asking and who is answering: the caller's token identity and the local/peer service names.
// Token identities are never the raw token: a JWT claim (decoded WITHOUT signature verification — the
// filter attributes, it does not authenticate) or a truncated SHA-256 of an opaque token.
import { base64Decode } from "../util/base64";
import { JsonParser, JsonValue } from "../util/json";
import { sha256, hexPrefix } from "../util/sha256";

/** The token from an `Authorization` value: the part after a scheme like `Bearer` (case-insensitive), else all. */
export function tokenFromAuthorization(value: string): string {
  const v = value.trim();
  const sp = v.indexOf(" ");
  if (sp > 0) {
    const scheme = v.substring(0, sp).toLowerCase();
    if (scheme == "bearer" || scheme == "token" || scheme == "apikey") return v.substring(sp + 1).trim();
    if (scheme == "basic") return v.substring(sp + 1).trim(); // hashed like any opaque credential
  }
  return v;
}

/** A cookie's value from a `Cookie` header, or "" if absent. */
export function cookieValue(header: string, name: string): string {
  const parts = header.split(";");
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i].trim();
    const eq = p.indexOf("=");
    if (eq > 0 && p.substring(0, eq).trim() == name) return p.substring(eq + 1).trim();
  }
  return "";
}

/** A string/number claim from a JWT's payload (no verification), or null if not a JWT or no such claim. */
export function jwtClaim(token: string, claim: string): string | null {
  const bytes = Uint8Array.wrap(String.UTF8.encode(token));
  const d1 = token.indexOf(".");
  if (d1 <= 0) return null;
  const d2 = token.indexOf(".", d1 + 1);
  if (d2 < 0) return null;
  // Token is ASCII if it is a JWT, so string indexes equal byte offsets; a non-ASCII token fails to decode.
  if (bytes.length != token.length) return null;
  const payload = base64Decode(bytes, d1 + 1, d2);
  if (payload === null) return null;
  const doc = new JsonParser(payload, 16).parse();
  if (doc === null || !doc.isObject) return null;
  const v = doc.get(claim);
  if (v === null) return null;
  if (v.isString) return v.str;
  if (v.isNumber) return v.str;
  return null;
}

/** Truncated SHA-256 (16 hex digits = 64 bits) of an opaque credential. */
export function hashToken(token: string): string {
  return hexPrefix(sha256(Uint8Array.wrap(String.UTF8.encode(token))), 8);
}

/**
 * The identity a budget and the evidence use for a token: `claim:value` when a JWT claim is configured and
 * present, else `sha256:<16 hex>`. Empty token → "".
 */
export function tokenIdentity(token: string, claim: string): string {
  if (token.length == 0) return "";
  if (claim.length > 0) {
    const v = jwtClaim(token, claim);
    if (v !== null && v.length > 0) return claim + ":" + v;
  }
  return "sha256:" + hashToken(token);
}

/**
 * A service name from a SPIFFE id as Istio issues them (`spiffe://<trust domain>/ns/<ns>/sa/<sa>`):
 * `<sa>.<ns>`. Other URIs yield their path; "" when empty.
 */
export function serviceFromSpiffe(uri: string): string {
  const ns = uri.indexOf("/ns/");
  const sa = uri.indexOf("/sa/");
  if (ns >= 0 && sa > ns) {
    const nsName = uri.substring(ns + 4, sa);
    let saEnd = uri.indexOf("/", sa + 4);
    if (saEnd < 0) saEnd = uri.length;
    return uri.substring(sa + 4, saEnd) + "." + nsName;
  }
  const scheme = uri.indexOf("://");
  if (scheme >= 0) {
    const slash = uri.indexOf("/", scheme + 3);
    return slash >= 0 ? uri.substring(slash + 1) : uri.substring(scheme + 3);
  }
  return uri;
}
