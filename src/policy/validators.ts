// Validator names a detector may use. The filter's registry (assembly/validators/, validatorByName) is the
// authority; until it exports its list this mirrors the names in docs/architecture.md. `param` says whether
// the validator takes a number (`{entropy: 3.5}`).
export const VALIDATORS: Record<string, { param: "required" | "none" }> = {
  luhn: { param: "none" },
  iban: { param: "none" },
  ssn: { param: "none" },
  aba_routing: { param: "none" },
  jwt: { param: "none" },
  ipv4: { param: "none" },
  ipv6: { param: "none" },
  ip: { param: "none" },
  date: { param: "none" },
  birth_date: { param: "none" },
  entropy: { param: "required" },
  uk_nino: { param: "none" },
  ca_sin: { param: "none" },
};
