// as-pect: AssemblyScript unit tests under tests/assembly/. They test the filter's pure parts (JSON reader,
// engine, scanners, validators) without a proxy host; the host and end-to-end tests cover the rest.
// ASP_FILE=engine npx asp --config as-pect.config.js  runs only tests/assembly/*engine*.spec.ts.
const only = process.env.ASP_FILE;
export default {
  entries: [only ? `tests/assembly/**/*${only}*.spec.ts` : "tests/assembly/**/*.spec.ts"],
  include: ["tests/assembly/**/*.include.ts"],
  disclude: [/node_modules/],
  async instantiate(memory, createImports, instantiate, binary) {
    return instantiate(binary, createImports({ env: { memory } }));
  },
  outputBinary: false,
};
