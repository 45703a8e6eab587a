// The format algorithms of docs/providers.md#formats, written once in JavaScript and shared by every JS
// comparison validator (Zod/Valibot refinements, Ajv custom formats, the handwritten one), so the
// four differ only in library. Each mirrors vocab/src/formats.rs and vocab/src/date.rs exactly:
// explicit character loops, no regular expressions, ASCII only.

/** The 249 officially assigned ISO 3166-1 alpha-2 codes (src/spec/iso3166-1-alpha2.txt; agree.mjs checks the copy). */
export const COUNTRY_CODES =
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS " +
  "BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE " +
  "EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM " +
  "HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC " +
  "LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA " +
  "NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
  "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO " +
  "TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";
const COUNTRIES = new Set(COUNTRY_CODES.split(" "));

const isDigit = (c) => c >= 48 && c <= 57;
const isUpper = (c) => c >= 65 && c <= 90;
const isAlpha = (c) => isUpper(c) || (c >= 97 && c <= 122);
const isAlnum = (c) => isDigit(c) || isAlpha(c);

// ---- dates: integers yyyymmdd, so comparison is chronological ----

export const ISO = 1; // yyyy-MM-dd
export const DMY = 2; // dd/MM/yyyy

export const isLeap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function daysInMonth(y, m) {
  switch (m) {
    case 1: case 3: case 5: case 7: case 8: case 10: case 12: return 31;
    case 4: case 6: case 9: case 11: return 30;
    case 2: return isLeap(y) ? 29 : 28;
    default: return 0;
  }
}

/** A real Gregorian date as yyyymmdd, or -1. */
export function civil(y, m, d) {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m) ? y * 10000 + m * 100 + d : -1;
}

function num(s, start, len) {
  let n = 0;
  for (let i = start; i < start + len; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

/** Parses `s` in `style` (ISO or DMY): exactly two/four ASCII digits per part, then a calendar check. yyyymmdd or -1. */
export function parseDate(s, style) {
  if (s.length !== 10) return -1;
  let y, m, d;
  if (style === ISO) {
    if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return -1;
    y = num(s, 0, 4); m = num(s, 5, 2); d = num(s, 8, 2);
  } else {
    if (s.charCodeAt(2) !== 47 || s.charCodeAt(5) !== 47) return -1;
    y = num(s, 6, 4); m = num(s, 3, 2); d = num(s, 0, 2);
  }
  if (y < 0 || m < 0 || d < 0) return -1;
  return civil(y, m, d);
}

let cachedDay = NaN;
let cachedToday = 0;
/** Today's UTC date as yyyymmdd (recomputed only when the UTC day changes). */
export function today() {
  const day = Math.floor(Date.now() / 86400000);
  if (day !== cachedDay) {
    const t = new Date(day * 86400000);
    cachedToday = t.getUTCFullYear() * 10000 + (t.getUTCMonth() + 1) * 100 + t.getUTCDate();
    cachedDay = day;
  }
  return cachedToday;
}

/** Whole years from `birth` to `on` (both yyyymmdd). */
export function ageOn(birth, on) {
  const years = Math.floor(on / 10000) - Math.floor(birth / 10000);
  return on % 10000 < birth % 10000 ? years - 1 : years;
}

export const DATE_OK = 0;
export const DATE_INVALID = 1;
export const DATE_FUTURE = 2;
/** DATE_OK, DATE_INVALID or DATE_FUTURE (a real date after today where `past` is required). */
export function checkDate(s, style, past) {
  const d = parseDate(s, style);
  if (d < 0) return DATE_INVALID;
  return past && d > today() ? DATE_FUTURE : DATE_OK;
}
export const isIsoPastDate = (s) => checkDate(s, ISO, true) === DATE_OK;
export const isDmyPastDate = (s) => checkDate(s, DMY, true) === DATE_OK;

// ---- strings ----

/** At most `max` characters, counted as Unicode code points (Rust `chars()`), not UTF-16 units. */
export function withinChars(s, max) {
  if (s.length <= max) return true;
  let n = 0;
  for (const _ of s) if (++n > max) return false;
  return true;
}

const LOCAL_SPECIALS = new Set([..."!#$%&'*+-/=?^_.{|}~`"].map((c) => c.charCodeAt(0)));

/** A.3 email: ASCII `local@domain.tld`. */
export function isEmail(s) {
  const at = s.indexOf("@");
  if (at < 0) return false;
  return isEmailLocal(s, 0, at) && isEmailDomain(s, at + 1, s.length);
}

function isEmailLocal(s, from, to) {
  if (to <= from) return false;
  const first = s.charCodeAt(from);
  const last = s.charCodeAt(to - 1);
  if (first === 46 || first === 95 || last === 46 || last === 95) return false;
  let prevDot = false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (prevDot) return false;
      prevDot = true;
    } else prevDot = false;
    if (!isAlnum(c) && !LOCAL_SPECIALS.has(c)) return false;
  }
  return true;
}

function isEmailDomain(s, from, to) {
  let labels = 0;
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i < to && s.charCodeAt(i) !== 46) continue;
    // label s[start, i)
    if (i === start) return false;
    if (s.charCodeAt(start) === 45 || s.charCodeAt(i - 1) === 45) return false;
    for (let j = start; j < i; j++) {
      const c = s.charCodeAt(j);
      if (!isAlnum(c) && c !== 45) return false;
    }
    labels++;
    if (i === to) {
      // the last label is the TLD: two or more letters
      if (i - start < 2) return false;
      for (let j = start; j < i; j++) if (!isAlpha(s.charCodeAt(j))) return false;
    }
    start = i + 1;
  }
  return labels >= 2;
}

/** ASCII digits, `min..=max` of them; `leadingZero: false` forbids a leading 0. */
export function isDigits(s, min, max, leadingZero = true) {
  const n = s.length;
  if (n < min || n > max) return false;
  for (let i = 0; i < n; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return leadingZero || s.charCodeAt(0) !== 48;
}

/** `^\+[1-9][0-9]{6,14}$`. */
export function isE164(s) {
  return s.charCodeAt(0) === 43 && isDigits(s.slice(1), 7, 15, false);
}

/** `^[A-Z]{5}[0-9]{4}[A-Z]$`. */
export function isPan(s) {
  if (s.length !== 10) return false;
  for (let i = 0; i < 10; i++) {
    const c = s.charCodeAt(i);
    if (i <= 4 || i === 9 ? !isUpper(c) : !isDigit(c)) return false;
  }
  return true;
}

/** Indian PIN `^[1-9][0-9]{5}$`. */
export const isPin = (s) => isDigits(s, 6, 6, false);

/** One of the 249 officially assigned ISO 3166-1 alpha-2 codes, exactly (upper case). */
export const isCountryCode = (s) => s.length === 2 && COUNTRIES.has(s);

/** Luhn over all digits of `s`. */
export function luhnOk(s) {
  let sum = 0;
  for (let i = s.length - 1, k = 0; i >= 0; i--, k++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return false;
    let d = c - 48;
    if (k % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return s.length > 0 && sum % 10 === 0;
}

/** South African ID `YYMMDD SSSS C A Z`: 13 digits, Luhn, citizenship 0/1, YYMMDD a real date in 19YY or 20YY not after today. */
export function isSaId(s) {
  if (!isDigits(s, 13, 13) || !luhnOk(s)) return false;
  const d = (i) => s.charCodeAt(i) - 48;
  if (d(10) > 1) return false;
  const yy = d(0) * 10 + d(1);
  const mm = d(2) * 10 + d(3);
  const dd = d(4) * 10 + d(5);
  const t = today();
  for (const century of [1900, 2000]) {
    const date = civil(century + yy, mm, dd);
    if (date >= 0 && date <= t) return true;
  }
  return false;
}

/** Juspay names: ASCII letters, digits, `( ) . - _`, and single spaces between other characters. */
export function isName(s) {
  const n = s.length;
  if (n === 0 || s.charCodeAt(0) === 32 || s.charCodeAt(n - 1) === 32) return false;
  let prevSpace = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) return false;
      prevSpace = true;
      continue;
    }
    prevSpace = false;
    // ( ) . - _
    if (!isAlnum(c) && c !== 40 && c !== 41 && c !== 46 && c !== 45 && c !== 95) return false;
  }
  return true;
}

/** `header_text`: visible ASCII and spaces, no space at either end (a value an HTTP header carries as it is). */
export function isHeaderText(s) {
  const n = s.length;
  if (n > 0 && (s.charCodeAt(0) === 32 || s.charCodeAt(n - 1) === 32)) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 126) return false;
  }
  return true;
}

// ---- the digits variants the specs use ----
export const isAccountNo = (s) => isDigits(s, 10, 10); // Access Bank accountNo
export const isJuspayMobile = (s) => isDigits(s, 4, 15); // Juspay mobile_number
export const isJuspayCountryCode = (s) => isDigits(s, 1, 3, false); // Juspay mobile_country_code
export const isMobile10 = (s) => isDigits(s, 10, 10); // M2P mobile.value

// ---- shared by the cross-field rules ----

/** A JSON number as the Rust integer checks read it: integral and within ±(2^53 − 1). */
export const isWholeNumber = (v) => typeof v === "number" && Number.isSafeInteger(v);

/** A plain JSON object (not null, not an array). */
export const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

/** The M2P status values (status and currentStatus). */
export const M2P_STATUSES = ["ACTIVE", "LOCKED", "BLOCKED", "FRAUD", "INACTIVE", "CUSTOMER_BLOCKED", "CREDIT_FREEZE", "DEBIT_FREEZE", "REFUND_ONLY", "CLOSED", "EXPIRED"];
export const M2P_TERMINAL = ["CLOSED", "EXPIRED"];

/**
 * The nominee guardian rule for one item (vocab/src/cross.rs GuardianRequiredForMinor): returns
 * [mismatch, guardianMissing]. `minor` true or an age under 18 by `dob` (a real date not after
 * today) makes a minor; a flag that contradicts the age is a mismatch.
 */
export function minorIssues(item) {
  const flag = typeof item.minor === "boolean" ? item.minor : undefined;
  let under;
  if (typeof item.dob === "string") {
    const d = parseDate(item.dob, ISO);
    const t = today();
    if (d >= 0 && d <= t) under = ageOn(d, t) < 18;
  }
  const mismatch = flag !== undefined && under !== undefined && flag !== under;
  const missing = (flag === true || under === true) && item.guardian === undefined;
  return [mismatch, missing];
}

/**
 * The nominee age rule for one item (vocab/src/cross.rs AgeMatchesDob): a whole-number `age` and a
 * real `dob` not after today that make a different age today.
 */
export function ageMismatch(item) {
  if (!isWholeNumber(item.age) || typeof item.dob !== "string") return false;
  const d = parseDate(item.dob, ISO);
  const t = today();
  return d >= 0 && d <= t && ageOn(d, t) !== item.age;
}

/** `uuid`: 8-4-4-4-12 hex digits of either case. */
export function isUuid(s) {
  if (s.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = s.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (!(isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
  }
  return true;
}

/** Whether the shares of `items` can be summed (every item has a whole-number `field`) and then miss `total`. */
export function sharesMismatch(items, field, total) {
  if (items.length === 0) return false;
  let sum = 0;
  for (const item of items) {
    const n = isObject(item) ? item[field] : undefined;
    if (!isWholeNumber(n)) return false;
    sum += n;
  }
  return sum !== total;
}

/** Gathr: `id_number` must be an SA ID unless `id_type` says passport (non-empty strings only). */
export function idNumberInvalid(input) {
  const v = input.id_number;
  if (typeof v !== "string" || v === "") return false;
  if (input.id_type === "passport") return false;
  return !isSaId(v);
}

/** M2P: with `currentStatus` given, no same-state change and nothing out of CLOSED/EXPIRED. */
export function transitionInvalid(input) {
  const to = input.status;
  const from = input.currentStatus;
  if (typeof to !== "string" || typeof from !== "string") return false;
  return M2P_TERMINAL.includes(from) || from === to;
}

/** at_least_one_of: none of `fields` present (undefined counts as absent, as JSON.stringify drops it). */
export function noneOf(input, fields) {
  for (const f of fields) if (input[f] !== undefined) return false;
  return true;
}
