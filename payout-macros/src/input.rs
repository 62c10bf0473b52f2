//! Stage 1: what the macro was given.
//!
//! `provider!("specs/cashy.yaml")` makes `pub mod cashy` (the spec's provider id);
//! `provider!(pub(crate) mod gateway = "specs/cashy.yaml")` names the module.

use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token, Visibility};

pub struct MacroInput {
    pub vis: Visibility,
    /// The module name, when given.
    pub module: Option<Ident>,
    /// The spec's path, relative to the calling crate's `CARGO_MANIFEST_DIR`.
    pub path: LitStr,
}

impl Parse for MacroInput {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(LitStr) {
            let path = input.parse()?;
            return Ok(MacroInput {
                vis: syn::parse_quote!(pub),
                module: None,
                path,
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
        })
    }
}
