// Number, time and size formatting for tables and charts: compact, aligned, never "NaN".

const DASH = '—';

/** 0.9812 → "98.12%"; null → "—". */
export function formatPercent(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return `${(value * 100).toFixed(digits)}%`;
}

/** A hyperparameter as people write it: 0.001 → "1e-3", 0.05 → "0.05", 128 → "128", 0 → "0". */
export function formatParam(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  if (value === 0 || Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  if (abs < 0.01 || abs >= 1e5) {
    const [mantissa = '', exponent = ''] = value.toExponential().split('e');
    const m = Number(Number(mantissa).toPrecision(3));
    return `${m}e${Number(exponent)}`;
  }
  return String(Number(value.toPrecision(4)));
}

/** A metric value: 4 significant digits, exponent form when tiny or huge. */
export function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  const abs = Math.abs(value);
  if (value !== 0 && (abs < 1e-3 || abs >= 1e6)) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

/** Seconds as "42 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return DASH;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  const h = Math.floor(m / 60);
  return `${h} h ${String(m % 60).padStart(2, '0')} min`;
}

/** A timestamp relative to `now`: "just now", "5 min ago", "3 h ago", else the date. */
export function formatWhen(ms: number, now: number = Date.now()): string {
  const ago = Math.max(0, now - ms) / 1000;
  if (ago < 45) return 'just now';
  if (ago < 3600) return `${Math.round(ago / 60)} min ago`;
  if (ago < 86400) return `${Math.round(ago / 3600)} h ago`;
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** 1234567 → "1.23 M", 12345 → "12.3 k". */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return DASH;
  if (Math.abs(n) >= 1e6) return `${Number((n / 1e6).toPrecision(3))} M`;
  if (Math.abs(n) >= 1e4) return `${Number((n / 1e3).toPrecision(3))} k`;
  return String(Math.round(n));
}

/** 8e-4 → "8e-4", 0.00125 → "1.25e-3": a mantissa of at most three significant digits. */
function shortExponent(v: number): string {
  const [mantissa = '', exponent = ''] = v.toExponential().split('e');
  return `${Number(Number(mantissa).toPrecision(3))}e${Number(exponent)}`;
}

/**
 * Tick labels for one axis whose values reach `extent` (the largest |value| drawn), all in one notation:
 * exponents when every value is tiny (< 0.01) or huge (≥ 1e5), plain decimals otherwise — never 0.001 beside 8e-4.
 */
export function axisTickFormatter(extent: number): (v: number) => string {
  const exponents = extent > 0 && (extent < 0.01 || extent >= 1e5);
  return (v) => (v === 0 ? '0' : exponents ? shortExponent(v) : String(Number(v.toPrecision(4))));
}

/** A share as an axis tick: 1 → "100%", 0.8 → "80%", 0.975 → "97.5%" (no padding zeros, so all ticks agree). */
export function percentTick(v: number): string {
  return `${Number((v * 100).toFixed(2))}%`;
}
