// attack.nosqli (Mongo operators as keys or values) and attack.prototype_pollution (__proto__, constructor.prototype).
import { WordTable, isAlpha, isDigit, isSpace, minLevel, isSep, hasSpace, byteAt, at, containsAt, startsWithAt } from "./words";
import { ByteBuf } from "./decode";

const MONGO_STRONG: string[] = ["$where", "$function", "$accumulator", "$expr", "$ne", "$gt", "$gte", "$lt", "$lte", "$nin", "$regex", "$exists", "$or", "$nor", "$not", "$in", "$eq", "$elemmatch", "$jsonschema"];
// query operators CRS 942290 lists that are not in MONGO_STRONG: an operator as a whole key ($text, $size)
// ($type stays weak: .NET JSON uses "$type" for type names)
const MONGO_KEY_L1: string[] = ["$text", "$size", "$mod", "$all", "$and", "$slice"];
const MONGO_WEAK: string[] = ["$and", "$size", "$type", "$mod", "$all", "$text", "$lookup", "$match", "$group", "$slice", "$comment"];

function mongoOpAt(s: Uint8Array, p: i32, end: i32, list: string[]): i32 {
  for (let k = 0; k < list.length; k++) {
    const op = unchecked(list[k]);
    if (!startsWithAt(s, p, end, op)) continue;
    const after = at(s, p + op.length, end);
    if (after == -1 || !(isAlpha(after) || isDigit(after) || after == 0x5f)) return k;
  }
  return -1;
}

/** `key`: the field name (JSON key, or a query parameter name like user[$ne]); `s`: the value. */
export function nosqliLevel(key: Uint8Array, keyLen: i32, s: Uint8Array, start: i32, end: i32): i32 {
  let best = 0;
  // keys: a JSON key that is an operator, or a bracketed operator in a query parameter name
  for (let i = 0; i < keyLen; i++) {
    if (byteAt(key, i) != 0x24) continue;
    if (i > 0 && !(byteAt(key, i - 1) == 0x5b || byteAt(key, i - 1) == 0x2e)) continue;
    if (mongoOpAt(key, i, keyLen, MONGO_STRONG) >= 0 || mongoOpAt(key, i, keyLen, MONGO_KEY_L1) >= 0) { best = 1; break; }
    if (mongoOpAt(key, i, keyLen, MONGO_WEAK) >= 0) best = minLevel(best, 2);
  }
  // values: an operator in a JSON-ish or bracket shape ({"$ne": 1}, [$ne]=, $where: "this.x…")
  for (let i = start; i < end; i++) {
    if (byteAt(s, i) != 0x24) continue;
    const b = at(s, i - 1, end);
    if (!(b == 0x5b || b == 0x7b || b == 0x22 || b == 0x27 || b == -1 || i == start || isSpace(b) || b == 0x2c)) continue;
    if (!isAlpha(at(s, i + 1, end))) continue; // every operator is '$' and a letter ("${", "$$", "$1" try none)
    const k = mongoOpAt(s, i, end, MONGO_STRONG);
    if (k < 0) continue;
    // followed by ] or " or : (after optional quote/space)
    let j = i + unchecked(MONGO_STRONG[k]).length;
    if (at(s, j, end) == 0x22 || at(s, j, end) == 0x27) j++;
    while (j < end && isSpace(byteAt(s, j))) j++;
    const a = at(s, j, end);
    if (a == 0x3a || a == 0x5d) { best = minLevel(best, b == 0x5b || b == 0x22 || b == 0x7b || b == 0x27 ? 1 : 2); }
    else if (k == 0 && (i == start)) best = minLevel(best, 2);
    if (best == 1) return 1;
  }
  if (containsAt(s, start, end, "this.") >= 0 && (containsAt(s, start, end, "sleep(") >= 0 || containsAt(s, start, end, "return ") >= 0 || containsAt(s, start, end, "db.") >= 0)) best = minLevel(best, 2);
  return best;
}

// ---------------------------------------------------------------------------------------------------------
// attack.prototype_pollution

// attack.prototype_pollution

function pollutionIn(s: Uint8Array, start: i32, end: i32): i32 {
  let best = 0;
  // every occurrence counts (the first "__proto__" may be prose, a later one a path segment)
  let p = containsAt(s, start, end, "__proto__");
  while (p >= 0) {
    const b = at(s, p - 1, end), a = at(s, p + 9, end);
    // as a path segment: [__proto__], .__proto__, "__proto__": , __proto__[x] / .x
    if (b == 0x5b || b == 0x2e || b == 0x22 || b == 0x27 || p == start || a == 0x5b || a == 0x2e || a == 0x5d || a == 0x3d) return 1;
    best = 3;
    p = containsAt(s, p + 9, end, "__proto__");
  }
  let c = containsAt(s, start, end, "constructor");
  while (c >= 0) {
    // constructor.prototype, constructor[prototype], constructor["prototype"], with spaces (CRS 934130)
    let j = c + 11;
    let sep = false;
    while (j < end && j < c + 24) {
      const x = byteAt(s, j);
      if (x == 0x5d || x == 0x5b || x == 0x2e || x == 0x22 || x == 0x27) { sep = true; j++; continue; }
      if (isSpace(x)) { j++; continue; }
      break;
    }
    if (sep && startsWithAt(s, j, end, "prototype")) return 1;
    c = containsAt(s, c + 11, end, "constructor");
  }
  return best;
}

export function prototypePollutionLevel(key: Uint8Array, keyLen: i32, s: Uint8Array, start: i32, end: i32): i32 {
  let best = 0;
  if (keyLen > 0) {
    const k = pollutionIn(key, 0, keyLen);
    if (k > 0) best = 1;
    if ((keyLen == 9 && startsWithAt(key, 0, keyLen, "prototype")) || (keyLen >= 10 && startsWithAt(key, keyLen - 10, keyLen, ".prototype"))) best = minLevel(best, 2);
  }
  const v = pollutionIn(s, start, end);
  if (v > 0) best = minLevel(best, v);
  return best;
}
