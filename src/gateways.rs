//! Typed clients of the gateways in `specs/`, one line each in the list at the bottom.

use std::sync::Arc;

use crate::runtime::{ClientOptions, IndexMap, PayoutError, PayoutProvider};

/// Boxes a client behind the unified interface.
fn boxed<C: PayoutProvider + 'static>(
    c: Result<C, PayoutError>,
) -> Result<Arc<dyn PayoutProvider>, PayoutError> {
    c.map(|c| Arc::new(c) as Arc<dyn PayoutProvider>)
}

/// `MODULE = "SPEC",` per gateway: its module (`provider!`), its entry in [`IDS`] and its
/// arm in [`unified`]. Adding a gateway is adding a line to the list below.
macro_rules! gateways {
    ($($module:ident = $spec:literal,)*) => {
        $(crate::provider!(pub mod $module = $spec, path = payout::gateways::$module);)*

        /// The provider ids of the gateways above.
        pub const IDS: [&str; [$($module::PROVIDER_ID),*].len()] = [$($module::PROVIDER_ID),*];

        /// The typed client of one of the gateways above, by provider id, behind the unified
        /// interface; `None` for an id this crate has no generated client for. Credentials
        /// are by the spec's names.
        pub fn unified(
            id: &str,
            credentials: &IndexMap<String, String>,
            base_url: &str,
            options: ClientOptions,
        ) -> Option<Result<Arc<dyn PayoutProvider>, PayoutError>> {
            Some(match id {
                $($module::PROVIDER_ID => boxed($module::Client::from_map(credentials, base_url, options)),)*
                _ => return None,
            })
        }
    };
}

gateways! {
    xettle = "specs/xettle.yaml",
    eanishop = "specs/eanishop.yaml",
    teemopay = "specs/teemopay.yaml",
    tecpay = "specs/tecpay.yaml",
    cashy = "specs/cashy.yaml",
    stripe = "specs/stripe.yaml",
    paystack = "specs/paystack.yaml",
    paypal = "specs/paypal.yaml",
    wise = "specs/wise.yaml",
}
