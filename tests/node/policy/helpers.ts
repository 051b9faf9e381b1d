// Shared paths for the policy tests.
import { existsSync, readdirSync } from "node:fs";

export const ROOT = new URL("../../../", import.meta.url).pathname;
export const FIXTURE_LIBRARY = ROOT + "tests/fixtures/policies/library";
export const REAL_LIBRARY = ROOT + "policy/detectors";
export const BROKEN_DIR = ROOT + "tests/fixtures/policies/broken";
export const SHIPPED = ["policy/default.yaml", "policy/monitor.yaml", "policy/pci-dss.yaml"];

/** The real library exists and has the pattern categories the shipped policies name (attack.* are code detectors). */
export function realLibraryReady(): boolean {
  if (!existsSync(REAL_LIBRARY)) return false;
  const files = readdirSync(REAL_LIBRARY).join(" ");
  return ["pii", "secret"].every((k) => files.includes(k));
}
