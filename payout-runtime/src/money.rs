//! Amounts: exact decimals in, the spec's wire form out. Never a float, never rounded.

use payout_spec::{AmountEncoding, AmountFormat, AmountUnit, Json};
use rust_decimal::Decimal;

/// Reads an amount given as a JSON number or a decimal string (`"100.00"`, `50000.00`).
pub fn parse_decimal(value: &Json) -> Result<Decimal, String> {
    let text = match value {
        Json::Number(n) => n.as_str(),
        Json::String(s) => s.trim(),
        other => return Err(format!("expected a decimal number, found {}", other.kind())),
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
        AmountUnit::Major if fmt.trim => amount.to_string(),
        AmountUnit::Major => {
            let mut a = amount;
            a.rescale(fmt.decimals);
            a.to_string()
        }
        AmountUnit::Minor => {
            let factor = Decimal::from(10u64.pow(fmt.decimals.min(18)));
            let minor = amount
                .checked_mul(factor)
                .ok_or_else(|| format!("{amount} is too large"))?;
            minor.normalize().to_string()
        }
    };
    Ok(match fmt.encoding {
        AmountEncoding::String => Json::String(text),
        AmountEncoding::Number => Json::Number(text),
    })
}

/// Reads an amount the gateway sent, in major units.
pub fn amount_from_wire(value: &Json, fmt: &AmountFormat) -> Result<Decimal, String> {
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
pub fn check_limits(amount: Decimal, min: Option<&str>, max: Option<&str>) -> Result<(), String> {
    if let Some(min) = min.and_then(|m| Decimal::from_str_exact(m).ok()) {
        if amount < min {
            return Err(format!("{amount} is below the minimum {min}"));
        }
    }
    if let Some(max) = max.and_then(|m| Decimal::from_str_exact(m).ok()) {
        if amount > max {
            return Err(format!("{amount} is above the maximum {max}"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(encoding: AmountEncoding, decimals: u32, trim: bool, unit: AmountUnit) -> AmountFormat {
        AmountFormat {
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
