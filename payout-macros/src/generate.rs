//! Stage 4: print the model as Rust.
//!
//! The generated module holds only what is specific to its gateway: its types, and the
//! impls that tie them to the runtime's shell (`payout::runtime::TypedClient`, generic over
//! the module's `Gateway`), which holds the constructors, the typed call and the unified
//! interface once for every gateway. Conversions lean on `payout::runtime::codegen`; every
//! call runs through `DynamicClient`, so typed and dynamic clients run the same code.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::model::{Dir, EnumDef, FieldDef, Module, OneOfDef, Op, StructDef, Ty, TypeDef};
use payout_spec::{OperationRole, PayoutStatus};

pub fn module(m: &Module) -> TokenStream {
    let vis = &m.vis;
    let ident = &m.ident;
    let doc = &m.doc;
    let spec_file = &m.spec_file;
    let spec_json = &m.spec_json;
    let provider_id = &m.provider_id;
    let imports = m
        .imports
        .iter()
        .filter(|(_, names)| !names.is_empty())
        .map(|(path, names)| {
            let path = path.split("::").map(|s| format_ident!("{s}"));
            let names = names.iter().map(|n| format_ident!("{n}"));
            quote! { use #(::#path)*::{#(#names),*}; }
        });
    let credentials = credentials(m);
    let environment = environment(m);
    let gateway = gateway(m);
    let types: Vec<TokenStream> = m.types.iter().map(|t| type_def(m, t)).collect();
    let responses: Vec<TokenStream> = m
        .ops
        .iter()
        .map(|op| {
            let request = &op.request;
            let response = &op.response;
            let body = &op.response_body;
            let name = &op.name;
            let write_input = write_input(m, op);
            let doc = format!(
                "What a successful `{name}` returns: the typed body, the gateway's status typed, \
             and the unified view.\n\n\
             The typed body is a reading of the raw JSON, which stays available as \
             `result.response` and is the source of truth: a field the spec does not list, or \
             a value that is not of its declared type, is `None` in the body but still there."
            );
            quote! {
                #[doc = #doc]
                #[derive(Debug, Clone, PartialEq)]
                pub struct #response {
                    /// The body's fields, typed; the raw JSON is `result.response`.
                    pub body: #body,
                    /// The gateway's status, typed (`None` when the response carries none).
                    pub status: Option<Status>,
                    /// The unified view: status, references, amounts, and the raw JSON.
                    pub result: PayoutResult,
                }

                impl ::payout::runtime::Operation for #request {
                    type Gateway = Gateway;
                    type Response = #response;
                    const NAME: &'static str = #name;

                    fn response(result: PayoutResult, body: &JsonRef<'_>) -> #response {
                        #response {
                            body: #body::from_json(body).unwrap_or_default(),
                            status: result.provider_status.as_deref().map(Status::from_provider),
                            result,
                        }
                    }

                    #write_input
                }
            }
        })
        .collect();
    let status = status(m);
    let webhooks = webhooks(m);
    quote! {
        #[doc = #doc]
        #vis mod #ident {
            #(#imports)*

            // The spec file this module was generated from, included so that cargo rebuilds
            // the crate when the spec changes.
            const _: &[u8] = ::core::include_bytes!(#spec_file);

            #gateway
            #credentials
            #environment
            #(#types)*
            #(#responses)*
            #status
            #webhooks

            /// The gateway's provider id.
            pub const PROVIDER_ID: &str = #provider_id;

            // The checked spec, embedded at compile time: no YAML is read at run time.
            const SPEC_JSON: &str = #spec_json;
        }
    }
}

fn doc_attrs(doc: &str) -> TokenStream {
    quote! { #[doc = #doc] }
}

fn credentials(m: &Module) -> TokenStream {
    let fields = m.credentials.iter().map(|c| {
        let ident = &c.ident;
        let doc = doc_attrs(&c.doc);
        if c.secret {
            quote! { #doc pub #ident: Secret, }
        } else {
            quote! { #doc pub #ident: String, }
        }
    });
    let idents: Vec<_> = m.credentials.iter().map(|c| &c.ident).collect();
    let names: Vec<_> = m.credentials.iter().map(|c| &c.name).collect();
    let inits = m.credentials.iter().map(|c| {
        let ident = &c.ident;
        if c.secret {
            quote! { #ident: Secret::new(#ident), }
        } else {
            quote! { #ident, }
        }
    });
    let values = m.credentials.iter().map(|c| {
        let ident = &c.ident;
        let name = &c.name;
        if c.secret {
            quote! { (#name.to_string(), self.#ident.expose().to_string()), }
        } else {
            quote! { (#name.to_string(), self.#ident.clone()), }
        }
    });
    quote! {
        /// The merchant's credentials. Secret ones print as `<redacted>`.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Credentials {
            #(#fields)*
        }

        impl Credentials {
            /// From values by the spec's credential names (a configuration file, the
            /// environment). Every missing one is reported.
            pub fn from_map(values: &IndexMap<String, String>) -> Result<Self, PayoutError> {
                let [#(#idents),*] = codegen::credentials(values, [#(#names),*])?;
                Ok(Credentials { #(#inits)* })
            }

        }

        impl ::payout::runtime::GatewayCredentials for Credentials {
            fn from_map(values: &IndexMap<String, String>) -> Result<Self, PayoutError> {
                Credentials::from_map(values)
            }

            fn values(&self) -> IndexMap<String, String> {
                IndexMap::from([#(#values)*])
            }
        }
    }
}

fn environment(m: &Module) -> TokenStream {
    if m.environments.is_empty() {
        return quote! {};
    }
    let variants = m.environments.iter().map(|e| {
        let ident = &e.ident;
        let doc = doc_attrs(&e.doc);
        quote! { #doc #ident, }
    });
    let urls = m.environments.iter().map(|e| {
        let ident = &e.ident;
        let url = &e.base_url;
        quote! { Environment::#ident => #url, }
    });
    quote! {
        /// The gateway's deployments.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Environment {
            #(#variants)*
        }

        impl Environment {
            /// The environment's base URL.
            pub fn base_url(&self) -> &'static str {
                match self {
                    #(#urls)*
                }
            }
        }

        impl ::payout::runtime::GatewayEnvironment for Environment {
            fn base_url(&self) -> &'static str {
                Environment::base_url(self)
            }
        }
    }
}

/// The gateway's name for the runtime's shell, and the client that shell makes of it.
fn gateway(m: &Module) -> TokenStream {
    let environment = if m.environments.is_empty() {
        quote! { ::payout::runtime::NoEnvironments }
    } else {
        quote! { Environment }
    };
    let mut client_doc = String::from(
        "A client of the gateway. [`send`](::payout::runtime::TypedClient::send) takes a \
         typed request (",
    );
    let requests: Vec<String> = m
        .ops
        .iter()
        .map(|op| format!("[`{}`]", op.request))
        .collect();
    client_doc.push_str(&requests.join(", "));
    client_doc.push_str(
        ") and returns its typed response; [`webhook`](::payout::runtime::TypedClient::webhook) \
         verifies and reads a [`Webhook`]; the unified interface is \
         [`PayoutProvider`](::payout::runtime::PayoutProvider). Cheap to clone.",
    );
    quote! {
        /// The gateway, as [`TypedClient`](::payout::runtime::TypedClient) names it: a type,
        /// never a value.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Gateway {}

        #[doc = #client_doc]
        pub type Client = ::payout::runtime::TypedClient<Gateway>;

        impl ::payout::runtime::Gateway for Gateway {
            const PROVIDER_ID: &'static str = PROVIDER_ID;
            type Credentials = Credentials;
            type Environment = #environment;
            type Webhook = Webhook;

            fn spec() -> Result<Arc<CompiledSpec>, PayoutError> {
                static SPEC: OnceLock<Result<Arc<CompiledSpec>, PayoutError>> = OnceLock::new();
                codegen::embedded(&SPEC, SPEC_JSON)
            }

            fn webhook(event: WebhookEvent, fields: &JsonRef<'_>) -> Result<Webhook, PayoutError> {
                Webhook::from_event(event, fields)
            }
        }
    }
}

fn rust_ty(t: &Ty) -> TokenStream {
    match t {
        Ty::String => quote! { String },
        Ty::I64 => quote! { i64 },
        Ty::Decimal => quote! { Decimal },
        Ty::Bool => quote! { bool },
        Ty::Json => quote! { Json },
        Ty::Named(i) => quote! { #i },
        Ty::Vec(inner) => {
            let inner = rust_ty(inner);
            quote! { Vec<#inner> }
        }
    }
}

/// `impl Into<String>` for text parameters of constructors, so `&str` works.
fn param_ty(t: &Ty) -> (TokenStream, bool) {
    match t {
        Ty::String => (quote! { impl Into<String> }, true),
        other => (rust_ty(other), false),
    }
}

fn type_def(m: &Module, t: &TypeDef) -> TokenStream {
    match t {
        TypeDef::Struct(s) => struct_def(m, s),
        TypeDef::Enum(e) => enum_def(e),
        TypeDef::OneOf(o) => one_of_def(o),
    }
}

fn field_decl(f: &FieldDef) -> TokenStream {
    let ident = &f.ident;
    let ty = rust_ty(&f.ty);
    let doc = doc_attrs(&f.doc);
    if f.optional {
        quote! { #doc pub #ident: Option<#ty>, }
    } else {
        quote! { #doc pub #ident: #ty, }
    }
}

fn struct_def(m: &Module, s: &StructDef) -> TokenStream {
    let ident = &s.ident;
    let fields: Vec<TokenStream> = s.fields.iter().map(field_decl).collect();
    match s.dir {
        Dir::Output => {
            let doc = doc_attrs(&format!(
                "{}\n\nRead leniently: a field that is missing, `null` or not of its type is \
                 `None`. The raw JSON (`result.response` of a response, `event.body` of a \
                 webhook) is the source of truth for anything not read here.",
                s.doc
            ));
            // One walk over the object's members, each read by its name: no field is looked
            // up, and a member the spec does not list costs one comparison of its name.
            let reads = s.fields.iter().map(|f| {
                let id = &f.ident;
                let name = &f.name;
                quote! { #name => out.#id = codegen::read(value), }
            });
            let from_json = if s.fields.is_empty() {
                quote! {
                    v.members()?;
                    Some(#ident::default())
                }
            } else {
                quote! {
                    let mut out = #ident::default();
                    for (name, value) in v.members()? {
                        match name {
                            #(#reads)*
                            _ => {}
                        }
                    }
                    Some(out)
                }
            };
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq, Default)]
                pub struct #ident {
                    #(#fields)*
                }

                impl FromJson for #ident {
                    fn from_json(v: &JsonRef<'_>) -> Option<Self> {
                        #from_json
                    }
                }
            }
        }
        Dir::Input => input_struct(m, s),
    }
}

/// Setters that would shadow a method every struct has (`X::default()`, `x.clone()`) are
/// named `set_…`.
fn setter_ident(field: &Ident) -> Ident {
    const SHADOWING: &[&str] = &["default", "clone", "eq", "ne", "fmt", "hash", "to_json"];
    if SHADOWING.iter().any(|n| field == n) {
        format_ident!("set_{field}")
    } else {
        field.clone()
    }
}

/// A struct that is sent. Required fields are plain `pub` fields, so a struct literal that
/// leaves one out does not compile; optional ones are `Option`s, kept in a `Default` struct
/// of their own when there are required ones too (`optional: Default::default()`), and set
/// one by one with the methods of the same name.
fn input_struct(m: &Module, s: &StructDef) -> TokenStream {
    let ident = &s.ident;
    let op = m.ops.iter().find(|op| op.request == *ident);
    let mut doc = s.doc.clone();
    if let Some(op) = op {
        doc.push_str(&operation_doc(m, op));
    }
    let doc = doc_attrs(&doc);
    let required: Vec<&FieldDef> = s.fields.iter().filter(|f| !f.optional).collect();
    let optional: Vec<&FieldDef> = s.fields.iter().filter(|f| f.optional).collect();
    let required_decls = required.iter().map(|f| field_decl(f));
    let optional_decls: Vec<TokenStream> = optional.iter().map(|f| field_decl(f)).collect();
    // Where the optional fields live: `self.optional` when split, `self` otherwise.
    let (holder, declaration) = match &s.optional {
        Some(part) => {
            let part_doc = format!(
                "The optional fields of [`{ident}`]; `Default::default()` sets none of them."
            );
            (
                quote! { self.optional },
                quote! {
                    #doc
                    #[derive(Debug, Clone, PartialEq)]
                    pub struct #ident {
                        #(#required_decls)*
                        /// The optional fields, each `None` unless set.
                        pub optional: #part,
                    }

                    #[doc = #part_doc]
                    #[derive(Debug, Clone, PartialEq, Default)]
                    pub struct #part {
                        #(#optional_decls)*
                    }
                },
            )
        }
        None => {
            let derive_default = if required.is_empty() {
                quote! { #[derive(Default)] }
            } else {
                quote! {}
            };
            (
                quote! { self },
                quote! {
                    #doc
                    #[derive(Debug, Clone, PartialEq)]
                    #derive_default
                    pub struct #ident {
                        #(#required_decls)*
                        #(#optional_decls)*
                    }
                },
            )
        }
    };
    let setters: Vec<TokenStream> = optional
        .iter()
        .map(|f| {
            let id = &f.ident;
            let setter = setter_ident(id);
            let (ty, into) = param_ty(&f.ty);
            let doc = format!("Sets `{}`.", f.name);
            let value = if into {
                quote! { value.into() }
            } else {
                quote! { value }
            };
            quote! {
                #[doc = #doc]
                pub fn #setter(mut self, value: #ty) -> Self {
                    #holder.#id = Some(#value);
                    self
                }
            }
        })
        .collect();
    let setters = if setters.is_empty() {
        quote! {}
    } else {
        quote! {
            impl #ident {
                #(#setters)*
            }
        }
    };
    let puts = s.fields.iter().map(|f| {
        let id = &f.ident;
        let name = &f.name;
        if f.optional {
            quote! { codegen::put_opt(&mut o, #name, &#holder.#id); }
        } else {
            quote! { codegen::put(&mut o, #name, &self.#id); }
        }
    });
    // `o` is not written to when the struct has no fields.
    let binding = if s.fields.is_empty() {
        quote! { let o = codegen::object(); }
    } else {
        quote! { let mut o = codegen::object(); }
    };
    quote! {
        #declaration
        #setters

        impl ToJson for #ident {
            fn to_json(&self) -> Json {
                #binding
                #(#puts)*
                Json::Object(o)
            }
        }
    }
}

/// `Operation::write_input` of an operation's request: each field written into the slot
/// of its spec field, text borrowed.
fn write_input(m: &Module, op: &Op) -> TokenStream {
    let request = m.types.iter().find_map(|t| match t {
        TypeDef::Struct(s) if s.ident == op.request => Some(s),
        _ => None,
    });
    let fields = request.map_or(&[][..], |s| &s.fields[..]);
    let holder = match request.and_then(|s| s.optional.as_ref()) {
        Some(_) => quote! { self.optional },
        None => quote! { self },
    };
    let writes: Vec<TokenStream> = fields
        .iter()
        .zip(&op.slots)
        .map(|(f, slot)| {
            let id = &f.ident;
            let name = &f.name;
            let (owner, write) = match (f.optional, matches!(f.ty, Ty::String)) {
                (false, true) => (quote! { self }, quote! { text }),
                (false, false) => (quote! { self }, quote! { put }),
                (true, true) => (holder.clone(), quote! { text_opt }),
                (true, false) => (holder.clone(), quote! { put_opt }),
            };
            let slot = proc_macro2::Literal::usize_unsuffixed(*slot);
            quote! { input.#write(#slot, #name, &#owner.#id); }
        })
        .collect();
    // `input` is not written to when the request has no fields.
    if writes.is_empty() {
        return quote! {
            fn write_input<'a>(&'a self, _input: &mut codegen::InputWriter<'a>) {}
        };
    }
    let slots = proc_macro2::Literal::usize_unsuffixed(op.slots.iter().max().map_or(0, |s| s + 1));
    quote! {
        fn write_input<'a>(&'a self, input: &mut codegen::InputWriter<'a>) {
            input.reserve(#slots);
            #(#writes)*
        }
    }
}

/// What the documentation of an operation's request adds to its description: how it is
/// sent, an example, and the gateway's error codes.
fn operation_doc(m: &Module, op: &Op) -> String {
    let module = &m.ident;
    let mut doc = format!(
        "\n\nSent with [`Client::send`](::payout::runtime::TypedClient::send), which returns a \
         [`{}`]. ",
        op.response
    );
    if op.role == OperationRole::Create {
        doc.push_str(
            "Sent once, never retried: an error with `may_exist` means the payout may exist at \
             the gateway; query before sending it again.",
        );
    } else {
        doc.push_str("Retried with backoff on transient failures, freshly signed each time.");
    }
    let literal = example(m, &Ty::Named(op.request.clone()), None, 1);
    // Compiled as a doctest (not run: it would need the gateway) when the module's path is
    // known; otherwise the example cannot name the module and is shown only.
    let (fence, imports) = match &m.doc_path {
        Some(path) => (
            "no_run",
            format!(
                "# use {} as {module};\n# #[allow(unused_imports)]\n# use payout::runtime::Json;\n",
                quote!(#path).to_string().replace(' ', "")
            ),
        ),
        None => ("ignore", String::new()),
    };
    doc.push_str(&format!(
        "\n\n# Example\n\n```{fence}\n{imports}\
         async fn {name}(client: &{module}::Client) -> Result<(), Box<dyn std::error::Error>> {{\n\
         \x20   let request = {literal};\n\
         \x20   let response = client.send(&request).await?;\n\
         \x20   println!(\"{{:?}}\", response.result.status);\n\
         \x20   Ok(())\n\
         }}\n```",
        name = crate::model::field_ident(&op.name),
    ));
    let codes: Vec<String> = op
        .error_codes
        .iter()
        .chain(&m.error_codes)
        .map(|(code, kind)| {
            let note = if kind == "ambiguous" || kind == "duplicate" {
                " (`may_exist`: query before sending again)"
            } else {
                ""
            };
            format!("- `{code}`: `{kind}`{note}")
        })
        .collect();
    doc.push_str(
        "\n\n# Errors\n\nA [`PayoutError`](::payout::runtime::PayoutError) whose `kind` says \
         what happened: refused before sending (`validation`), not answered, or answered with \
         an error.",
    );
    if codes.is_empty() {
        doc.push_str(" The spec lists no error codes of the gateway.");
    } else {
        doc.push_str(" The gateway's error codes, as the spec reads them:\n\n");
        doc.push_str(&codes.join("\n"));
    }
    doc
}

/// A Rust expression of a value of `ty`, for the documentation's examples: the spec's
/// example where it gives one, a placeholder of the right type otherwise. Structs are
/// struct literals that name every required field.
fn example(m: &Module, ty: &Ty, given: Option<&str>, depth: usize) -> String {
    let module = &m.ident;
    let indent = "    ".repeat(depth + 1);
    let close = "    ".repeat(depth);
    match ty {
        Ty::String => format!("{:?}.into()", given.unwrap_or("…")),
        Ty::I64 => given
            .and_then(|g| g.parse::<i64>().ok())
            .unwrap_or(0)
            .to_string(),
        Ty::Decimal => {
            let text = given
                .filter(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit() || c == '.'))
                .unwrap_or("100.00");
            format!("{text:?}.parse()?")
        }
        Ty::Bool => given
            .filter(|g| *g == "true")
            .unwrap_or("false")
            .to_string(),
        Ty::Json => "Json::Null".to_string(),
        Ty::Vec(_) => "vec![]".to_string(),
        Ty::Named(name) => {
            let Some(def) = m.types.iter().find(|t| match t {
                TypeDef::Struct(s) => s.ident == *name,
                TypeDef::Enum(e) => e.ident == *name,
                TypeDef::OneOf(o) => o.ident == *name,
            }) else {
                return "Default::default()".to_string();
            };
            match def {
                TypeDef::Enum(e) => {
                    let variant = e
                        .variants
                        .iter()
                        .find(|v| Some(v.name.as_str()) == given)
                        .or(e.variants.first());
                    match variant {
                        Some(v) => format!("{module}::{name}::{}", v.ident),
                        None => "Default::default()".to_string(),
                    }
                }
                TypeDef::OneOf(o) => match o.variants.first() {
                    Some(v) => format!(
                        "{module}::{name}::{}({})",
                        v.ident,
                        example(m, &Ty::Named(v.fields.clone()), None, depth)
                    ),
                    None => "Default::default()".to_string(),
                },
                TypeDef::Struct(s) if depth > 3 => format!("todo!(\"a {module}::{}\")", s.ident),
                TypeDef::Struct(s) => {
                    let required: Vec<&FieldDef> =
                        s.fields.iter().filter(|f| !f.optional).collect();
                    if required.is_empty() {
                        // The first optional field set, to show how.
                        let first = s.fields.iter().find(|f| {
                            matches!(f.ty, Ty::String | Ty::I64 | Ty::Decimal | Ty::Bool)
                        });
                        return match first {
                            Some(f) => {
                                let value = example(m, &f.ty, f.example.as_deref(), depth);
                                let value = value.strip_suffix(".into()").unwrap_or(&value);
                                format!(
                                    "{module}::{name}::default().{}({value})",
                                    setter_ident(&f.ident)
                                )
                            }
                            None => format!("{module}::{name}::default()"),
                        };
                    }
                    let mut out = format!("{module}::{name} {{\n");
                    for f in required {
                        out.push_str(&format!(
                            "{indent}{}: {},\n",
                            f.ident,
                            example(m, &f.ty, f.example.as_deref(), depth + 1)
                        ));
                    }
                    if s.optional.is_some() {
                        out.push_str(&format!("{indent}optional: Default::default(),\n"));
                    }
                    out.push_str(&format!("{close}}}"));
                    out
                }
            }
        }
    }
}

fn enum_def(e: &EnumDef) -> TokenStream {
    let ident = &e.ident;
    let variants = e.variants.iter().map(|v| {
        let id = &v.ident;
        let d = match &v.wire {
            Some(w) => format!("{} (sent as `{w}`)", v.doc),
            None => v.doc.clone(),
        };
        quote! { #[doc = #d] #id, }
    });
    let names = e.variants.iter().map(|v| {
        let id = &v.ident;
        let name = &v.name;
        quote! { #ident::#id => #name, }
    });
    let reads: Vec<TokenStream> = e
        .variants
        .iter()
        .map(|v| {
            let id = &v.ident;
            let name = &v.name;
            match &v.wire {
                Some(w) => quote! { #name | #w => #ident::#id, },
                None => quote! { #name => #ident::#id, },
            }
        })
        .collect();
    match e.dir {
        // Sent: closed, so a value the gateway does not accept does not compile. Written as
        // its name; the runtime maps names to wire values.
        Dir::Input => {
            let doc = doc_attrs(&e.doc);
            quote! {
                #doc
                #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
                pub enum #ident {
                    #(#variants)*
                }

                impl #ident {
                    /// The value's name in the spec.
                    pub fn as_str(&self) -> &'static str {
                        match self {
                            #(#names)*
                        }
                    }
                }

                impl ToJson for #ident {
                    fn to_json(&self) -> Json {
                        Json::String(self.as_str().to_string())
                    }

                    fn write_slot<'a>(
                        &'a self,
                        input: &mut codegen::InputWriter<'a>,
                        slot: usize,
                        name: &'static str,
                    ) {
                        input.text(slot, name, self.as_str());
                    }
                }

                impl FromJson for #ident {
                    fn from_json(v: &JsonRef<'_>) -> Option<Self> {
                        let value = match v.scalar_str()? {
                            #(#reads)*
                            _ => return None,
                        };
                        Some(value)
                    }
                }
            }
        }
        // Read: open, so a value the spec does not list is kept rather than lost.
        Dir::Output => {
            let doc = doc_attrs(&format!(
                "{}\n\nA value the spec does not list is kept as `Other`.",
                e.doc
            ));
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq, Eq, Hash)]
                pub enum #ident {
                    #(#variants)*
                    /// A value the spec does not list, as the gateway sent it.
                    Other(String),
                }

                impl #ident {
                    /// The value's name in the spec, or the value itself for `Other`.
                    pub fn as_str(&self) -> &str {
                        match self {
                            #(#names)*
                            #ident::Other(value) => value,
                        }
                    }
                }

                impl FromJson for #ident {
                    fn from_json(v: &JsonRef<'_>) -> Option<Self> {
                        let text = v.scalar_str()?;
                        Some(match text {
                            #(#reads)*
                            _ => #ident::Other(text.to_string()),
                        })
                    }
                }
            }
        }
    }
}

fn one_of_def(o: &OneOfDef) -> TokenStream {
    let ident = &o.ident;
    let tag = &o.tag;
    let variants = o.variants.iter().map(|v| {
        let id = &v.ident;
        let fields = &v.fields;
        let d = format!("{}\n\n`{tag}: {}`", v.doc, v.tag_value);
        quote! { #[doc = #d] #id(#fields), }
    });
    // What is sent (requests) is written; what is read (responses, webhooks) is read.
    let conversion = match o.dir {
        Dir::Input => {
            let writes = o.variants.iter().map(|v| {
                let id = &v.ident;
                let value = &v.tag_value;
                quote! { #ident::#id(fields) => (#value, fields.to_json()), }
            });
            quote! {
                impl ToJson for #ident {
                    /// The tag first, then the variant's fields.
                    fn to_json(&self) -> Json {
                        let (tag, fields) = match self {
                            #(#writes)*
                        };
                        let mut o = codegen::object();
                        o.insert(#tag.to_string(), Json::String(tag.to_string()));
                        if let Json::Object(f) = fields {
                            o.extend(f);
                        }
                        Json::Object(o)
                    }
                }
            }
        }
        Dir::Output => {
            let reads = o.variants.iter().map(|v| {
                let id = &v.ident;
                let fields = &v.fields;
                let value = &v.tag_value;
                quote! { #value => #ident::#id(#fields::from_json(v)?), }
            });
            quote! {
                impl FromJson for #ident {
                    fn from_json(v: &JsonRef<'_>) -> Option<Self> {
                        Some(match codegen::tag(v, #tag)? {
                            #(#reads)*
                            _ => #ident::Other(v.to_json()),
                        })
                    }
                }
            }
        }
    };
    let (doc, other) = match o.dir {
        Dir::Input => (doc_attrs(&o.doc), quote! {}),
        Dir::Output => (
            doc_attrs(&format!(
                "{}\n\nAn object whose tag the spec does not list is kept whole as `Other`.",
                o.doc
            )),
            quote! {
                /// An object whose tag the spec does not list, as the gateway sent it.
                Other(Json),
            },
        ),
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        pub enum #ident {
            #(#variants)*
            #other
        }

        #conversion
    }
}

fn unified_tokens(u: PayoutStatus) -> TokenStream {
    let v = format_ident!("{}", format!("{u:?}"));
    quote! { PayoutStatus::#v }
}

fn status(m: &Module) -> TokenStream {
    let variants = m.statuses.iter().map(|s| {
        let id = &s.ident;
        let doc = doc_attrs(&s.doc);
        quote! { #doc #id, }
    });
    let reads = m.statuses.iter().map(|s| {
        let id = &s.ident;
        let v = &s.value;
        quote! { #v => Status::#id, }
    });
    let writes = m.statuses.iter().map(|s| {
        let id = &s.ident;
        let v = &s.value;
        quote! { Status::#id => #v, }
    });
    let unified = m.statuses.iter().map(|s| {
        let id = &s.ident;
        let u = unified_tokens(s.unified);
        if s.reasons.is_empty() {
            quote! { Status::#id => Some(#u), }
        } else {
            let arms = s.reasons.iter().map(|(r, u)| {
                let u = unified_tokens(*u);
                quote! { Some(#r) => Some(#u), }
            });
            quote! {
                Status::#id => match reason {
                    #(#arms)*
                    _ => Some(#u),
                },
            }
        }
    });
    quote! {
        /// The gateway's payout statuses. A value the spec does not know is kept as
        /// [`Status::Other`] and is never final.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum Status {
            #(#variants)*
            /// A value the spec does not map.
            Other(String),
        }

        impl Status {
            /// The typed status of a provider value.
            pub fn from_provider(value: &str) -> Self {
                match value {
                    #(#reads)*
                    other => Status::Other(other.to_string()),
                }
            }

            /// The provider value.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#writes)*
                    Status::Other(s) => s,
                }
            }

            /// The unified status, given the reason the gateway sent with it; `None` for
            /// [`Status::Other`].
            pub fn unified(&self, reason: Option<&str>) -> Option<PayoutStatus> {
                match self {
                    #(#unified)*
                    Status::Other(_) => None,
                }
            }
        }

        /// A status field of a response or webhook body: text or a number, as the gateway
        /// sends it.
        impl FromJson for Status {
            fn from_json(v: &JsonRef<'_>) -> Option<Self> {
                Some(Status::from_provider(v.scalar_str()?))
            }
        }
    }
}

fn webhooks(m: &Module) -> TokenStream {
    let variants = m.webhooks.iter().map(|w| {
        let v = &w.variant;
        let event = &w.event;
        let doc = doc_attrs(&w.doc);
        quote! { #doc #v(#event), }
    });
    // Every kind is the runtime's `TypedEvent` with the kind's body: reading it is the same
    // for every gateway.
    let events = m.webhooks.iter().map(|w| {
        let event = &w.event;
        let body = &w.body;
        let doc = format!(
            "A verified `{}` webhook: its body typed, the gateway's status typed, and the \
             unified event.",
            w.name
        );
        quote! {
            #[doc = #doc]
            pub type #event = ::payout::runtime::TypedEvent<#body, Status>;
        }
    });
    let arms = m.webhooks.iter().map(|w| {
        let v = &w.variant;
        let name = &w.name;
        quote! {
            #name => Ok(Webhook::#v(::payout::runtime::TypedEvent::read(event, fields, Status::from_provider))),
        }
    });
    quote! {
        /// A verified webhook, by kind.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Webhook {
            #(#variants)*
        }

        #(#events)*

        impl Webhook {
            /// The kind of a verified event, by the spec's name of its webhook, its body typed
            /// from `fields` (the body as read).
            fn from_event(event: WebhookEvent, fields: &JsonRef<'_>) -> Result<Self, PayoutError> {
                match event.webhook.as_str() {
                    #(#arms)*
                    _ => Err(::payout::runtime::typed_webhook::unknown_webhook(&event)),
                }
            }
        }
    }
}
