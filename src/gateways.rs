//! Typed clients of the gateways in `specs/`, one `provider!` line each.

use std::sync::Arc;

use crate::runtime::{ClientOptions, IndexMap, PayoutError, PayoutProvider};

crate::provider!("specs/xettle.yaml");
crate::provider!("specs/eanishop.yaml");
crate::provider!("specs/teemopay.yaml");
crate::provider!("specs/tecpay.yaml");
crate::provider!("specs/cashy.yaml");

/// The provider ids of the gateways above.
pub const IDS: [&str; 5] = [
    xettle::PROVIDER_ID,
    eanishop::PROVIDER_ID,
    teemopay::PROVIDER_ID,
    tecpay::PROVIDER_ID,
    cashy::PROVIDER_ID,
];

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
        xettle::PROVIDER_ID => boxed(xettle::Client::from_map(credentials, base_url, options)),
        eanishop::PROVIDER_ID => boxed(eanishop::Client::from_map(credentials, base_url, options)),
        teemopay::PROVIDER_ID => boxed(teemopay::Client::from_map(credentials, base_url, options)),
        tecpay::PROVIDER_ID => boxed(tecpay::Client::from_map(credentials, base_url, options)),
        cashy::PROVIDER_ID => boxed(cashy::Client::from_map(credentials, base_url, options)),
        _ => return None,
    })
}
