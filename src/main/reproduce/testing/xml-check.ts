// A small XML well-formedness check for tests (no XML parser ships with the project): tags nest and close,
// attributes are quoted, every entity is known or numeric, and there is one root element.

const NAME = '[A-Za-z_:][-A-Za-z0-9_:.]*';
const TOKEN = new RegExp(
  `<!--[\\s\\S]*?-->|<\\?[\\s\\S]*?\\?>|<!\\[CDATA\\[[\\s\\S]*?\\]\\]>|<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>|<|&`,
  'g',
);
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;

/** Null when `xml` is well-formed, else what is wrong and where. */
export function xmlProblem(xml: string): string | null {
  const stack: string[] = [];
  let roots = 0;
  for (const m of xml.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    if (m[0] === '&') {
      if (!ENTITY.test(xml.slice(at, at + 12))) return `bad entity at ${at}: ${xml.slice(at, at + 12)}`;
      continue;
    }
    if (m[0] === '<') return `a "<" that opens no tag at ${at}: ${xml.slice(at, at + 30)}`;
    const [, closing, name, , selfClosing] = m;
    if (name === undefined) continue; // a comment, a declaration or CDATA
    if (closing) {
      const open = stack.pop();
      if (open !== name) return `</${name}> at ${at} closes <${open ?? 'nothing'}>`;
    } else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name);
    } else if (stack.length === 0) {
      roots++;
    }
  }
  if (stack.length) return `unclosed <${stack.at(-1)}>`;
  return roots === 1 ? null : `expected one root element, found ${roots}`;
}
