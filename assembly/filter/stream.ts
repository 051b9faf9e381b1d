// Per-stream context: one per HTTP request/response exchange.
import { Context, FilterHeadersStatusValues } from "@solo-io/proxy-runtime/assembly";
import { MicroWafRoot } from "./root";

export class StreamContext extends Context {
  constructor(context_id: u32, root: MicroWafRoot) {
    super(context_id, root);
  }

  onRequestHeaders(_headers: u32, _end_of_stream: bool): FilterHeadersStatusValues {
    const metrics = (this.root_context as MicroWafRoot).metrics;
    if (metrics !== null) metrics.requests.increment(1);
    return FilterHeadersStatusValues.Continue;
  }
}
