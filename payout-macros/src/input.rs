//! Stage 1: what the macro was given.
//!
//! `provider!("specs/cashy.yaml")` makes `pub mod cashy` (the spec's provider id);
//! `provider!(pub(crate) mod gateway = "specs/cashy.yaml")` names the module;
//! `provider!(pub mod cashy = "specs/cashy.yaml", path = payout::gateways::cashy)` also says
//! where users reach it, so that its documentation's examples are compiled as doctests.

use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token, Visibility};

pub struct MacroInput {
    pub vis: Visibility,
    /// The module name, when given.
    pub module: Option<Ident>,
    /// The spec's path, relative to the calling crate's `CARGO_MANIFEST_DIR`.
    pub path: LitStr,
    /// The module's path as a user of the crate writes it (`payout::gateways::cashy`), when
    /// given: the examples in its documentation then compile and are checked; without it they
    /// cannot name the module and are shown only.
    pub doc_path: Option<syn::Path>,
}

impl Parse for MacroInput {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(LitStr) {
            let path = input.parse()?;
            return Ok(MacroInput {
                vis: syn::parse_quote!(pub),
                module: None,
                path,
                doc_path: doc_path(input)?,
            });
        }
        let vis: Visibility = input.parse()?;
        input.parse::<Token![mod]>()?;
        let module: Ident = input.parse()?;
        input.parse::<Token![=]>()?;
        let path: LitStr = input.parse()?;
        Ok(MacroInput {
            vis,
            module: Some(module),
            path,
            doc_path: doc_path(input)?,
        })
    }
}

/// The optional `, path = a::b::c` after the spec's path.
fn doc_path(input: ParseStream) -> syn::Result<Option<syn::Path>> {
    if input.is_empty() {
        return Ok(None);
    }
    input.parse::<Token![,]>()?;
    if input.is_empty() {
        return Ok(None);
    }
    let key: Ident = input.parse()?;
    if key != "path" {
        return Err(syn::Error::new(
            key.span(),
            "expected `path = the::module::path` (where users reach the generated module)",
        ));
    }
    input.parse::<Token![=]>()?;
    let path: syn::Path = input.parse()?;
    Ok(Some(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_module_path_for_documentation_is_optional() {
        let plain: MacroInput = syn::parse_quote!("specs/cashy.yaml");
        assert!(plain.doc_path.is_none());
        let named: MacroInput =
            syn::parse_quote!(pub mod cashy = "specs/cashy.yaml", path = payout::gateways::cashy);
        let path = named.doc_path.expect("a path");
        assert_eq!(
            quote::quote!(#path).to_string(),
            "payout :: gateways :: cashy"
        );
        let wrong = syn::parse2::<MacroInput>(quote::quote!("specs/cashy.yaml", docs = a::b));
        let message = wrong.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("expected `path = "), "{message}");
    }
}
