// Schema messages made readable beside a field: "Too small: expected number to be >0" → "must be > 0".

const RULES: readonly (readonly [RegExp, (m: RegExpMatchArray) => string])[] = [
  [/^Too (?:small|big): expected (?:number|int|integer) to be ([<>]=?)\s*(.+)$/, (m) => `must be ${m[1]!.replace('>=', '≥').replace('<=', '≤')} ${m[2]}`],
  [/^Too small: expected (?:string|array) to have >=\s*1 (?:characters?|items?)$/, () => 'must not be empty'],
  [/^Too small: expected string to have >=\s*(\d+) characters?$/, (m) => `must be at least ${m[1]} characters`],
  [/^Too big: expected string to have <=\s*(\d+) characters?$/, (m) => `must be at most ${m[1]} characters`],
  [/^Too (?:small|big): expected array to have ([<>]=?)\s*(\d+) items?$/, (m) => `needs ${m[1] === '>=' ? 'at least' : 'at most'} ${m[2]} items`],
  [/^Invalid input: expected int, received number$/, () => 'must be a whole number'],
  [/^Invalid input: expected number, received (\w+)$/, () => 'must be a number'],
  [/^Invalid input: expected \w+, received undefined$/, () => 'is required'],
];

export function readableMessage(message: string): string {
  for (const [re, fmt] of RULES) {
    const m = message.match(re);
    if (m) return fmt(m);
  }
  return message;
}
