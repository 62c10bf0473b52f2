//! Typed clients of the gateways in `specs/`, one `provider!` line each.

crate::provider!("specs/xettle.yaml");
crate::provider!("specs/eanishop.yaml");
crate::provider!("specs/teemopay.yaml");
crate::provider!("specs/tecpay.yaml");
crate::provider!("specs/cashy.yaml");
