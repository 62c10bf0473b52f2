//! Stage 4: print the model as Rust.
//!
//! The generated module leans on `payout::runtime::codegen` for conversions and on
//! `DynamicClient` for every call, so it holds types and glue only: the same signing,
//! validation and reading code runs for typed and dynamic clients.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{Dir, EnumDef, FieldDef, Module, OneOfDef, StructDef, Ty, TypeDef};
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
    let client = client(m);
    let types: Vec<TokenStream> = m.types.iter().map(type_def).collect();
    let responses: Vec<TokenStream> = m
        .ops
        .iter()
        .map(|op| {
            let response = &op.response;
            let body = &op.response_body;
            let name = &op.name;
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

                impl #response {
                    fn from_result(result: PayoutResult) -> Self {
                        #response {
                            body: #body::from_json(&result.response).unwrap_or_default(),
                            status: result.provider_status.as_deref().map(Status::from_provider),
                            result,
                        }
                    }
                }
            }
        })
        .collect();
    let status = status(m);
    let webhooks = webhooks(m);
    quote! {
        #[doc = #doc]
        #vis mod #ident {
            #![allow(clippy::all, clippy::pedantic, non_camel_case_types, non_snake_case, unused_mut, unused_variables)]

            #(#imports)*

            // The spec file this module was generated from, included so that cargo rebuilds
            // the crate when the spec changes.
            const _: &[u8] = ::core::include_bytes!(#spec_file);

            #credentials
            #environment
            #client
            #(#types)*
            #(#responses)*
            #status
            #webhooks

            /// The gateway's provider id.
            pub const PROVIDER_ID: &str = #provider_id;

            /// The checked spec, embedded at compile time (no YAML is read at run time).
            pub const SPEC_JSON: &str = #spec_json;

            /// The spec, compiled once (its templates too) for every client of this module.
            pub fn spec() -> Result<Arc<CompiledSpec>, PayoutError> {
                static SPEC: OnceLock<Result<Arc<CompiledSpec>, PayoutError>> = OnceLock::new();
                SPEC.get_or_init(|| CompiledSpec::from_embedded(SPEC_JSON).map(Arc::new)).clone()
            }
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

            /// By the spec's credential names, for the runtime.
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
    }
}

fn client(m: &Module) -> TokenStream {
    let methods = m.ops.iter().map(|op| {
        let method = &op.method;
        let request = &op.request;
        let response = &op.response;
        let name = &op.name;
        let mut doc = op.doc.clone();
        if op.role == OperationRole::Create {
            doc.push_str("\n\nSent once, never retried: an error with `may_exist` means the payout may exist at the gateway; query before sending it again.");
        } else {
            doc.push_str("\n\nRetried with backoff on transient failures, freshly signed each time.");
        }
        let doc = doc_attrs(&doc);
        quote! {
            #doc
            pub async fn #method(&self, request: &#request) -> Result<#response, PayoutError> {
                codegen::call(&self.inner, #name, request).await.map(#response::from_result)
            }
        }
    });
    let env_ctor = if m.environments.is_empty() {
        quote! {}
    } else {
        quote! {
            /// A client for one of the gateway's environments.
            pub fn new(credentials: Credentials, environment: Environment, options: ClientOptions) -> Result<Self, PayoutError> {
                Client::with_base_url(credentials, environment.base_url(), options)
            }
        }
    };
    quote! {
        /// A client of the gateway: typed methods per operation, and the unified
        /// [`PayoutProvider`] interface. Cheap to clone.
        #[derive(Debug, Clone)]
        pub struct Client {
            inner: DynamicClient,
        }

        impl Client {
            #env_ctor

            /// A client for any base URL (a plain `http://` one needs
            /// `ClientOptions::allow_insecure_http`).
            pub fn with_base_url(credentials: Credentials, base_url: &str, options: ClientOptions) -> Result<Self, PayoutError> {
                let spec = spec()?;
                let creds = ::payout::runtime::Credentials::new(spec.spec(), credentials.values())?;
                Ok(Client { inner: DynamicClient::new(spec, creds, base_url, options)? })
            }

            /// [`Client::with_base_url`] with the credentials by the spec's names (see
            /// [`Credentials::from_map`]).
            pub fn from_map(credentials: &IndexMap<String, String>, base_url: &str, options: ClientOptions) -> Result<Self, PayoutError> {
                Client::with_base_url(Credentials::from_map(credentials)?, base_url, options)
            }

            /// The dynamic client underneath (operations by name, raw input).
            pub fn dynamic(&self) -> &DynamicClient {
                &self.inner
            }

            #(#methods)*

            /// Verifies a webhook, then reads it. One that does not verify is an error, never
            /// an event.
            pub fn webhook(&self, request: &WebhookRequest<'_>) -> Result<Webhook, PayoutError> {
                Webhook::from_event(self.inner.webhook(request)?)
            }
        }

        impl PayoutProvider for Client {
            fn provider_id(&self) -> &str {
                self.inner.provider_id()
            }

            fn supports(&self, capability: Capability) -> bool {
                self.inner.supports(capability)
            }

            fn create_payout<'a>(&'a self, request: &'a CreatePayout) -> BoxFuture<'a, Result<PayoutResult, PayoutError>> {
                self.inner.create_payout(request)
            }

            fn query_payout<'a>(&'a self, reference: &'a PayoutRef) -> BoxFuture<'a, Result<PayoutResult, PayoutError>> {
                self.inner.query_payout(reference)
            }

            fn parse_webhook(&self, request: &WebhookRequest<'_>) -> Result<WebhookEvent, PayoutError> {
                self.inner.parse_webhook(request)
            }

            fn verify_webhook<'a>(&'a self, request: WebhookRequest<'a>) -> BoxFuture<'a, Result<WebhookEvent, PayoutError>> {
                self.inner.verify_webhook(request)
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

fn type_def(t: &TypeDef) -> TokenStream {
    match t {
        TypeDef::Struct(s) => struct_def(s),
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

fn struct_def(s: &StructDef) -> TokenStream {
    let ident = &s.ident;
    let doc = doc_attrs(&s.doc);
    let fields: Vec<TokenStream> = s.fields.iter().map(field_decl).collect();
    match s.dir {
        Dir::Output => {
            let doc = doc_attrs(&format!(
                "{}\n\nRead leniently: a field that is missing, `null` or not of its type is \
                 `None`. The raw JSON (`result.response` of a response, `event.body` of a \
                 webhook) is the source of truth for anything not read here.",
                s.doc
            ));
            let gets = s.fields.iter().map(|f| {
                let id = &f.ident;
                let name = &f.name;
                quote! { #id: codegen::get(v, #name), }
            });
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq, Default)]
                pub struct #ident {
                    #(#fields)*
                }

                impl FromJson for #ident {
                    fn from_json(v: &Json) -> Option<Self> {
                        v.as_object()?;
                        Some(#ident {
                            #(#gets)*
                        })
                    }
                }
            }
        }
        Dir::Input => {
            let puts = s.fields.iter().map(|f| {
                let id = &f.ident;
                let name = &f.name;
                if f.optional {
                    quote! { codegen::put_opt(&mut o, #name, &self.#id); }
                } else {
                    quote! { codegen::put(&mut o, #name, &self.#id); }
                }
            });
            let required: Vec<&FieldDef> = s.fields.iter().filter(|f| !f.optional).collect();
            let params = required.iter().map(|f| {
                let id = &f.ident;
                let (ty, _) = param_ty(&f.ty);
                quote! { #id: #ty }
            });
            let inits = s.fields.iter().map(|f| {
                let id = &f.ident;
                if f.optional {
                    quote! { #id: None, }
                } else if param_ty(&f.ty).1 {
                    quote! { #id: #id.into(), }
                } else {
                    quote! { #id, }
                }
            });
            let setters = s.fields.iter().filter(|f| f.optional).map(|f| {
                let id = &f.ident;
                // A field called `new` cannot have a setter called `new`: that is the constructor.
                let setter = if id == "new" {
                    quote::format_ident!("set_new")
                } else {
                    id.clone()
                };
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
                        self.#id = Some(#value);
                        self
                    }
                }
            });
            let new_doc = if required.is_empty() {
                "With every field unset.".to_string()
            } else {
                format!(
                    "With its required fields: {}. The others are set with the methods of the same name.",
                    required.iter().map(|f| format!("`{}`", f.name)).collect::<Vec<_>>().join(", ")
                )
            };
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq)]
                pub struct #ident {
                    #(#fields)*
                }

                impl #ident {
                    #[doc = #new_doc]
                    pub fn new(#(#params),*) -> Self {
                        #ident {
                            #(#inits)*
                        }
                    }

                    #(#setters)*
                }

                impl ToJson for #ident {
                    fn to_json(&self) -> Json {
                        let mut o = codegen::object();
                        #(#puts)*
                        Json::Object(o)
                    }
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
                }

                impl FromJson for #ident {
                    fn from_json(v: &Json) -> Option<Self> {
                        let value = match v.scalar_text()?.as_str() {
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
                    fn from_json(v: &Json) -> Option<Self> {
                        let text = v.scalar_text()?;
                        Some(match text.as_str() {
                            #(#reads)*
                            _ => #ident::Other(text),
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
                    fn from_json(v: &Json) -> Option<Self> {
                        Some(match codegen::tag(v, #tag)? {
                            #(#reads)*
                            _ => #ident::Other(v.clone()),
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
            fn from_json(v: &Json) -> Option<Self> {
                Some(Status::from_provider(&v.scalar_text()?))
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
    let structs = m.webhooks.iter().map(|w| {
        let event = &w.event;
        let body = &w.body;
        let doc = format!(
            "A verified `{}` webhook.\n\n\
             The typed body is a reading of the raw JSON, which stays available as `event.body` \
             and is the source of truth: a field the spec does not list, or a value that is not \
             of its declared type, is `None` in the body but still there.",
            w.name
        );
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, PartialEq)]
            pub struct #event {
                /// The body's fields, typed; the raw JSON is `event.body`.
                pub body: #body,
                /// The gateway's status, typed.
                pub status: Option<Status>,
                /// The unified event, with the acknowledgement to answer.
                pub event: WebhookEvent,
            }
        }
    });
    let arms = m.webhooks.iter().map(|w| {
        let v = &w.variant;
        let event = &w.event;
        let body = &w.body;
        let name = &w.name;
        quote! {
            #name => Ok(Webhook::#v(#event {
                body: #body::from_json(&event.body).unwrap_or_default(),
                status: event.provider_status.as_deref().map(Status::from_provider),
                event,
            })),
        }
    });
    quote! {
        /// A verified webhook, by kind.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Webhook {
            #(#variants)*
        }

        #(#structs)*

        impl Webhook {
            fn from_event(event: WebhookEvent) -> Result<Self, PayoutError> {
                match event.webhook.as_str() {
                    #(#arms)*
                    other => Err(PayoutError::config(::std::format!("unknown webhook `{other}`"))),
                }
            }
        }
    }
}
