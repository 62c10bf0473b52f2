//! Amounts: exact decimals in, the spec's wire form out. Never a float, never rounded.

use payout_spec::{AmountEncoding, AmountFormat, AmountUnit, Json, JsonNode};
use rust_decimal::Decimal;

/// Reads an amount given as a JSON number or a decimal string (`"100.00"`, `50000.00`).
pub fn parse_decimal(value: &(impl JsonNode + ?Sized)) -> Result<Decimal, String> {
    let Some(text) = value
        .number_text()
        .or_else(|| value.string_text().map(str::trim))
    else {
        return Err(format!("expected a decimal number, found {}", value.kind()));
    };
    // Exact or nothing: a value that does not fit a decimal exactly is refused, and so are
    // exponent forms (`1e3`), which gateways never send.
    Decimal::from_str_exact(text).map_err(|_| format!("`{text}` is not a decimal number"))
}

/// Writes an amount as the spec says, refusing what cannot be written exactly.
pub fn format_amount(amount: Decimal, fmt: &AmountFormat) -> Result<Json, String> {
    if amount.is_sign_negative() || amount.is_zero() {
        return Err(format!("{amount} is not a positive amount"));
    }
    let amount = amount.normalize();
    if amount.scale() > fmt.decimals {
        return Err(format!(
            "{amount} has more than {} digits after the point; amounts are never rounded",
            fmt.decimals
        ));
    }
    let text = match fmt.unit {
        AmountUnit::Major if fmt.trim => decimal_text(amount),
        AmountUnit::Major => {
            let mut a = amount;
            a.rescale(fmt.decimals);
            decimal_text(a)
        }
        AmountUnit::Minor => {
            let factor = Decimal::from(10u64.pow(fmt.decimals.min(18)));
            let minor = amount
                .checked_mul(factor)
                .ok_or_else(|| format!("{amount} is too large"))?;
            decimal_text(minor.normalize())
        }
    };
    Ok(match fmt.encoding {
        AmountEncoding::String => Json::String(text),
        AmountEncoding::Number => Json::Number(text),
    })
}

/// A decimal's text, as its `Display` writes it (`-12.50`, `0.05`, `7`): the mantissa's
/// digits with the point put in by the scale, into a String made once at its size.
pub fn decimal_text(d: Decimal) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(d.mantissa().unsigned_abs());
    let scale = d.scale() as usize;
    let negative = d.is_sign_negative() && !d.is_zero();
    // Digits before the point, and zeros between the point and the digits.
    let (whole, pad) = match digits.len().checked_sub(scale) {
        Some(w) if w > 0 => (w, 0),
        _ => (0, scale - digits.len()),
    };
    let mut out = String::with_capacity(digits.len() + pad + 3);
    if negative {
        out.push('-');
    }
    if whole == 0 {
        out.push('0');
    } else {
        out.push_str(&digits[..whole]);
    }
    if scale > 0 {
        out.push('.');
        out.extend(std::iter::repeat_n('0', pad));
        out.push_str(&digits[whole..]);
    }
    out
}

/// Reads an amount the gateway sent, in major units.
pub fn amount_from_wire(
    value: &(impl JsonNode + ?Sized),
    fmt: &AmountFormat,
) -> Result<Decimal, String> {
    let d = parse_decimal(value)?;
    Ok(match fmt.unit {
        AmountUnit::Major => d,
        AmountUnit::Minor => {
            if !d.fract().is_zero() {
                return Err(format!("{d} is not a whole number of minor units"));
            }
            d / Decimal::from(10u64.pow(fmt.decimals.min(18)))
        }
    })
}

/// Checks the spec's limits (given in major units).
pub fn check_limits(
    amount: Decimal,
    limits: (Option<Decimal>, Option<Decimal>),
) -> Result<(), String> {
    let (min, max) = limits;
    if let Some(min) = min.filter(|min| amount < *min) {
        return Err(format!("{amount} is below the minimum {min}"));
    }
    if let Some(max) = max.filter(|max| amount > *max) {
        return Err(format!("{amount} is above the maximum {max}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Against rust_decimal's own `Display`, an implementation apart from this one, on
    /// values at every scale and sign, zeros with scale, and the largest mantissas.
    #[test]
    fn decimal_text_is_what_display_writes() {
        let mut cases = vec![
            Decimal::ZERO,
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(0, 5),
            Decimal::from_parts(0, 0, 0, true, 2),
        ];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15; // a fixed seed; splitmix64 below
        for _ in 0..20_000 {
            x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^= z >> 31;
            let digits = (z % 19) as u32;
            let m = (z >> 8) as i64 % 10i64.pow(digits).max(1);
            let m = if z & 1 == 1 { -m } else { m };
            cases.push(Decimal::new(m, (z >> 3) as u32 % 29));
        }
        for d in cases {
            assert_eq!(decimal_text(d), d.to_string(), "{d:?}");
        }
    }

    fn fmt(encoding: AmountEncoding, decimals: u32, trim: bool, unit: AmountUnit) -> AmountFormat {
        AmountFormat {
            limits: Default::default(),
            encoding,
            unit,
            decimals,
            trim,
            min: None,
            max: None,
        }
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn each_wire_form() {
        use AmountEncoding::*;
        use AmountUnit::*;
        assert_eq!(
            format_amount(d("100"), &fmt(String, 2, false, Major)).unwrap(),
            Json::String("100.00".into())
        );
        assert_eq!(
            format_amount(d("50000.0"), &fmt(Number, 2, false, Major)).unwrap(),
            Json::Number("50000.00".into())
        );
        assert_eq!(
            format_amount(d("1.00"), &fmt(String, 2, true, Major)).unwrap(),
            Json::String("1".into())
        );
        assert_eq!(
            format_amount(d("1.50"), &fmt(String, 2, true, Major)).unwrap(),
            Json::String("1.5".into())
        );
        assert_eq!(
            format_amount(d("1000"), &fmt(String, 0, false, Major)).unwrap(),
            Json::String("1000".into())
        );
        assert_eq!(
            format_amount(d("1.5"), &fmt(Number, 2, false, Minor)).unwrap(),
            Json::Number("150".into())
        );
    }

    #[test]
    fn inexact_or_non_positive_amounts_are_refused() {
        let f = fmt(AmountEncoding::String, 0, false, AmountUnit::Major);
        assert!(format_amount(d("1000.5"), &f)
            .unwrap_err()
            .contains("never rounded"));
        assert!(format_amount(d("0"), &f).is_err());
        assert!(format_amount(d("-1"), &f).is_err());
        // Trailing zeros are not extra precision.
        assert!(format_amount(d("1000.000"), &f).is_ok());
    }

    #[test]
    fn parses_numbers_and_strings_exactly() {
        assert_eq!(
            parse_decimal(&Json::Number("60000.00".into())).unwrap(),
            d("60000.00")
        );
        assert_eq!(
            parse_decimal(&Json::String("12345678901234567.89".into()))
                .unwrap()
                .to_string(),
            "12345678901234567.89"
        );
        assert!(parse_decimal(&Json::Bool(true)).is_err());
        assert!(parse_decimal(&Json::String("ten".into())).is_err());
    }
}
