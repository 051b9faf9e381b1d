// `.proto` files → the compact descriptor the filter's protobuf scanner takes (assembly/scan/protoschema.ts):
// message types with field number → name and type, and the gRPC methods' request/response types, so paths read
// `customer.ssn` instead of `1.4` and rules can name fields.
import protobuf from "protobufjs";
import { dirname, isAbsolute, resolve } from "node:path";

export interface Descriptor {
  types: Array<{ name: string; fields: Array<[number, string, string]> }>;
  methods: Record<string, [string, string]>;
}

const SCALARS = new Set(["double", "float", "int64", "uint64", "int32", "fixed64", "fixed32", "bool", "string", "bytes", "uint32", "sfixed32", "sfixed64", "sint32", "sint64"]);

function fullName(t: protobuf.ReflectionObject): string {
  return t.fullName.replace(/^\./, "");
}

/** Compiles `.proto` files (paths relative to `baseDir`) into the compact descriptor; throws on a parse error. */
export function compileProtos(files: string[], baseDir: string): Descriptor {
  const root = new protobuf.Root();
  root.resolvePath = (origin, target) => (isAbsolute(target) ? target : resolve(origin ? dirname(origin) : baseDir, target));
  root.loadSync(files.map((f) => (isAbsolute(f) ? f : resolve(baseDir, f))), { keepCase: true });
  root.resolveAll();
  const out: Descriptor = { types: [], methods: {} };
  const visit = (ns: protobuf.NamespaceBase): void => {
    for (const obj of ns.nestedArray) {
      if (obj instanceof protobuf.Type) {
        out.types.push({
          name: fullName(obj),
          fields: obj.fieldsArray.map((f): [number, string, string] => {
            const rt = f.resolvedType;
            const type = rt instanceof protobuf.Enum ? "enum" : rt instanceof protobuf.Type ? fullName(rt) : SCALARS.has(f.type) ? f.type : "bytes";
            return [f.id, f.name, type];
          }),
        });
      } else if (obj instanceof protobuf.Service) {
        for (const m of obj.methodsArray) {
          m.resolve();
          out.methods[`/${fullName(obj)}/${m.name}`] = [fullName(m.resolvedRequestType!), fullName(m.resolvedResponseType!)];
        }
      }
      if (obj instanceof protobuf.Namespace || obj instanceof protobuf.Type || obj instanceof protobuf.Service) visit(obj as protobuf.NamespaceBase);
    }
  };
  visit(root);
  return out;
}
