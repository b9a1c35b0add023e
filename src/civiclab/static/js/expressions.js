// Evaluates the expression trees made by civiclab/surveys/expressions.py with the same rules,
// so show-if conditions, constraints and calculations behave alike on a tablet offline and on
// the server. The tree shape and the rules are described at the top of expressions.py; the
// cases both must pass are in tests/surveys/expression_cases.json.
// A classic script (no module, no build step), so a plain <script defer> and the service
// worker's cache can serve it: it sets globalThis.CivicExpressions, and module.exports in Node.
(function (root) {
  "use strict";

  var XPATH_SPACES = /[ \t\r\n]+/;
  var EDGE_SPACES = /^[ \t\r\n]+|[ \t\r\n]+$/g;
  var NUMBER_TEXT = /^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;
  var ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
  var FIRST_DAY = -719162; // 0001-01-01, the range Python's dates allow
  var LAST_DAY = 2932896; // 9999-12-31
  var MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  var patterns = new Map(); // regex() patterns, compiled once

  function own(object, key) {
    return object && Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
  }

  // An answer as an XPath value: "", a string, a number or a boolean; lists are joined by a
  // space, as ODK stores select_multiple.
  function value(raw) {
    if (raw === null || raw === undefined) return "";
    if (typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean") return raw;
    if (Array.isArray(raw)) return raw.map(asString).join(" ");
    return String(raw);
  }

  function isTrue(raw) {
    var v = value(raw);
    if (typeof v === "boolean") return v;
    if (typeof v === "number") return v !== 0 && !isNaN(v);
    return v !== "";
  }

  function asString(raw) {
    var v = value(raw);
    if (typeof v === "boolean") return v ? "true" : "false";
    if (typeof v === "number") return numberText(v);
    return v;
  }

  function toNumber(raw) {
    var v = value(raw);
    if (typeof v === "boolean") return v ? 1 : 0;
    if (typeof v === "number") return v;
    var text = v.replace(EDGE_SPACES, "");
    if (NUMBER_TEXT.test(text)) return Number(text); // no exponent, no "+", no decimal comma
    var days = dayNumber(text);
    return days === null ? NaN : days;
  }

  // [digits, exponent] of the shortest decimal form of a positive finite number.
  function decimalDigits(x) {
    var m = /^([0-9]+)(?:\.([0-9]+))?(?:e([+-][0-9]+))?$/.exec(String(x));
    var fraction = m[2] || "";
    var digits = (m[1] + fraction).replace(/^0+/, "");
    var exponent = (m[3] ? parseInt(m[3], 10) : 0) - fraction.length;
    var trailing = /0*$/.exec(digits)[0].length;
    return [digits.slice(0, digits.length - trailing), exponent + trailing];
  }

  // XPath string() of a number: never an exponent (String(1e21) would give "1e+21").
  function numberText(x) {
    if (isNaN(x)) return "NaN";
    if (x === Infinity) return "Infinity";
    if (x === -Infinity) return "-Infinity";
    if (x === 0) return "0";
    var parts = decimalDigits(Math.abs(x));
    var digits = parts[0];
    var exponent = parts[1];
    var text;
    if (exponent >= 0) text = digits + "0".repeat(exponent);
    else if (-exponent < digits.length) {
      text = digits.slice(0, digits.length + exponent) + "." + digits.slice(digits.length + exponent);
    } else text = "0." + "0".repeat(-exponent - digits.length) + digits;
    return x < 0 ? "-" + text : text;
  }

  function isLeap(year) {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  }

  // Days since 1970-01-01 (H. Hinnant's civil calendar algorithms: plain integer arithmetic,
  // so no time zone or Date quirk can shift a day).
  function daysFromCivil(year, month, day) {
    var y = month <= 2 ? year - 1 : year;
    var era = Math.floor(y / 400);
    var yearOfEra = y - era * 400;
    var dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
    var dayOfEra =
      yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
  }

  function civilFromDays(days) {
    var z = days + 719468;
    var era = Math.floor(z / 146097);
    var dayOfEra = z - era * 146097;
    var yearOfEra = Math.floor(
      (dayOfEra -
        Math.floor(dayOfEra / 1460) +
        Math.floor(dayOfEra / 36524) -
        Math.floor(dayOfEra / 146096)) /
        365
    );
    var dayOfYear =
      dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
    var shifted = Math.floor((5 * dayOfYear + 2) / 153);
    var day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
    var month = shifted < 10 ? shifted + 3 : shifted - 9;
    var year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    return isoDate(year, month, day);
  }

  function pad(number, width) {
    var text = String(number);
    while (text.length < width) text = "0" + text;
    return text;
  }

  function isoDate(year, month, day) {
    return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2);
  }

  // Days since 1970-01-01 of a valid "YYYY-MM-DD", else null.
  function dayNumber(text) {
    var m = ISO_DATE.exec(text);
    if (!m) return null;
    var year = Number(m[1]);
    var month = Number(m[2]);
    var day = Number(m[3]);
    if (year < 1 || month < 1 || month > 12 || day < 1) return null;
    var length = month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1];
    return day > length ? null : daysFromCivil(year, month, day);
  }

  function toDate(v) {
    if (typeof v === "number") {
      if (!isFinite(v)) return "";
      var days = Math.floor(v);
      return days < FIRST_DAY || days > LAST_DAY ? "" : civilFromDays(days);
    }
    if (typeof v === "string") {
      var text = v.replace(EDGE_SPACES, "");
      return dayNumber(text) === null ? "" : text;
    }
    return "";
  }

  function todayText(today) {
    if (typeof today === "string") return today;
    var now = today instanceof Date ? today : new Date();
    return isoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
  }

  function equal(a, b) {
    if (typeof a === "boolean" || typeof b === "boolean") return isTrue(a) === isTrue(b);
    if (typeof a === "number" || typeof b === "number") return toNumber(a) === toNumber(b);
    return a === b;
  }

  var BINARY = {
    "=": equal,
    "!=": function (a, b) { return !equal(a, b); },
    "<": function (a, b) { return toNumber(a) < toNumber(b); },
    "<=": function (a, b) { return toNumber(a) <= toNumber(b); },
    ">": function (a, b) { return toNumber(a) > toNumber(b); },
    ">=": function (a, b) { return toNumber(a) >= toNumber(b); },
    "+": function (a, b) { return toNumber(a) + toNumber(b); },
    "-": function (a, b) { return toNumber(a) - toNumber(b); },
    "*": function (a, b) { return toNumber(a) * toNumber(b); },
    div: function (a, b) { return toNumber(a) / toNumber(b); },
    // JS's % truncates like XPath's mod: -7 mod 3 = -1, x mod 0 = NaN.
    mod: function (a, b) { return toNumber(a) % toNumber(b); },
  };

  function items(v) {
    return asString(v).split(XPATH_SPACES).filter(Boolean);
  }

  function selectedAt(v, index) {
    var list = items(v);
    var n = toNumber(index);
    if (!isFinite(n)) return "";
    n = Math.trunc(n);
    return n >= 0 && n < list.length ? list[n] : "";
  }

  function increment(digits) {
    var i = digits.length - 1;
    while (i >= 0 && digits.charAt(i) === "9") i--;
    if (i < 0) return "1" + "0".repeat(digits.length);
    var next = String.fromCharCode(digits.charCodeAt(i) + 1);
    return digits.slice(0, i) + next + "0".repeat(digits.length - i - 1);
  }

  // round(x, n): half away from zero on the shortest decimal form, as ODK Collect does
  // (round(2.675, 2) = 2.68); round(x): XPath's rule, halves towards +infinity.
  function round(v, places) {
    var number = toNumber(v);
    if (places === undefined) return Math.round(number);
    var n = toNumber(places);
    if (isNaN(n)) return NaN;
    if (!isFinite(number) || number === 0 || n === Infinity) return number;
    if (n === -Infinity) return number < 0 ? -0 : 0;
    n = Math.trunc(n);
    var parts = decimalDigits(Math.abs(number));
    var digits = parts[0];
    var exponent = parts[1];
    if (exponent >= -n) return number;
    var drop = -n - exponent;
    var kept = drop < digits.length ? digits.slice(0, digits.length - drop) : "0";
    var first = drop <= digits.length ? digits.charAt(digits.length - drop) : "0";
    if (first >= "5") kept = increment(kept);
    kept = kept.replace(/^0+/, "");
    if (kept === "") return number < 0 ? -0 : 0;
    var result = Number(kept + "e" + -n);
    return number < 0 ? -result : result;
  }

  function regexMatches(text, pattern) {
    // The server checked the pattern (a subset meaning the same to Python's re and here).
    if (!patterns.has(pattern)) patterns.set(pattern, new RegExp(pattern, "u"));
    return patterns.get(pattern).test(text);
  }

  var CALLS = {
    selected: function (v, choice) {
      return items(v).indexOf(asString(choice).replace(EDGE_SPACES, "")) >= 0;
    },
    "count-selected": function (v) { return items(v).length; },
    "selected-at": selectedAt,
    "string-length": function (v) { return Array.from(asString(v)).length; }, // code points
    not: function (v) { return !isTrue(v); },
    true: function () { return true; },
    false: function () { return false; },
    boolean: isTrue,
    number: toNumber,
    int: function (v) { return Math.trunc(toNumber(v)); },
    round: round,
    string: asString,
    concat: function () { return Array.prototype.map.call(arguments, asString).join(""); },
    contains: function (text, part) { return asString(text).indexOf(asString(part)) >= 0; },
    "starts-with": function (text, start) {
      return asString(text).slice(0, asString(start).length) === asString(start);
    },
    coalesce: function (first, second) { return asString(first) !== "" ? first : second; },
    date: toDate,
  };

  function invalid() {
    return new Error("invalid expression tree");
  }

  function operate(op, args, context) {
    var i;
    if (op === "and") {
      for (i = 0; i < args.length; i++) if (!isTrue(evalNode(args[i], context))) return false;
      return true;
    }
    if (op === "or") {
      for (i = 0; i < args.length; i++) if (isTrue(evalNode(args[i], context))) return true;
      return false;
    }
    if (op === "neg") return -toNumber(evalNode(args[0], context));
    var combine = own(BINARY, op);
    if (!combine) throw invalid();
    var result = evalNode(args[0], context);
    for (i = 1; i < args.length; i++) result = combine(result, evalNode(args[i], context));
    return result;
  }

  function call(name, args, context) {
    if (name === "if") {
      return evalNode(isTrue(evalNode(args[0], context)) ? args[1] : args[2], context);
    }
    if (name === "today") return context.today;
    if (name === "regex") {
      if (!("lit" in args[1])) throw invalid();
      return regexMatches(asString(evalNode(args[0], context)), args[1].lit);
    }
    var fn = own(CALLS, name);
    if (!fn) throw invalid();
    return fn.apply(null, args.map(function (arg) { return evalNode(arg, context); }));
  }

  function evalNode(node, context) {
    if ("num" in node) return node.num;
    if ("lit" in node) return node.lit;
    if ("ref" in node) return value(own(context.answers, node.ref));
    if ("current" in node) return context.current;
    if ("col" in node) return value(own(context.choice, node.col));
    if ("op" in node) return operate(node.op, node.args, context);
    if ("call" in node) return call(node.call, node.args, context);
    throw invalid();
  }

  // The value of `ast` (string, number or boolean); null (no condition) gives true.
  // `today` is "YYYY-MM-DD" or a Date (default: the device's date); `choice` holds the
  // columns of the choice a choice_filter is tried on.
  function evaluate(ast, answers, current, today, choice) {
    if (ast === null || ast === undefined) return true;
    var context = {
      answers: answers || {},
      current: value(current),
      today: todayText(today),
      choice: choice || {},
    };
    return evalNode(ast, context);
  }

  var api = { evaluate: evaluate, isTrue: isTrue, asString: asString };
  root.CivicExpressions = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
