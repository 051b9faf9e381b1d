// The compact protobuf descriptor the policy carries (the CLI produces it from .proto files with protobufjs):
//
//   {"types": [{"name": "pkg.User", "fields": [[1, "name", "string"], [2, "ssn", "string"],
//                                               [3, "address", "pkg.Address"], [4, "tags", "string"]]},
//              {"name": "pkg.Address", "fields": [[1, "street", "string"]]}],
//    "methods": {"/pkg.Users/Get": ["pkg.GetUserRequest", "pkg.User"]}}
//
// A field is [number, name, type]: type is a scalar name (double float int64 uint64 int32 fixed64 fixed32
// bool string bytes uint32 enum sfixed32 sfixed64 sint32 sint64) or the full name of a message type listed
// in `types`. Repetition and packing need no flag: the wire type tells. `methods` maps a gRPC :path to its
// [request, response] message types.
import { JsonParser, JsonValue } from "../util/json";

export const enum PType {
  Double = 1, Float = 2, Int64 = 3, Uint64 = 4, Int32 = 5, Fixed64 = 6, Fixed32 = 7, Bool = 8, String = 9,
  Message = 11, Bytes = 12, Uint32 = 13, Enum = 14, Sfixed32 = 15, Sfixed64 = 16, Sint32 = 17, Sint64 = 18,
}

const SCALARS = ["", "double", "float", "int64", "uint64", "int32", "fixed64", "fixed32", "bool", "string", "",
  "", "bytes", "uint32", "enum", "sfixed32", "sfixed64", "sint32", "sint64"];

export class ProtoField {
  constructor(public number: i32, public name: string, public type: i32, public msg: i32) {}
}

export class ProtoType {
  fields: ProtoField[] = [];
  byNumber: Map<i32, i32> = new Map();
  constructor(public name: string) {}

  /** index into `fields`, or -1 */
  find(number: i32): i32 {
    return this.byNumber.has(number) ? this.byNumber.get(number) : -1;
  }
}

export class ProtoSchema {
  types: ProtoType[] = [];
  byName: Map<string, i32> = new Map();
  methodReq: Map<string, i32> = new Map();
  methodResp: Map<string, i32> = new Map();
  error: string = "";

  /** message type index by full name, or -1 */
  typeIndex(name: string): i32 {
    return this.byName.has(name) ? this.byName.get(name) : -1;
  }

  /** message type for a gRPC :path (`/pkg.Service/Method`), request or response side; -1 if unknown */
  methodType(path: string, response: bool): i32 {
    const m = response ? this.methodResp : this.methodReq;
    return m.has(path) ? m.get(path) : -1;
  }

  /** Parses the descriptor; on a problem returns a schema with `error` set (and no types). */
  static fromJson(text: string): ProtoSchema {
    const s = new ProtoSchema();
    const root = JsonParser.parseString(text, 16).parse();
    if (root === null || !root.isObject) return s.fail("descriptor is not a JSON object");
    const types = root.get("types");
    if (types === null || !types.isArray) return s.fail("descriptor.types must be an array");
    for (let i = 0; i < types.length; i++) {
      const t = types.at(i);
      const name = t.isObject ? t.get("name") : null;
      if (name === null || !name.isString) return s.fail("types[" + i.toString() + "].name missing");
      if (s.byName.has(name.str)) return s.fail("duplicate type " + name.str);
      s.byName.set(name.str, s.types.length);
      s.types.push(new ProtoType(name.str));
    }
    for (let i = 0; i < types.length; i++) {
      const fields = types.at(i).get("fields");
      if (fields === null || !fields.isArray) return s.fail("types[" + i.toString() + "].fields must be an array");
      const pt = s.types[i];
      for (let k = 0; k < fields.length; k++) {
        const f = fields.at(k);
        const where = pt.name + " field " + k.toString();
        if (!f.isArray || f.length != 3 || !f.at(0).isNumber || !f.at(1).isString || !f.at(2).isString) {
          return s.fail(where + ": expected [number, name, type]");
        }
        const num = <i32>f.at(0).num;
        if (num < 1 || num > 536870911) return s.fail(where + ": bad field number");
        const tn = f.at(2).str;
        let type = SCALARS.indexOf(tn);
        let msg = -1;
        if (type <= 0 || tn.length == 0) {
          msg = s.typeIndex(tn);
          if (msg < 0) return s.fail(where + ": unknown type " + tn);
          type = PType.Message;
        }
        pt.byNumber.set(num, pt.fields.length);
        pt.fields.push(new ProtoField(num, f.at(1).str, type, msg));
      }
    }
    const methods = root.get("methods");
    if (methods !== null) {
      if (!methods.isObject) return s.fail("descriptor.methods must be an object");
      for (let i = 0; i < methods.length; i++) {
        const m = methods.at(i);
        const path = methods.keyAt(i);
        if (!m.isArray || m.length != 2 || !m.at(0).isString || !m.at(1).isString) {
          return s.fail("methods " + path + ": expected [request, response]");
        }
        const rq = s.typeIndex(m.at(0).str), rs = s.typeIndex(m.at(1).str);
        if (rq < 0 || rs < 0) return s.fail("methods " + path + ": unknown message type");
        s.methodReq.set(path, rq);
        s.methodResp.set(path, rs);
      }
    }
    return s;
  }

  private fail(msg: string): ProtoSchema {
    const s = new ProtoSchema();
    s.error = msg;
    return s;
  }
}
