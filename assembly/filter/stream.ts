// Per-stream context: one per HTTP request/response exchange.
import { Context, FilterHeadersStatusValues } from "@solo-io/proxy-runtime/assembly";
import { MicroWafRoot } from "./root";
import { REQUESTS } from "./metrics";

export class StreamContext extends Context {
  constructor(context_id: u32, root: MicroWafRoot) {
    super(context_id, root);
  }

  onRequestHeaders(_headers: u32, _end_of_stream: bool): FilterHeadersStatusValues {
    (this.root_context as MicroWafRoot).metrics.count(REQUESTS, ["direction", "request"]);
    return FilterHeadersStatusValues.Continue;
  }
}
