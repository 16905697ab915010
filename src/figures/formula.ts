/**
 * Derivation formulas: + - * / and parentheses over numbers and indicator codes.
 * A formula is data, so `definePipeline()` can parse it and check that every indicator it
 * uses exists, before a row is read.
 */
export type Formula = { kind: "number"; value: number } | { kind: "ref"; name: string } | { kind: "neg"; arg: Formula } | { kind: "binary"; op: "+" | "-" | "*" | "/"; left: Formula; right: Formula };

export class FormulaError extends Error {}

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|([a-z][a-z0-9_]*)|([-+*/()]))/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) {
      const bad = at + (/^\s*/.exec(text.slice(at))?.[0].length ?? 0);
      throw new FormulaError(`unexpected character ${JSON.stringify(text[bad])} at position ${bad + 1}`);
    }
    tokens.push(m[1] ?? m[2] ?? m[3] ?? "");
  }
  return tokens;
}

export function parseFormula(text: string): Formula {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];

  function expr(): Formula {
    let left = term();
    while (peek() === "+" || peek() === "-") {
      const op = next() as "+" | "-";
      left = { kind: "binary", op, left, right: term() };
    }
    return left;
  }
  function term(): Formula {
    let left = factor();
    while (peek() === "*" || peek() === "/") {
      const op = next() as "*" | "/";
      left = { kind: "binary", op, left, right: factor() };
    }
    return left;
  }
  function factor(): Formula {
    const t = next();
    if (t === undefined) throw new FormulaError("unexpected end of formula");
    if (t === "-") return { kind: "neg", arg: factor() };
    if (t === "(") {
      const inner = expr();
      if (next() !== ")") throw new FormulaError('missing ")"');
      return inner;
    }
    if (/^\d/.test(t)) return { kind: "number", value: Number(t) };
    if (/^[a-z]/.test(t)) return { kind: "ref", name: t };
    throw new FormulaError(`unexpected ${JSON.stringify(t)}`);
  }

  if (tokens.length === 0) throw new FormulaError("formula is empty");
  const tree = expr();
  if (pos < tokens.length) throw new FormulaError(`unexpected ${JSON.stringify(tokens[pos])}`);
  return tree;
}

/** Indicator codes the formula uses, in order of first use. */
export function formulaRefs(f: Formula, into: string[] = []): string[] {
  switch (f.kind) {
    case "ref":
      if (!into.includes(f.name)) into.push(f.name);
      break;
    case "neg":
      formulaRefs(f.arg, into);
      break;
    case "binary":
      formulaRefs(f.left, into);
      formulaRefs(f.right, into);
      break;
    case "number":
      break;
  }
  return into;
}

/** The indicator codes a formula's text uses: the inputs of a derivation. */
export function formulaInputs(text: string): string[] {
  return formulaRefs(parseFormula(text));
}

export function evaluateFormula(f: Formula, values: Readonly<Record<string, number>>): number {
  switch (f.kind) {
    case "number":
      return f.value;
    case "ref": {
      const v = values[f.name];
      if (v === undefined) throw new FormulaError(`no value for ${f.name}`);
      return v;
    }
    case "neg":
      return -evaluateFormula(f.arg, values);
    case "binary": {
      const a = evaluateFormula(f.left, values);
      const b = evaluateFormula(f.right, values);
      if (f.op === "+") return a + b;
      if (f.op === "-") return a - b;
      if (f.op === "*") return a * b;
      return a / b;
    }
  }
}
