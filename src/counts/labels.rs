//! Group labels written in the engine, byte for byte as the Python side
//! writes them (`corpuscle._labels.encode_label`): the JSON list of the
//! group's field values, compact (`["A",2020]`), non-ASCII kept as it is.
//!
//! Counts are merged by label, so the label of a group read from JSON Lines
//! here must equal the label Python gives the same values from a frame or a
//! stream of dicts. The rule of `corpuscle._values` applies: a float with an
//! integral value up to 2^53 is that int (`2020.0` is `2020`), a NaN is
//! missing (`null`), and any other float is written as Python's `repr`
//! writes it (`1e-05`, `1e+16`, `0.1`).

use crate::read::Value;

/// Floats beyond this are not exact integers, so they are never taken for ints.
const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53

/// The label of the group whose fields hold `values`, in order.
pub fn group_label<'a>(values: impl IntoIterator<Item = &'a Value>) -> String {
    let mut out = String::from("[");
    for (i, value) in values.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_value(&mut out, value);
    }
    out.push(']');
    out
}

fn push_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Big(u) => out.push_str(&u.to_string()),
        Value::Float(f) => push_float(out, *f),
        // serde_json escapes as Python's json.dumps(ensure_ascii=False) does:
        // `"`, `\`, \b \f \n \r \t, other controls as \u00xx (lower case).
        Value::Str(s) => out.push_str(&serde_json::to_string(s).unwrap_or_default()),
        // Never a group value (the reader refuses it); written as read.
        Value::Json(json) => out.push_str(json),
    }
}

fn push_float(out: &mut String, f: f64) {
    if f.is_nan() {
        out.push_str("null");
    } else if f.is_infinite() {
        out.push_str(if f > 0.0 { "Infinity" } else { "-Infinity" });
    } else if f.fract() == 0.0 && f.abs() <= EXACT {
        out.push_str(&(f as i64).to_string());
    } else {
        out.push_str(&python_repr(f));
    }
}

/// A finite float as Python's `repr` writes it: the shortest digits that
/// read back as `f`, in positional notation when the decimal point falls
/// from 4 places before the first digit to 16 after it, else as `1.5e-07`.
pub fn python_repr(f: f64) -> String {
    // Rust's `{:e}` gives the same shortest round-trip digits: `-1.5e-7`.
    let shortest = format!("{f:e}");
    let (mantissa, exponent) = shortest.split_once('e').unwrap_or((&shortest, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    // The decimal point stands after `point` digits (CPython's decpt).
    let point = exponent + 1;
    let mut out = String::from(sign);
    if point <= -4 || point > 16 {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let e = point - 1;
        out.push_str(&format!("e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs()));
    } else if point <= 0 {
        out.push_str("0.");
        out.push_str(&"0".repeat(point.unsigned_abs() as usize));
        out.push_str(&digits);
    } else {
        let point = point as usize;
        if point < digits.len() {
            out.push_str(&digits[..point]);
            out.push('.');
            out.push_str(&digits[point..]);
        } else {
            out.push_str(&digits);
            out.push_str(&"0".repeat(point - digits.len()));
            out.push_str(".0");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_are_written_as_python_repr_writes_them() {
        // Each pair checked with CPython 3.11: repr(float(x)).
        let cases = [
            (0.1, "0.1"),
            (-2.5, "-2.5"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (1.5e-7, "1.5e-07"),
            (1e16, "1e+16"),
            (1.2345e16, "1.2345e+16"),
            (9007199254740994.0, "9007199254740994.0"),
            (123456789012345.67, "123456789012345.67"),
            (1e300, "1e+300"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (2023.5, "2023.5"),
        ];
        for (f, python) in cases {
            assert_eq!(python_repr(f), python, "{f:e}");
        }
    }

    #[test]
    fn labels_follow_the_rule_of_python_values() {
        let values = [
            Value::Str("Kyiv \"Post\"\n\u{1}é".into()),
            Value::Int(2020),
            Value::Float(2021.0),
            Value::Float(-0.0),
            Value::Float(0.5),
            Value::Float(1e17),
            Value::Bool(true),
            Value::Null,
            Value::Big(u64::MAX),
        ];
        assert_eq!(
            group_label(&values),
            "[\"Kyiv \\\"Post\\\"\\n\\u0001é\",2020,2021,0,0.5,1e+17,true,null,18446744073709551615]"
        );
        assert_eq!(group_label(&[]), "[]");
    }
}
