/**
 * Amounts from other systems arrive as decimals: X12 "224.83", FHIR JSON numbers that may carry binary
 * float artifacts (224.83200000000002). They become integer cents here, exactly once, by one rule:
 * the decimal text is read digit by digit (never through floating-point arithmetic) and rounded to the
 * nearest cent, halves away from zero (224.835 -> 22484, -0.005 -> -1).
 */
const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?$/;

export function decimalToCents(value: string | number): number | null {
  const text = typeof value === 'number' ? numberText(value) : value.trim();
  if (text === null) return null;
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const [, sign, whole = '', fraction = ''] = match;
  if (whole === '' && fraction === '') return null;
  if (whole.length > 13) return null; // beyond any real amount, and beyond safe integers
  const digits = fraction.padEnd(3, '0');
  let cents = Number(whole || '0') * 100 + Number(digits.slice(0, 2));
  if (Number(digits[2]) >= 5) cents += 1;
  return sign === '-' && cents !== 0 ? -cents : cents;
}

/** A JSON number as its shortest exact decimal text, or null for NaN/Infinity. */
function numberText(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  const text = String(value);
  if (!/e/i.test(text)) return text;
  // 1e-7 and the like: expand without float arithmetic on the digits.
  return value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}
