//! Stage 3: the Rust shape of a spec. Every type the module will contain, with its name,
//! documentation and fields, decided here once; the generator only prints it.

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};
use payout_spec::{Field, FieldType, OperationRole, PayoutStatus, Spec};
use proc_macro2::{Ident, Span};

/// The module to generate.
pub struct Module {
    pub vis: syn::Visibility,
    pub ident: Ident,
    pub doc: String,
    /// The spec's provider id.
    pub provider_id: String,
    /// The spec file, absolute.
    pub spec_file: String,
    /// The checked model, embedded.
    pub spec_json: String,
    pub credentials: Vec<Cred>,
    pub environments: Vec<Environment>,
    pub types: Vec<TypeDef>,
    pub ops: Vec<Op>,
    pub statuses: Vec<StatusVariant>,
    pub webhooks: Vec<Hook>,
    /// The spec's `error_codes`: the gateway's code and the error kind it is read as.
    pub error_codes: Vec<(String, String)>,
    /// The `use` items: the paths of [`IMPORTS`] with only the names the module uses, so
    /// that no spec yields an unused import.
    pub imports: Vec<(&'static str, Vec<&'static str>)>,
    /// Where users reach the module (`payout::gateways::cashy`), when the caller said: its
    /// documentation's examples are then doctests.
    pub doc_path: Option<syn::Path>,
}

pub struct Cred {
    pub ident: Ident,
    pub name: String,
    pub secret: bool,
    pub doc: String,
}

/// One of the spec's environments (sandbox, live): a variant of the generated `Environment`.
pub struct Environment {
    pub ident: Ident,
    pub base_url: String,
    pub doc: String,
}

pub struct Op {
    pub name: String,
    pub role: OperationRole,
    /// This operation's own error codes (on top of the spec's), as in [`Module::error_codes`].
    pub error_codes: Vec<(String, String)>,
    pub request: Ident,
    /// Where each field of the request struct goes, in its order: the position of its
    /// field among the operation's request fields (`Operation::request_fields`), which is
    /// the slot the runtime reads it from.
    pub slots: Vec<usize>,
    pub response: Ident,
    pub response_body: Ident,
}

pub struct Hook {
    pub name: String,
    pub variant: Ident,
    pub event: Ident,
    pub body: Ident,
    pub doc: String,
}

pub struct StatusVariant {
    pub ident: Ident,
    pub value: String,
    pub unified: PayoutStatus,
    pub reasons: Vec<(String, PayoutStatus)>,
    pub doc: String,
}

pub enum TypeDef {
    Struct(StructDef),
    Enum(EnumDef),
    OneOf(OneOfDef),
}

impl TypeDef {
    fn dir(&self) -> Dir {
        match self {
            TypeDef::Struct(s) => s.dir,
            TypeDef::Enum(e) => e.dir,
            TypeDef::OneOf(o) => o.dir,
        }
    }
}

/// Whether a struct is input (sent: required fields are plain values) or output (read: every
/// field is optional, gateways leave things out).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Input,
    Output,
}

pub struct StructDef {
    pub ident: Ident,
    pub doc: String,
    pub dir: Dir,
    pub fields: Vec<FieldDef>,
    /// An input struct with both required and optional fields keeps the optional ones in a
    /// struct of their own, named here, that is `Default`: a struct literal then names every
    /// required field (one left out does not compile) and `optional: Default::default()`.
    pub optional: Option<Ident>,
}

pub struct FieldDef {
    pub ident: Ident,
    /// The gateway's JSON name.
    pub name: String,
    pub ty: Ty,
    pub optional: bool,
    pub doc: String,
    /// The spec's example value, for the generated documentation's examples.
    pub example: Option<String>,
}

#[derive(Clone)]
pub enum Ty {
    String,
    I64,
    Decimal,
    Bool,
    Json,
    Named(Ident),
    Vec(Box<Ty>),
}

impl Ty {
    fn has_decimal(&self) -> bool {
        match self {
            Ty::Decimal => true,
            Ty::Vec(t) => t.has_decimal(),
            _ => false,
        }
    }
}

/// An enum of listed values. An output enum (read from responses and webhooks) also has an
/// `Other(String)` variant, so a value the spec does not list is kept, not read as missing;
/// an input enum is closed, so a value the gateway does not accept does not compile.
pub struct EnumDef {
    pub ident: Ident,
    pub doc: String,
    pub dir: Dir,
    pub variants: Vec<EnumVariant>,
}

pub struct EnumVariant {
    pub ident: Ident,
    /// The enum name, as written to the runtime.
    pub name: String,
    /// The wire value, when it differs from the name (`TRANSFER` is sent as `701`).
    pub wire: Option<String>,
    pub doc: String,
}

/// A tagged object. An output one (read) also has an `Other(Json)` variant that keeps an
/// object whose tag the spec does not list.
pub struct OneOfDef {
    pub ident: Ident,
    pub doc: String,
    pub dir: Dir,
    pub tag: String,
    pub variants: Vec<OneOfVariant>,
}

pub struct OneOfVariant {
    pub ident: Ident,
    pub tag_value: String,
    pub fields: Ident,
    pub doc: String,
}

/// Builds the module's model from a checked spec.
pub fn build(
    spec: &Spec,
    vis: syn::Visibility,
    module: Option<Ident>,
    spec_file: String,
) -> Result<Module, String> {
    let mut b = Builder::default();
    let imported = IMPORTS.iter().flat_map(|(_, names)| names.iter());
    b.names
        .extend(DEFINED_TYPES.iter().chain(imported).map(|s| s.to_string()));
    let p = &spec.provider;
    let module_ident = module.unwrap_or_else(|| ident(&snake(&p.id)));
    let mut doc = format!(
        "{} — generated from `{}` by `payout::provider!`.",
        p.name,
        file_name(&spec_file)
    );
    if let Some(d) = &p.description {
        doc.push_str("\n\n");
        doc.push_str(d);
    }
    if let Some(url) = &p.docs {
        doc.push_str(&format!("\n\nGateway documentation: <{url}>"));
    }
    doc.push_str(&format!(
        "\n\nMoney: {}, amounts as exact decimals. A [`Client`] sends each operation's typed \
         request with [`send`](::payout::runtime::TypedClient::send), and serves the unified \
         interface, [`PayoutProvider`](::payout::runtime::PayoutProvider).",
        spec.money.currency
    ));

    let mut cred_names = HashSet::new();
    let credentials: Vec<Cred> = spec
        .credentials
        .iter()
        .map(|(name, c)| Cred {
            ident: ident(&unique(&mut cred_names, field_ident(name))),
            name: name.clone(),
            secret: c.is_secret(),
            doc: c
                .description
                .clone()
                .unwrap_or_else(|| format!("The `{name}` credential.")),
        })
        .collect();
    let mut env_names = HashSet::new();
    let environments = spec
        .environments
        .iter()
        .map(|(name, e)| Environment {
            ident: ident(&unique(&mut env_names, variant_name(name))),
            base_url: e.base_url.clone(),
            doc: e
                .description
                .clone()
                .map(|d| format!("{d}\n\n`{}`", e.base_url))
                .unwrap_or_else(|| format!("`{}`", e.base_url)),
        })
        .collect();

    let mut ops = Vec::new();
    for (name, op) in &spec.operations {
        let base = pascal(name);
        let request = b.name(&format!("{base}Request"));
        b.struct_def(
            &request,
            op.description
                .clone()
                .unwrap_or_else(|| format!("The `{name}` operation.")),
            Dir::Input,
            op.request_fields().map(|(_, n, f)| (n, f)),
        );
        let response_body = b.name(&format!("{base}ResponseBody"));
        let body_fields = op.response.body.iter().flat_map(|x| &x.fields);
        b.struct_def(
            &response_body,
            format!("The body of a successful `{name}` response."),
            Dir::Output,
            body_fields.map(|(n, f)| (n.as_str(), f)),
        );
        let response = b.name(&format!("{base}Response"));
        ops.push(Op {
            name: name.clone(),
            role: op.role,
            error_codes: error_codes(&op.response.codes),
            request: ident(&request),
            // The request struct leaves out computed fields, as `struct_def` does.
            slots: op
                .request_fields()
                .enumerate()
                .filter(|(_, (_, _, f))| f.is_input())
                .map(|(slot, _)| slot)
                .collect(),
            response: ident(&response),
            response_body: ident(&response_body),
        });
    }

    let mut webhooks = Vec::new();
    let mut hook_variants = HashSet::new();
    for (name, w) in &spec.webhooks {
        let base = pascal(name);
        let variant = unique(&mut hook_variants, base.clone());
        let event = b.name(&format!("{base}Event"));
        let body = b.name(&format!("{base}Body"));
        b.struct_def(
            &body,
            format!("The body of the `{name}` webhook."),
            Dir::Output,
            w.body.fields.iter().map(|(n, f)| (n.as_str(), f)),
        );
        webhooks.push(Hook {
            name: name.clone(),
            variant: ident(&variant),
            event: ident(&event),
            body: ident(&body),
            doc: w
                .description
                .clone()
                .unwrap_or_else(|| format!("The `{name}` webhook.")),
        });
    }

    // `Other` is the variant for values the spec does not map.
    let mut status_names = HashSet::from(["Other".to_string()]);
    let statuses = spec
        .statuses
        .iter()
        .map(|(value, e)| {
            let name = unique(&mut status_names, variant_name(value));
            let mut doc = format!("`{value}` → {}", e.unified());
            if let Some(d) = e.description() {
                doc = format!("{d}\n\n{doc}");
            }
            StatusVariant {
                ident: ident(&name),
                value: value.clone(),
                unified: e.unified(),
                reasons: e.0.reasons.iter().map(|(k, v)| (k.clone(), *v)).collect(),
                doc,
            }
        })
        .collect();

    let error_codes = error_codes(&spec.error_codes);
    let spec_json = payout_spec::to_embedded(spec)?;
    let imports = imports(&credentials, &b.types);
    Ok(Module {
        vis,
        ident: module_ident,
        doc,
        provider_id: p.id.clone(),
        spec_file,
        spec_json,
        credentials,
        environments,
        types: b.types,
        ops,
        statuses,
        webhooks,
        error_codes,
        imports,
        doc_path: None,
    })
}

/// Error codes as the documentation lists them: the code, and the kind it is read as.
fn error_codes(
    codes: &indexmap::IndexMap<String, payout_spec::ErrorKind>,
) -> Vec<(String, String)> {
    codes
        .iter()
        .map(|(code, kind)| (code.clone(), kind.as_str().to_string()))
        .collect()
}

/// [`IMPORTS`], less the names this module does not use: `Secret` without a secret
/// credential, `Decimal` without a decimal field, `ToJson` without a request type. Every
/// module uses the others (the client, `Status`, the response types).
fn imports(credentials: &[Cred], types: &[TypeDef]) -> Vec<(&'static str, Vec<&'static str>)> {
    let secret = credentials.iter().any(|c| c.secret);
    let decimal = types.iter().any(|t| match t {
        TypeDef::Struct(s) => s.fields.iter().any(|f| f.ty.has_decimal()),
        TypeDef::Enum(_) | TypeDef::OneOf(_) => false,
    });
    let input = types.iter().any(|t| t.dir() == Dir::Input);
    IMPORTS
        .iter()
        .map(|(path, names)| {
            let used = names.iter().copied().filter(|name| match *name {
                "Secret" => secret,
                "Decimal" => decimal,
                "ToJson" => input,
                _ => true,
            });
            (*path, used.collect())
        })
        .collect()
}

/// Names types uniquely and collects them.
#[derive(Default)]
struct Builder {
    names: HashSet<String>,
    types: Vec<TypeDef>,
}

impl Builder {
    /// A type name not used yet (a second `CreatePayoutMode` becomes `CreatePayoutMode2`).
    fn name(&mut self, wanted: &str) -> String {
        let mut name = wanted.to_string();
        let mut n = 2;
        while !self.names.insert(name.clone()) {
            name = format!("{wanted}{n}");
            n += 1;
        }
        name
    }

    fn push(&mut self, t: TypeDef) {
        self.types.push(t);
    }

    /// A struct named `name` (already taken with [`Builder::name`]) and the types its
    /// fields need. Input structs leave out computed fields; fields whose Rust names
    /// collide after conversion (`accountNo` and `account_no`) are told apart.
    fn struct_def<'f>(
        &mut self,
        name: &str,
        doc: String,
        dir: Dir,
        fields: impl IntoIterator<Item = (&'f str, &'f Field)>,
    ) {
        // `optional` is the field that holds an input struct's optional part.
        let mut taken = HashSet::new();
        if dir == Dir::Input {
            taken.insert("optional".to_string());
        }
        let fields: Vec<FieldDef> = fields
            .into_iter()
            .filter(|(_, f)| dir == Dir::Output || f.is_input())
            .map(|(n, f)| {
                let mut def = self.field(name, n, f, dir);
                def.ident = ident(&unique(&mut taken, def.ident.to_string()));
                def
            })
            .collect();
        let split = dir == Dir::Input
            && fields.iter().any(|f| f.optional)
            && fields.iter().any(|f| !f.optional);
        let optional = split.then(|| ident(&self.name(&format!("{name}Optional"))));
        self.push(TypeDef::Struct(StructDef {
            ident: ident(name),
            doc,
            dir,
            fields,
            optional,
        }));
    }

    /// A field and, for enums, objects and one-ofs, the types it needs.
    fn field(&mut self, owner: &str, name: &str, f: &Field, dir: Dir) -> FieldDef {
        let ty = self.ty(owner, name, f, dir);
        // Input the caller must give: required, and not filled by the runtime.
        let optional = dir == Dir::Output || !f.required || f.filled_when_absent();
        FieldDef {
            ident: ident(&field_ident(name)),
            name: name.to_string(),
            ty,
            optional,
            doc: field_doc(name, f, dir, optional),
            example: f
                .example
                .as_ref()
                .map(|e| e.scalar_text().unwrap_or_else(|| e.to_string())),
        }
    }

    fn ty(&mut self, owner: &str, name: &str, f: &Field, dir: Dir) -> Ty {
        let own = format!("{owner}{}", pascal(name));
        // Where the gateway's status is read from: the module's `Status`, which keeps a value
        // the spec does not map as `Status::Other`.
        if dir == Dir::Output && f.role == Some(payout_spec::Role::Status) {
            return Ty::Named(ident("Status"));
        }
        if let Some(values) = &f.values {
            let enum_name = self.name(&own);
            // An output enum's `Other` holds values the spec does not list.
            let mut taken = HashSet::new();
            if dir == Dir::Output {
                taken.insert("Other".to_string());
            }
            let variants = values
                .pairs()
                .iter()
                .map(|(n, wire)| {
                    let v = unique(&mut taken, variant_name(n));
                    let wire_text = wire.scalar_text().unwrap_or_default();
                    EnumVariant {
                        ident: ident(&v),
                        name: n.clone(),
                        wire: (wire_text != *n).then_some(wire_text),
                        doc: format!("`{n}`"),
                    }
                })
                .collect();
            self.push(TypeDef::Enum(EnumDef {
                ident: ident(&enum_name),
                doc: format!("The values of `{name}`."),
                dir,
                variants,
            }));
            return Ty::Named(ident(&enum_name));
        }
        match f.ty {
            FieldType::String | FieldType::Datetime => Ty::String,
            FieldType::Int => Ty::I64,
            FieldType::Decimal | FieldType::Amount => Ty::Decimal,
            FieldType::Bool => Ty::Bool,
            FieldType::Any => Ty::Json,
            FieldType::Array => match &f.items {
                Some(item) => Ty::Vec(Box::new(self.ty(&own, "Item", item, dir))),
                None => Ty::Vec(Box::new(Ty::Json)),
            },
            FieldType::Object => {
                let struct_name = self.name(&own);
                let doc = f
                    .description
                    .clone()
                    .unwrap_or_else(|| format!("The `{name}` object."));
                let fields = f.fields.iter().flatten();
                self.struct_def(&struct_name, doc, dir, fields.map(|(n, x)| (n.as_str(), x)));
                Ty::Named(ident(&struct_name))
            }
            FieldType::OneOf => {
                let enum_name = self.name(&own);
                let mut variants = Vec::new();
                let mut variant_names = HashSet::new();
                if dir == Dir::Output {
                    variant_names.insert("Other".to_string());
                }
                for (tag_value, v) in f.variants.iter().flatten() {
                    let struct_name = self.name(&format!("{enum_name}{}", pascal(tag_value)));
                    let doc = v.description.clone().unwrap_or_else(|| {
                        format!(
                            "`{name}` with `{}: {tag_value}`.",
                            f.tag.clone().unwrap_or_default()
                        )
                    });
                    let fields = v.fields.iter().map(|(n, x)| (n.as_str(), x));
                    self.struct_def(&struct_name, doc.clone(), dir, fields);
                    variants.push(OneOfVariant {
                        ident: ident(&unique(&mut variant_names, variant_name(tag_value))),
                        tag_value: tag_value.clone(),
                        fields: ident(&struct_name),
                        doc,
                    });
                }
                self.push(TypeDef::OneOf(OneOfDef {
                    ident: ident(&enum_name),
                    dir,
                    doc: f
                        .description
                        .clone()
                        .unwrap_or_else(|| format!("The shapes of `{name}`, chosen by its tag.")),
                    tag: f.tag.clone().unwrap_or_default(),
                    variants,
                }));
                Ty::Named(ident(&enum_name))
            }
        }
    }
}

/// The documentation of a field: its description, then its wire name and limits.
fn field_doc(name: &str, f: &Field, dir: Dir, optional: bool) -> String {
    let mut facts = vec![format!("`{name}`")];
    match (dir, f.required, optional) {
        (Dir::Input, true, false) => facts.push("required".into()),
        (Dir::Input, true, true) => facts.push("always sent".into()),
        _ => {}
    }
    match (f.min_len, f.max_len) {
        (Some(a), Some(b)) => facts.push(format!("{a} to {b} characters")),
        (None, Some(b)) => facts.push(format!("at most {b} characters")),
        (Some(a), None) => facts.push(format!("at least {a} characters")),
        _ => {}
    }
    if let Some(p) = &f.pattern {
        facts.push(format!("pattern `{p}`"));
    }
    match (&f.min, &f.max) {
        (Some(a), Some(b)) => facts.push(format!("{a} to {b}")),
        (Some(a), None) => facts.push(format!("at least {a}")),
        (None, Some(b)) => facts.push(format!("at most {b}")),
        _ => {}
    }
    // How the runtime fills the field when it is left out (see `Field::filled_when_absent`).
    if let Some(d) = &f.default {
        facts.push(format!(
            "default `{}`",
            d.scalar_text().unwrap_or_else(|| d.to_string())
        ));
    } else if f.role == Some(payout_spec::Role::Currency) {
        facts.push("the spec's currency when left out".into());
    } else if f.generate.is_some() {
        facts.push("generated when left out".into());
    }
    if let Some(r) = &f.role {
        facts.push(format!("unified role `{r}`"));
    }
    if dir == Dir::Output && f.role == Some(payout_spec::Role::Status) {
        facts.push("read as [`Status`]".into());
    }
    if f.ty == FieldType::Amount {
        facts.push("an exact amount, written as the spec's money format says".into());
    }
    let head = f.description.clone().unwrap_or_default();
    if head.is_empty() {
        facts.join(" · ")
    } else {
        format!("{head}\n\n{}", facts.join(" · "))
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn snake(s: &str) -> String {
    s.to_snake_case()
}

fn pascal(s: &str) -> String {
    let p = s.to_upper_camel_case();
    if p.is_empty() {
        "X".into()
    } else {
        p
    }
}

/// A Rust field name for a JSON name: snake case, a keyword gets a trailing `_`, a
/// leading digit a `f_`.
pub fn field_ident(name: &str) -> String {
    let mut s = identifier_chars(&snake(name));
    if s.is_empty() {
        s = "field".into();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s = format!("f_{s}");
    }
    if is_keyword(&s) {
        s.push('_');
    }
    s
}

/// A Rust variant name for a value: `BANK_ACCOUNT` → `BankAccount`, `User Timed Out` →
/// `UserTimedOut`, `1` → `V1`.
pub fn variant_name(value: &str) -> String {
    let cleaned: String = value
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let mut p = pascal(&cleaned);
    if p.starts_with(|c: char| c.is_ascii_digit()) {
        p = format!("V{p}");
    }
    if is_keyword(&p) {
        p.push('_');
    }
    p
}

fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "as" | "break"
            | "const"
            | "continue"
            | "crate"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "Self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "async"
            | "await"
            | "dyn"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
            | "gen"
    )
}

/// `s` with every character an identifier cannot hold replaced by `_`.
fn identifier_chars(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A valid Rust identifier for any text, so that no spec can make the macro panic: other
/// characters become `_`, a leading digit gets a `_` before it, a keyword a `_` after it.
pub fn ident(s: &str) -> Ident {
    let mut out = identifier_chars(s);
    if out.is_empty() || out == "_" {
        out = "x_".into();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out = format!("_{out}");
    }
    if is_keyword(&out) {
        out.push('_');
    }
    Ident::new(&out, Span::call_site())
}

/// `name`, or `name_`, `name__`... so that it is not in `taken`; then taken.
fn unique(taken: &mut HashSet<String>, name: String) -> String {
    let mut n = name;
    while !taken.insert(n.clone()) {
        n.push('_');
    }
    n
}

/// What the generated module imports, by path. Generated types must not take these names;
/// `generate` writes the `use` items from this list.
pub const IMPORTS: &[(&str, &[&str])] = &[
    ("payout::runtime::codegen", &["self", "FromJson", "ToJson"]),
    (
        "payout::runtime",
        &[
            "CompiledSpec",
            "Decimal",
            "IndexMap",
            "Json",
            "JsonRef",
            "PayoutError",
            "PayoutResult",
            "PayoutStatus",
            "Secret",
            "WebhookEvent",
        ],
    ),
    ("std::sync", &["Arc", "OnceLock"]),
];

/// Names the module defines itself, and prelude names it uses: generated types must not
/// take them either.
const DEFINED_TYPES: &[&str] = &[
    "Credentials",
    "Environment",
    "Client",
    "Gateway",
    "Status",
    "Webhook",
    "Option",
    "Result",
    "String",
    "Vec",
    "Some",
    "None",
    "Ok",
    "Err",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_rust_names() {
        assert_eq!(field_ident("mchOrderNo"), "mch_order_no");
        assert_eq!(field_ident("type"), "type_");
        assert_eq!(field_ident("post_hash"), "post_hash");
        assert_eq!(variant_name("BANK_ACCOUNT"), "BankAccount");
        assert_eq!(variant_name("User Timed Out"), "UserTimedOut");
        assert_eq!(variant_name("1"), "V1");
        assert_eq!(variant_name("0x0200"), "V0x0200");
        assert_eq!(
            variant_name("payout.transfer.success"),
            "PayoutTransferSuccess"
        );
    }

    /// Any text becomes an identifier `syn` accepts, and clashing names are told apart.
    #[test]
    fn any_text_is_a_usable_identifier() {
        for s in [
            "", "_", "9lives", "a-b c", "fn", "self", "Self", "ü", "__", "crate",
        ] {
            let i = ident(s).to_string();
            assert!(syn::parse_str::<Ident>(&i).is_ok(), "{s:?} gave {i:?}");
        }
        assert_eq!(field_ident("9lives"), "f_9lives");
        assert_eq!(field_ident("a-b"), "a_b");
        let mut taken = HashSet::new();
        assert_eq!(unique(&mut taken, "x".into()), "x");
        assert_ne!(unique(&mut taken, "x".into()), "x");
    }
}
