//! Typed clients of the gateways in `specs/`, one `provider!` line each.

use std::sync::Arc;

use crate::runtime::{ClientOptions, IndexMap, PayoutError, PayoutProvider};

crate::provider!("specs/xettle.yaml");
crate::provider!("specs/eanishop.yaml");
crate::provider!("specs/teemopay.yaml");
crate::provider!("specs/tecpay.yaml");
crate::provider!("specs/cashy.yaml");

/// The provider ids of the gateways above.
pub const IDS: [&str; 5] = ["xettle", "eanishop", "teemopay", "tecpay", "cashy"];

/// The typed client of one of the gateways above, by provider id, behind the unified
/// interface; `None` for an id this crate has no generated client for. Credentials are by
/// the spec's names.
pub fn unified(
    id: &str,
    credentials: &IndexMap<String, String>,
    base_url: &str,
    options: ClientOptions,
) -> Option<Result<Arc<dyn PayoutProvider>, PayoutError>> {
    fn boxed<C: PayoutProvider + 'static>(
        c: Result<C, PayoutError>,
    ) -> Result<Arc<dyn PayoutProvider>, PayoutError> {
        c.map(|c| Arc::new(c) as Arc<dyn PayoutProvider>)
    }
    Some(match id {
        "xettle" => boxed(
            xettle::Credentials::from_map(credentials)
                .and_then(|c| xettle::Client::with_base_url(c, base_url, options)),
        ),
        "eanishop" => boxed(
            eanishop::Credentials::from_map(credentials)
                .and_then(|c| eanishop::Client::with_base_url(c, base_url, options)),
        ),
        "teemopay" => boxed(
            teemopay::Credentials::from_map(credentials)
                .and_then(|c| teemopay::Client::with_base_url(c, base_url, options)),
        ),
        "tecpay" => boxed(
            tecpay::Credentials::from_map(credentials)
                .and_then(|c| tecpay::Client::with_base_url(c, base_url, options)),
        ),
        "cashy" => boxed(
            cashy::Credentials::from_map(credentials)
                .and_then(|c| cashy::Client::with_base_url(c, base_url, options)),
        ),
        _ => return None,
    })
}
