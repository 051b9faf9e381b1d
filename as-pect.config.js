// as-pect: AssemblyScript unit tests under tests/assembly/. They test the filter's pure parts (JSON reader,
// engine, scanners, validators) without a proxy host; the host and end-to-end tests cover the rest.
export default {
  entries: ["tests/assembly/**/*.spec.ts"],
  include: ["tests/assembly/**/*.include.ts"],
  disclude: [/node_modules/],
  async instantiate(memory, createImports, instantiate, binary) {
    return instantiate(binary, createImports({ env: { memory } }));
  },
  outputBinary: false,
};
