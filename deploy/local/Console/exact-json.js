// JSON that keeps numbers exact. JavaScript's JSON.parse turns every number into a double, which
// rounds past about 17 digits; DynamoDB keeps 38, and so does the API. Here a number stays the text
// it was written as (an ExactNumber) from the answer to the screen, through an edit, and back into
// the next request. Objects are plain objects whose own properties keep the order they came in.

/** A JSON number, kept as its text. */
export class ExactNumber {
  constructor(text) {
    this.text = text;
  }

  toString() {
    return this.text;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const MAX_DEPTH = 64;

/** Parses JSON text; throws a SyntaxError that says where the problem is. */
export function parse(text) {
  let at = 0;

  const fail = (what) => {
    const line = text.slice(0, at).split('\n').length;
    const column = at - text.lastIndexOf('\n', at - 1);
    throw new SyntaxError(`${what} at line ${line}, column ${column}`);
  };

  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) at++;
  };

  const match = (pattern) => {
    pattern.lastIndex = at;
    const found = pattern.exec(text);
    if (!found) return null;
    at += found[0].length;
    return found[0];
  };

  const value = (depth) => {
    if (depth > MAX_DEPTH) fail('Nested too deep');
    skipSpace();
    const c = text[at];
    if (c === '{') return object(depth);
    if (c === '[') return array(depth);
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) {
      const number = match(NUMBER);
      if (number === null) fail('Invalid number');
      return new ExactNumber(number);
    }
    for (const [word, result] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return result;
      }
    }
    fail(at >= text.length ? 'Unexpected end of JSON' : `Unexpected ${JSON.stringify(c)}`);
  };

  // A string's escapes are JSON's own, so once its extent is found the built-in parser decodes it.
  const string = () => {
    const literal = match(STRING);
    if (literal === null) fail('Invalid string');
    return JSON.parse(literal);
  };

  const array = (depth) => {
    at++;
    const result = [];
    skipSpace();
    if (text[at] === ']') {
      at++;
      return result;
    }
    for (;;) {
      result.push(value(depth + 1));
      skipSpace();
      if (text[at] === ',') at++;
      else if (text[at] === ']') {
        at++;
        return result;
      } else fail('Expected , or ]');
    }
  };

  const object = (depth) => {
    at++;
    const result = {};
    skipSpace();
    if (text[at] === '}') {
      at++;
      return result;
    }
    for (;;) {
      skipSpace();
      if (text[at] !== '"') fail('Expected a "quoted" key');
      const keyAt = at;
      const key = string();
      if (Object.prototype.hasOwnProperty.call(result, key)) {
        at = keyAt;
        fail(`Duplicate key ${JSON.stringify(key)}`);
      }
      skipSpace();
      if (text[at] !== ':') fail('Expected :');
      at++;
      // defineProperty, not assignment: a key such as "__proto__" is data here, as in JSON.
      Object.defineProperty(result, key, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
      skipSpace();
      if (text[at] === ',') at++;
      else if (text[at] === '}') {
        at++;
        return result;
      } else fail('Expected , or }');
    }
  };

  const result = value(0);
  skipSpace();
  if (at < text.length) fail('Unexpected text after the JSON');
  return result;
}

/** Writes JSON with numbers exactly as they were read; indent makes it readable. */
export function stringify(value, indent = 0) {
  const write = (v, pad) => {
    if (v instanceof ExactNumber) return v.text;
    if (v === null) return 'null';
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new TypeError('JSON has no NaN or Infinity');
      return String(v);
    }
    if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
    const inner = indent ? pad + ' '.repeat(indent) : '';
    const newline = indent ? '\n' : '';
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[${newline}${v.map((item) => inner + write(item, inner)).join(`,${newline}`)}${newline}${pad}]`;
    }
    const keys = Object.keys(v);
    if (keys.length === 0) return '{}';
    const separator = indent ? ': ' : ':';
    return `{${newline}${keys.map((key) => inner + JSON.stringify(key) + separator + write(v[key], inner)).join(`,${newline}`)}${newline}${pad}}`;
  };
  return write(value, '');
}

/** Whether two values are the same JSON, whatever the order of their keys. */
export function same(a, b) {
  return canonical(a) === canonical(b);
}

function canonical(v) {
  if (v === null || typeof v !== 'object' || v instanceof ExactNumber) return stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  return `{${Object.keys(v).sort().map((key) => `${JSON.stringify(key)}:${canonical(v[key])}`).join(',')}}`;
}

/** Whether a parsed value is a JSON object (not an array, a number or null). */
export function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof ExactNumber);
}
