//! `payout::provider!`: a gateway spec becomes a typed Rust client at compile time.
//!
//! ```ignore
//! payout::provider!("specs/cashy.yaml");                     // pub mod cashy { ... }
//! payout::provider!(pub(crate) mod gateway = "specs/cashy.yaml");
//! ```
//!
//! The path is relative to the calling crate's `CARGO_MANIFEST_DIR`. A spec with errors is a
//! `compile_error!` per problem, in the form `payout lint` prints. The work is a pipeline
//! of stages that tests call without the compiler: [`input`] (what the macro was given) →
//! [`load`] (read and check the spec) → [`model`] (the Rust shape of the spec) →
//! [`generate`] (the tokens).

mod generate;
mod input;
mod load;
mod model;

use std::path::Path;

use proc_macro2::TokenStream;
use quote::quote;

/// Generates a typed client module from a spec. See the crate documentation.
#[proc_macro]
pub fn provider(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    expand(input.into(), Path::new(&manifest_dir)).into()
}

/// The whole pipeline; never panics: problems become `compile_error!`s.
fn expand(input: TokenStream, manifest_dir: &Path) -> TokenStream {
    let parsed: input::MacroInput = match syn::parse2(input) {
        Ok(p) => p,
        Err(e) => return e.to_compile_error(),
    };
    let path = parsed.path.value();
    match load::load(manifest_dir, &path) {
        Ok(loaded) => {
            let file = loaded.file.to_string_lossy().into_owned();
            match model::build(&loaded.spec, parsed.vis, parsed.module, file) {
                Ok(m) => generate::module(&m),
                Err(e) => {
                    let span = parsed.path.span();
                    let message = format!("{}: {e}", loaded.file.display());
                    quote::quote_spanned! { span => compile_error!(#message); }
                }
            }
        }
        Err(problems) => {
            let span = parsed.path.span();
            let errors = problems
                .iter()
                .map(|p| quote::quote_spanned! { span => compile_error!(#p); });
            quote! { #(#errors)* }
        }
    }
}

#[cfg(test)]
mod snapshots {
    //! The expanded code of each spec in `specs/`, pretty-printed and checked in under
    //! `payout-macros/snapshots/`: a change to the generator or a spec shows up as a diff to
    //! review. `PAYOUT_UPDATE_SNAPSHOTS=1 cargo test -p payout-macros` rewrites them.

    use std::path::{Path, PathBuf};

    fn expand_spec(id: &str) -> String {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let loaded = crate::load::load(&root, &format!("specs/{id}.yaml"))
            .unwrap_or_else(|e| panic!("{e:?}"));
        // A stable path in the snapshot, whatever the machine.
        let file = format!("$CARGO_MANIFEST_DIR/specs/{id}.yaml");
        let m = crate::model::build(&loaded.spec, syn::parse_quote!(pub), None, file)
            .expect("the spec serialises");
        let tokens = crate::generate::module(&m);
        let file: syn::File = syn::parse2(tokens).expect("the expansion parses as Rust");
        prettyplease::unparse(&file)
    }

    #[test]
    fn expansions_match_the_snapshots() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("snapshots");
        let update = std::env::var_os("PAYOUT_UPDATE_SNAPSHOTS").is_some();
        let mut drifted = Vec::new();
        for id in ["xettle", "eanishop", "teemopay", "tecpay", "cashy"] {
            let got = expand_spec(id);
            let path = dir.join(format!("{id}.rs"));
            if update {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, &got).unwrap();
            }
            let want = std::fs::read_to_string(&path).unwrap_or_default();
            if got != want {
                drifted.push(path.display().to_string());
            }
        }
        assert!(
            drifted.is_empty(),
            "the expansion changed for {drifted:?}: review it, then `PAYOUT_UPDATE_SNAPSHOTS=1 cargo test -p payout-macros`"
        );
    }
}
