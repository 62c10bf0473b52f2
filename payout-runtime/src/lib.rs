//! The generic payout engine.
