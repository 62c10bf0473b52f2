//! What the webhook and answer targets share: the project's five specs, loaded once, each
//! with the test credentials of its first vector that has some.

use std::sync::OnceLock;

use payout_runtime::{CompiledSpec, Credentials};

pub struct Gateway {
    pub spec: CompiledSpec,
    pub creds: Credentials,
}

const SPECS: [(&str, &str); 5] = [
    ("cashy.yaml", include_str!("../../specs/cashy.yaml")),
    ("eanishop.yaml", include_str!("../../specs/eanishop.yaml")),
    ("tecpay.yaml", include_str!("../../specs/tecpay.yaml")),
    ("teemopay.yaml", include_str!("../../specs/teemopay.yaml")),
    ("xettle.yaml", include_str!("../../specs/xettle.yaml")),
];

/// The five gateways; a spec that fails to load is a bug in the project, not in the input.
pub fn gateways() -> &'static [Gateway] {
    static ALL: OnceLock<Vec<Gateway>> = OnceLock::new();
    ALL.get_or_init(|| {
        SPECS
            .iter()
            .map(|(name, src)| {
                let spec = CompiledSpec::from_str(src, name).expect("the project's specs load");
                let values = spec
                    .spec()
                    .vectors
                    .iter()
                    .map(|v| v.credentials.clone())
                    .max_by_key(|c| c.len())
                    .unwrap_or_default();
                let creds =
                    Credentials::subset(spec.spec(), values).expect("vector credentials load");
                Gateway { spec, creds }
            })
            .collect()
    })
}

/// The first byte picks a gateway; the rest is the input.
pub fn pick(data: &[u8]) -> Option<(&'static Gateway, &[u8])> {
    let (first, rest) = data.split_first()?;
    let all = gateways();
    Some((&all[*first as usize % all.len()], rest))
}
