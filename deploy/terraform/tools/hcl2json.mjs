// Prints the Terraform in a folder as JSON, parsed by a real HCL parser (@cdktf/hcl2json, the
// project's pinned dev tool in deploy/local), with every reference each expression makes:
//   node deploy/terraform/tools/hcl2json.mjs deploy/terraform
//   => {"files": {"main.tf": <hcl2json>}, "references": [{"file": "main.tf", "expression": "…", "reference": "var.x"}]}
// The deploy tests read this to check the module offline. Exits 1 with the parser's message on a syntax error.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(new URL("../../local/package.json", import.meta.url));
const { parse, getReferencesInExpression } = require("@cdktf/hcl2json");

const folder = process.argv[2];
if (!folder) {
  console.error("usage: node hcl2json.mjs <folder with .tf files>");
  process.exit(2);
}

// Every string that interpolates, wherever it sits in the parsed file.
function* expressions(value) {
  if (typeof value === "string") {
    if (value.includes("${")) yield value;
  } else if (Array.isArray(value)) {
    for (const item of value) yield* expressions(item);
  } else if (value && typeof value === "object") {
    for (const item of Object.values(value)) yield* expressions(item);
  }
}

// hcl2json gives a template's text unescaped; the reference finder reads it as a quoted template
// again, so the quotes and backslashes outside ${...} need their escapes back.
function asTemplate(text) {
  let result = "";
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith("${", i)) {
      let depth = 0;
      let end = i;
      for (; end < text.length; end++) {
        if (text[end] === "{") depth++;
        else if (text[end] === "}" && --depth === 0) break;
      }
      result += text.slice(i, end + 1);
      i = end;
    } else {
      result += text[i] === '"' || text[i] === "\\" ? "\\" + text[i] : text[i];
    }
  }
  return result;
}

const files = {};
const references = [];
try {
  for (const name of readdirSync(folder).filter((file) => file.endsWith(".tf")).sort()) {
    files[name] = await parse(name, readFileSync(join(folder, name), "utf8"));
    for (const expression of expressions(files[name])) {
      for (const found of await getReferencesInExpression(name, asTemplate(expression))) {
        references.push({ file: name, expression, reference: found.value });
      }
    }
  }
} catch (error) {
  console.error(String(error?.message ?? error));
  process.exit(1);
}
console.log(JSON.stringify({ files, references }));
