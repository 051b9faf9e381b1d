/// <reference types="assemblyscript/std/assembly/index" />
/// <reference types="@as-pect/assembly/types/as-pect.d" />
// attack.sqli second pass (sqli-probe.ts): probes and fragments that are not whole expressions, and the
// benign look-alikes (prose, docs, code, file names) that must stay quiet at paranoia level 1.
import { AttackFindings, detectAttacks, ATTACK_SQLI, ATTACK_NOSQLI, SOURCE_JSON, SOURCE_QUERY, SOURCE_PATH } from "../../assembly/attack/index";
import { sqlProbeLevel } from "../../assembly/attack/sqli-probe";
import { sqlTokens } from "../../assembly/attack/sqli";
import { bytes } from "./attack-helpers";

const out = new AttackFindings();
/** Lowest level (1–4) at which attack.sqli fires on s, or 0. */
function sqli(s: string, source: i32 = SOURCE_JSON): i32 {
  const b = bytes(s);
  for (let l = 1; l <= 4; l++) {
    out.reset();
    detectAttacks(b, 0, b.length, "", l, out, source);
    if (out.has(ATTACK_SQLI)) return l;
  }
  return 0;
}
function l1(s: string, source: i32 = SOURCE_JSON): bool { return sqli(s, source) == 1; }
function probe(s: string): i32 { const b = bytes(s); return sqlProbeLevel(b, 0, b.length); }

describe("attack.sqli probes: catalog names", () => {
  test("system catalogs and databases as whole identifiers", () => {
    expect(l1("information_schema")).toBe(true);
    expect(l1("InFoRmaTioN_ScHemA")).toBe(true);
    expect(l1("pg_catalog")).toBe(true);
    expect(l1("msdb")).toBe(true);
    expect(l1("tempdb")).toBe(true);
    expect(l1("mysql.db")).toBe(true);
    expect(l1("MSysAccessObjects")).toBe(true);
    expect(l1("sqlite_master")).toBe(true);
    expect(l1("master..sysdatabases")).toBe(true);
    expect(l1("%69nformation_schema", SOURCE_QUERY)).toBe(true);
  });
  test("sample databases and column names only at level 2; words containing them stay quiet", () => {
    expect(sqli("Northwind")).toBe(2);
    expect(sqli("schema_name")).toBe(2);
    expect(sqli("msdbx")).toBe(0);
    expect(sqli("my_information_schema_notes")).toBe(0);
    expect(l1("/backups/mysql.db")).toBe(false); // a file in a path
  });
});

describe("attack.sqli probes: function calls cut off at their parenthesis", () => {
  test("SQL built-ins followed by (", () => {
    expect(l1("pow(")).toBe(true);
    expect(l1("SIN (")).toBe(true);
    expect(l1("database(\n")).toBe(true);
    expect(l1("db_name(")).toBe(true);
    expect(l1("concat_ws(")).toBe(true);
    expect(l1("insert%28", SOURCE_QUERY)).toBe(true);
    expect(l1("encode%3D%28", SOURCE_QUERY)).toBe(true);
    expect(l1("md5\\(")).toBe(true);
    expect(l1("SeLect*/ 1,2,3,user(\n")).toBe(true);
    expect(l1(", FIND_IN_SET('22', Category )")).toBe(true);
    expect(l1("div(23,-2)")).toBe(true);
    expect(l1("lo_get(16400)")).toBe(true);
    expect(l1("select if(x")).toBe(true);
    expect(l1("SELECT IIF(1 > 1, 'TRUE', 'FALSE' )")).toBe(true);
    expect(l1("select Char(")).toBe(true);
  });
  test("prose, markdown and code with the same names stay quiet", () => {
    expect(l1("remove deprecated phone format (#2712)")).toBe(false); // '#…' stripped as a comment
    expect(l1("Update package.json - outdated debug version (#7)")).toBe(false);
    expect(l1("- [concat](#concat)")).toBe(false);
    expect(l1("throw new Error(format(")).toBe(false);
    expect(l1("console.log(")).toBe(false);
    expect(l1("ui.div(")).toBe(false);
    expect(l1("Turn left (after the bridge) and insert (or paste) the key")).toBe(false);
    expect(l1("sin(x) and cos(x) are periodic")).toBe(false);
    expect(l1("if (--n === 0) {")).toBe(false);                // comment-stripped view: "if ( "
    expect(l1("throw new SyntaxError('bad: /' + regexp + '/: ' + msg);", SOURCE_QUERY)).toBe(false);
  });
});

describe("attack.sqli probes: PostgreSQL casts and JSON operators", () => {
  test("casts after a call, a literal or a column", () => {
    expect(l1("starts_with(password,'a')::int")).toBe(true);
    expect(l1("function(foo)::double precision")).toBe(true);
    expect(l1("password::int")).toBe(true);
    expect(l1("jsonb_pretty((1,password)::jsonb)::int")).toBe(true);
  });
  test("quoted JSON next to a JSON operator, also in a URL path", () => {
    expect(l1("OR '{\"b\":2}'::jsonb <@ '{\"a\":1, \"b\":2}'::jsonb")).toBe(true);
    expect(l1("OR '{\"a\":\"b\"}' ? 'a'")).toBe(true);
    expect(l1("'[\"a\", {\"b\":1}]'::jsonb #- '{1,b}'")).toBe(true);
    expect(l1("'[1, 2]'::jsonb || '3'::jsonb")).toBe(true);
    expect(l1("/get/OR%20%27%7B%22b%22%3A2%7D%27%3A%3Ajsonb%20%40%3E%20%27%7B%22a%22%3A1%7D%27", SOURCE_PATH)).toBe(true);
    expect(l1("/get/OR%20json_extract%28%27%7B%22id%22%3A%2014%7D%27%2C%20%27%24.id%27%29%20%3D%2014", SOURCE_PATH)).toBe(true);
  });
  test("C++/Ruby scopes, media-type globs and markdown stay quiet", () => {
    expect(l1("std::string name; Foo::Bar")).toBe(false);
    expect(l1("ActiveSupport::JSON.decode(body)")).toBe(false);
    expect(l1("Types::Integer")).toBe(false);
    expect(l1("`[file, entries, ...]` - Path exists")).toBe(false);
    expect(l1("console.log(fill('a', 'e', { toRegex: true })); //=> '[a-e]'")).toBe(false);
    expect(l1("content_type: [\"application/json\", \"application/*+json\"]")).toBe(false);
    expect(l1("/** Merge two maps in into new one. */")).toBe(false);
    expect(l1("// or 'relative' like '../baz'")).toBe(false);
    expect(l1("#endif /* !_JAVASOFT_JNI_MD_H_ */")).toBe(false);
    expect(l1("/api/v1/users/42/orders", SOURCE_PATH)).toBe(false);
  });
});

describe("attack.sqli probes: truncated statements and dialect tricks", () => {
  test("statement heads cut off at a quote or a newline", () => {
    expect(l1("into outfile '\n")).toBe(true);
    expect(l1("exec master.\n")).toBe(true);
    expect(l1("'select H\n")).toBe(true);
    expect(l1("\" WAITFOR DELAY '\n")).toBe(true);
    expect(l1("EXECUTE IMMEDIATE \"")).toBe(true);
    expect(l1("procedure analyse (")).toBe(true);
    expect(l1(";truncate[xx")).toBe(true);
    expect(l1("/CREATE TABLE Persons")).toBe(true);
    expect(l1("CREATE FUNCTION hello (s CHAR(20)) RETURNS CHAR(50) DETERMINISTIC RETURN CONCAT('Hello, ',s,'!');")).toBe(true);
    expect(l1("ALTER TABLE `t` ADD `video` TEXT CHARACTER SET latin1\n")).toBe(true);
    expect(l1("admin@juice-sh.op`;")).toBe(true);
  });
  test("conditional and aliased fragments", () => {
    expect(l1(") like (")).toBe(true);
    expect(l1(" case when condition1 then result1")).toBe(true);
    expect(l1("SELECT x GROUP BY SOMETHING HAVING COUNT(Id) >= 9")).toBe(true);
    expect(l1("SELECT * FROM `movies` GROUP BY `category_id` HAVING `category_id` = 8;")).toBe(true);
    expect(l1("1234 AS \"foobar\" FROM tablevar2=whatever")).toBe(true);
    expect(l1("` AS `edit_user_id` from")).toBe(true);
    expect(l1("` REGEXP ")).toBe(true);
    expect(l1("Xunionselectfrom")).toBe(true);
    expect(l1("1 union#x\ndistinctrow\u000bselect 1")).toBe(true);
  });
  test("MySQL hints, 1.e( notation, overflow probes", () => {
    expect(l1("9999 or /*+optimizer hint */ true")).toBe(true);
    expect(l1("9999 or {if length((/*!5000select username/*!comment*/")).toBe(true);
    expect(l1("1.e(ascii 1.e(substring(1.e(select password from users limit 1 1.e,1 1.e) 1.e,1 1.e,1 1.e)1.e)1.e) = 70")).toBe(true);
    expect(l1("1.e.tables")).toBe(true);
    expect(l1("4294967296")).toBe(true);
    expect(l1("2.2250738585072011e-308")).toBe(true);
    expect(sqli("2147483647")).toBe(2);
  });
  test("prose and docs with the same words stay quiet", () => {
    expect(l1("Just in case when you arrive, then call me")).toBe(false);
    expect(l1("\"git grep -f\" learned to treat \"-\" as \"read from the standard input\"")).toBe(false);
    expect(l1("He was known as \"Bob\" from accounting")).toBe(false);
    expect(l1("Aged 6 as kids from the village")).toBe(false);
    expect(l1("See item 1.e. for details")).toBe(false);
    expect(l1("Please create table reservations for 6 people tonight at the window")).toBe(false);
    expect(l1("* })`;")).toBe(false);
    expect(l1("4294967297")).toBe(false);
    expect(l1("Select the items having the best price")).toBe(false);
    expect(l1("The union will select a delegate from each shop")).toBe(false);
    expect(l1("Select the option from the menu where it says Settings")).toBe(false);
  });
});

describe("attack.sqli probes at level 2 (CRS paranoia-2 fragments)", () => {
  test("bare operators, tautologies, loose calls, k=v carriers, aliases", () => {
    expect(sqli("||")).toBe(2);
    expect(sqli("XOR")).toBe(2);
    expect(sqli("1=1")).toBe(2);
    expect(sqli("42 like 42")).toBe(2);
    expect(sqli("1=2")).toBe(0);
    expect(sqli("date]=(")).toBe(2);
    expect(sqli("if !(")).toBe(2);
    expect(sqli("pay=AND 2771=1709)")).toBe(2);
    expect(sqli(") AS `carrier_id` from")).toBe(2);
    expect(sqli("nvarchar")).toBe(2);
    expect(l1("xp_cmdshell")).toBe(true);
    expect(l1("master..xp_dirtree")).toBe(true);
    expect(sqli("in (0,1)")).toBe(2);
    expect(sqli(";SET @OLD_SQL_MODE")).toBe(2);
    expect(sqli("from `db_miwf`.`sys_refindex` limit")).toBe(2);
    expect(sqli("'alter a")).toBe(2);
    expect(sqli(">=")).toBe(2);
  });
  test("look-alikes stay below level 2", () => {
    expect(sqli("a=1&b=2")).toBe(0);
    expect(sqli("return '{key}'.format(")).toBe(0);
    expect(sqli("console.log(")).toBe(0);
    expect(sqli("2+2=4")).toBe(0);
    expect(sqli("from `npm view` output, making it easier")).toBe(0);
    expect(sqli("in (see above)")).toBe(0);
    expect(l1("It is a date (")).toBe(false); // level 2 by design (CRS 942410 is paranoia 2)
  });
});

describe("attack.sqli probes: robustness and the libinjection pass", () => {
  test("never traps on short or hostile inputs", () => {
    expect(probe("")).toBe(0);
    expect(probe("(")).toBe(0);
    expect(probe("::")).toBe(0);
    expect(probe("'{")).toBe(0);
    expect(probe("/*!")).toBe(0);
    expect(probe("1.e")).toBe(0);
    expect(probe("union")).toBe(0);
    expect(probe("create function")).toBe(0);
    const b = new Uint8Array(3000);
    for (let i = 0; i < b.length; i++) b[i] = <u8>((i * 7919 + 13) & 0xff);
    expect(sqlProbeLevel(b, 0, b.length)).toBeGreaterThanOrEqual(0);
    expect(sqlProbeLevel(b, 2999, 5000)).toBeGreaterThanOrEqual(0);
    expect(sqlProbeLevel(b, -5, 3)).toBeGreaterThanOrEqual(0);
  });
  test("group by after a table name keeps the name (tokenizer fold)", () => {
    const b = bytes("select * from movies group by x");
    expect(sqlTokens(b, 0, b.length, 0).fingerprint()).toBe("EokbBb");
    expect(l1("select * from movies group by x")).toBe(true);
  });
});

describe("attack.nosqli: operators as keys", () => {
  test("$text, $size, $all as keys at level 1; $type stays at level 2", () => {
    out.reset();
    const v = bytes("foo");
    detectAttacks(v, 0, v.length, "$text", 1, out, SOURCE_QUERY);
    expect(out.has(ATTACK_NOSQLI)).toBe(true);
    out.reset();
    detectAttacks(v, 0, v.length, "tags[$all]", 1, out, SOURCE_QUERY);
    expect(out.has(ATTACK_NOSQLI)).toBe(true);
    out.reset();
    detectAttacks(v, 0, v.length, "$type", 1, out, SOURCE_JSON);
    expect(out.has(ATTACK_NOSQLI)).toBe(false);
    out.reset();
    detectAttacks(v, 0, v.length, "price$size", 1, out, SOURCE_JSON);
    expect(out.has(ATTACK_NOSQLI)).toBe(false);
  });
});
