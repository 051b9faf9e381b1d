// Fragments for bench/attack-adversarial.ts: one per syntax the attack detectors react to (repeated to 16 KB there).
export const SHAPES: Record<string, string> = {
  a: "a", space_a: "a ", digits: "1", quote_eq: '" a=', o_colon_q: 'o:"', dq: '"', sq: "'", sq_eq: "'=",
  eq: "=", colon: ":", colon2: "::", lt: "<", lt_a: "<a ", lt_a_on: "<a on", lt_slash: "</", gt: ">", lt_bang: "<!--",
  paren: "(", call: "a(", rparen: ")", dollar_brace: "${", dollar: "$", pct: "%25", pct_u: "%u", amp: "&#", amp_x: "&#x",
  bslash: "\\u", bslash2: "\\", bs_x: "\\x", dots: "../", dots_bs: "..\\", dot2: "..", slash: "/", star: "/*",
  dash: "--", hash: "#", semicolon: "; ", pipe: "|", backtick: "`", amp1: "&", at: "@", at_brace: "@{[", braces: "{{",
  brace: "{", bracket: "[", js_brace: "{\"$", dollar_ne: "$ne", words: "select from where ", union: "union select ",
  or_eq: "or 1=1 ", sql_q: "' or '", script: "script", script_tag: "<script>", on: "on", on_eq: " onx=", js: "javascript:",
  php: "system(", http: "http://", http_at: "http://a@", ip: "127.0.0.1 ", file: "file://", gopher: "gopher:",
  jndi: "${jndi:", etc: "/etc/passwd ", win: "c:\\", url_eq: "url=", src_eq: " src=", style: "style=", expr: "expression(",
  data: "data:", vb: "vbscript:", tilde: "~", comma: ",", plus: "+", bang: "!", qmark: "?", caret: "^", eval: "eval(",
  concat: "'+'", alert: "alert(1)", tmpl: "{{7*7}}", erb: "<%=", proto: "__proto__", constructor: "constructor[",
  exc: "exception at ", trace: "at a.b(c.java:1)\n", sqlerr: "sql syntax ", nul: "\u0000", ws_tab: "\t", nl: "\n",
  word_space: "abc def ", upper: "A", utf8: "é", json: JSON.stringify({ a: "x".repeat(100), b: [1, 2, 3] }),
};
