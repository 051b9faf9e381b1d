// Clean block replies. HTTP: 403 with a small JSON body naming the request id. gRPC: a trailers-only
// PERMISSION_DENIED (Envoy turns a local reply with a gRPC status into grpc-status/grpc-message trailers).
import { send_local_response, HeaderPair, GrpcStatusValues } from "@solo-io/proxy-runtime/assembly";
import { JsonObject } from "../util/jsonwriter";

function header(k: string, v: string): HeaderPair {
  return new HeaderPair(String.UTF8.encode(k), String.UTF8.encode(v));
}

/** The JSON body of an HTTP block reply. `reason` is a category or rule name, never a matched value. */
export function blockBody(requestId: string, reason: string): string {
  return new JsonObject()
    .str("error", "blocked by policy")
    .str("reason", reason)
    .str("request_id", requestId)
    .close();
}

export function sendBlock(isGrpc: bool, requestId: string, reason: string, status: i32 = 403): void {
  if (isGrpc) {
    const msg = "blocked by policy: " + reason + " (request id " + requestId + ")";
    send_local_response(200, "microwaf_blocked", String.UTF8.encode(msg), [header("x-microwaf", "blocked")], GrpcStatusValues.PermissionDenied);
    return;
  }
  // No content-type here: Envoy adds these headers after its own `content-type: text/plain`, which would
  // duplicate it; the reply passes through our on_response_headers, which replaces it (see stream.ts).
  send_local_response(<u32>status, "microwaf_blocked", String.UTF8.encode(blockBody(requestId, reason)),
    [header("x-microwaf", "blocked")], GrpcStatusValues.InvalidCode);
}
