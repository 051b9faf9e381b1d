// The filter's Envoy stats. Names are shaped for Envoy `stats_tags` (see docs/metrics.md when it lands).
import { Counter } from "@solo-io/proxy-runtime/assembly";

export class Metrics {
  requests: Counter = new Counter("microwaf.requests");
}
