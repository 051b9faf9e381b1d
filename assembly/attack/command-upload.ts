// CRS 932180: an upload whose file name is one the server reads as configuration or code (.htaccess,
// wp-config.php, settings.php, config.yml, .env…): writing it is a step to command execution. Only for the
// fields that carry an upload's name (multipart `filename`, X-Filename headers): the same names are ordinary
// words in any other value.
import { startsWithAt, containsAt, isSpace } from "./words";
import { ByteBuf } from "./decode";

const CONTAINS: string[] = [".htaccess", ".htdigest", ".htpasswd", "wp-config", "config.yml", "config_dev.yml", "config_prod.yml",
  "config_test.yml", "parameters.yml", "routing.yml", "security.yml", "services.yml", "settings.php", "settings.local.php",
  "local.xml", "web.config"];
const EXACT: string[] = [".env", ".boto", "mtrr", "acpi", ".bashrc", ".profile", ".bash_profile", "authorized_keys", ".user.ini", "php.ini"];

const nameBuf = new ByteBuf(256);

function keyIs(key: Uint8Array, klen: i32, name: string): bool { return klen == name.length && startsWithAt(key, 0, klen, name); }

/** Is `key` (lower-case field name) one that carries an uploaded file's name? */
export function isUploadNameKey(key: Uint8Array, klen: i32): bool {
  if (klen > key.length) klen = key.length;
  return keyIs(key, klen, "filename") || keyIs(key, klen, "x-filename") || keyIs(key, klen, "x_filename") ||
    keyIs(key, klen, "x.filename") || keyIs(key, klen, "x-file-name");
}

/** Level 1 when the field is an upload name (isUploadNameKey) and the name (spaces removed, last path segment) is restricted. */
export function restrictedUploadLevel(key: Uint8Array, klen: i32, s: Uint8Array, start: i32, end: i32): i32 {
  if (!isUploadNameKey(key, klen)) return 0;
  if (end > s.length) end = s.length;
  // basename without whitespace ("wp-config. php" is saved as written by some stacks, read as .php by others)
  let b = start;
  for (let i = start; i < end; i++) { const c = <i32>unchecked(s[i]); if (c == 0x2f || c == 0x5c) b = i + 1; }
  const n = nameBuf;
  n.reset();
  for (let i = b; i < end && n.len < 255; i++) { const c = <i32>unchecked(s[i]); if (!isSpace(c)) n.push(c); }
  if (n.len == 0) return 0;
  for (let k = 0; k < CONTAINS.length; k++) if (containsAt(n.data, 0, n.len, unchecked(CONTAINS[k])) >= 0) return 1;
  for (let k = 0; k < EXACT.length; k++) {
    const w = unchecked(EXACT[k]);
    if (n.len == w.length && startsWithAt(n.data, 0, n.len, w)) return 1;
  }
  return 0;
}
